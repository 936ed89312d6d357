import { Migration } from '@mikro-orm/migrations';

export class Migration20261121131623 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "bulk_run" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "requested_by_id" uuid null, "may_reissue" boolean not null, "total" int not null, "workflow_id" varchar(200) not null, "finished_at" timestamptz null, "seconds_per_mail" double precision null, constraint "bulk_run_pkey" primary key ("id"));`);

    this.addSql(`create table "bulk_run_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "run_id" uuid not null, "position" int not null, "account_id" uuid not null, "email_slot" smallint not null, "status" text check ("status" in ('queued', 'started', 'skipped')) not null, "issuance_id" uuid null, "skip_reason" varchar(500) null, constraint "bulk_run_item_pkey" primary key ("id"));`);
    this.addSql(`create index "bulk_run_item_run_id_status_index" on "bulk_run_item" ("run_id", "status");`);
    this.addSql(`alter table "bulk_run_item" add constraint "bulk_run_item_run_id_position_unique" unique ("run_id", "position");`);

    this.addSql(`alter table "bulk_run" add constraint "bulk_run_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "bulk_run" add constraint "bulk_run_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "bulk_run_item" add constraint "bulk_run_item_run_id_foreign" foreign key ("run_id") references "bulk_run" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "bulk_run_item" add constraint "bulk_run_item_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "bulk_run_item" add constraint "bulk_run_item_issuance_id_foreign" foreign key ("issuance_id") references "issuance" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "bulk_run_item" drop constraint "bulk_run_item_run_id_foreign";`);

    this.addSql(`drop table if exists "bulk_run" cascade;`);

    this.addSql(`drop table if exists "bulk_run_item" cascade;`);
  }

}
