import { Migration } from '@mikro-orm/migrations';

export class Migration20261121132130 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "password_notice" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "account_id" uuid null, "issuance_id" uuid null, "bulk_total" int null, "download_token_hash" varchar(64) not null, "sealed_content" text null, "expires_at" timestamptz not null, "rendered_at" timestamptz null, "fetched_at" timestamptz null, "superseded_at" timestamptz null, constraint "password_notice_pkey" primary key ("id"));`);
    this.addSql(`alter table "password_notice" add constraint "password_notice_issuance_id_unique" unique ("issuance_id");`);
    this.addSql(`alter table "password_notice" add constraint "password_notice_download_token_hash_unique" unique ("download_token_hash");`);
    this.addSql(`create index "password_notice_account_id_fetched_at_index" on "password_notice" ("account_id", "fetched_at");`);

    this.addSql(`create table "password_notice_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "notice_id" uuid not null, "position" int not null, "account_id" uuid not null, "issuance_id" uuid null, "sealed_password" text null, constraint "password_notice_item_pkey" primary key ("id"));`);
    this.addSql(`create index "password_notice_item_account_id_index" on "password_notice_item" ("account_id");`);
    this.addSql(`alter table "password_notice_item" add constraint "password_notice_item_notice_id_position_unique" unique ("notice_id", "position");`);

    this.addSql(`alter table "password_notice" add constraint "password_notice_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "password_notice" add constraint "password_notice_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "password_notice" add constraint "password_notice_issuance_id_foreign" foreign key ("issuance_id") references "issuance" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "password_notice_item" add constraint "password_notice_item_notice_id_foreign" foreign key ("notice_id") references "password_notice" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "password_notice_item" add constraint "password_notice_item_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "password_notice_item" add constraint "password_notice_item_issuance_id_foreign" foreign key ("issuance_id") references "issuance" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "password_notice_item" drop constraint "password_notice_item_notice_id_foreign";`);

    this.addSql(`drop table if exists "password_notice" cascade;`);

    this.addSql(`drop table if exists "password_notice_item" cascade;`);
  }

}
