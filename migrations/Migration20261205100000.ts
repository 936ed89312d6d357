import { Migration } from '@mikro-orm/migrations';

/** CSV imports of accounts: the import and its rows with their outcomes (entities/account-import.entity.ts). */
export class Migration20261205100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account_import" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "requested_by_id" uuid null, "file_name" varchar(200) not null, "total" int not null, "status" text check ("status" in ('running', 'done')) not null, "workflow_id" varchar(200) not null, "finished_at" timestamptz null, constraint "account_import_pkey" primary key ("id"));`);

    this.addSql(`create table "account_import_row" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_import_id" uuid not null, "row_number" int not null, "code" varchar(100) not null, "cells" jsonb not null, "outcome" text check ("outcome" in ('pending', 'create', 'update', 'unchanged', 'error')) not null, "field" varchar(100) null, "error_code" varchar(100) null, "message" varchar(500) null, constraint "account_import_row_pkey" primary key ("id"));`);
    this.addSql(`create index "account_import_row_account_import_id_outcome_row_number_index" on "account_import_row" ("account_import_id", "outcome", "row_number");`);
    this.addSql(`alter table "account_import_row" add constraint "account_import_row_account_import_id_row_number_unique" unique ("account_import_id", "row_number");`);

    this.addSql(`alter table "account_import" add constraint "account_import_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_import" add constraint "account_import_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_import_row" add constraint "account_import_row_account_import_id_foreign" foreign key ("account_import_id") references "account_import" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account_import_row" drop constraint "account_import_row_account_import_id_foreign";`);

    this.addSql(`drop table if exists "account_import" cascade;`);

    this.addSql(`drop table if exists "account_import_row" cascade;`);
  }

}
