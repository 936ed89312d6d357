import { Migration } from '@mikro-orm/migrations';

/** Dated organisation: department validity periods and 組織変更 (reorganisations with their changes). */
export class Migration20261203100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reorganisation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "effective_date" date not null, "note" varchar(100) null, "status" text check ("status" in ('pending', 'applied', 'cancelled')) not null default 'pending', "applied_at" timestamptz null, "cancelled_at" timestamptz null, "requested_by_id" uuid null, constraint "reorganisation_pkey" primary key ("id"));`);
    this.addSql(`create index "reorganisation_company_id_status_index" on "reorganisation" ("company_id", "status");`);

    this.addSql(`create table "reorganisation_change" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "reorganisation_id" uuid not null, "position" int not null, "kind" text check ("kind" in ('create', 'rename', 'move', 'close')) not null, "department_id" uuid not null, "name" varchar(30) null, "parent_id" uuid null, "previous_name" varchar(30) null, "previous_parent_id" uuid null, constraint "reorganisation_change_pkey" primary key ("id"));`);
    this.addSql(`create index "reorganisation_change_reorganisation_id_index" on "reorganisation_change" ("reorganisation_id");`);
    this.addSql(`create index "reorganisation_change_department_id_index" on "reorganisation_change" ("department_id");`);

    this.addSql(`alter table "reorganisation" add constraint "reorganisation_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reorganisation" add constraint "reorganisation_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "reorganisation_change" add constraint "reorganisation_change_reorganisation_id_foreign" foreign key ("reorganisation_id") references "reorganisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reorganisation_change" add constraint "reorganisation_change_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reorganisation_change" add constraint "reorganisation_change_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reorganisation_change" add constraint "reorganisation_change_previous_parent_id_foreign" foreign key ("previous_parent_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "department" add column "valid_from" date null, add column "valid_to" date null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reorganisation_change" drop constraint "reorganisation_change_reorganisation_id_foreign";`);

    this.addSql(`drop table if exists "reorganisation" cascade;`);

    this.addSql(`drop table if exists "reorganisation_change" cascade;`);

    this.addSql(`alter table "department" drop column "valid_from", drop column "valid_to";`);
  }

}
