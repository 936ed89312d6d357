import { Migration } from '@mikro-orm/migrations';

/** Issue 22: SCIM tokens, the per-company provisioning defaults, and the SCIM side of an account (externalId). */
export class Migration20261221100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "scim_account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "external_id" varchar(255) null, "family_name" varchar(100) null, "given_name" varchar(100) null, "emails" jsonb null, "employee_number" varchar(100) null, "department" varchar(100) null, "synced_department_id" uuid null, "deprovisioned_at" timestamptz null, constraint "scim_account_pkey" primary key ("id"));`);
    this.addSql(`alter table "scim_account" add constraint "scim_account_account_id_unique" unique ("account_id");`);

    this.addSql(`create table "scim_provisioning" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "type" text check ("type" in ('own', 'contractor', 'customer')) not null default 'own', "role_code" varchar(20) not null default 'employee', "department_code" varchar(10) not null default '0', "control_department_code" varchar(10) not null default '0', "reporting_control_department_code" varchar(11) not null default '0', "rank_code" varchar(10) null, "issue_on_create" boolean not null default false, constraint "scim_provisioning_pkey" primary key ("id"));`);
    this.addSql(`alter table "scim_provisioning" add constraint "scim_provisioning_company_id_unique" unique ("company_id");`);

    this.addSql(`create table "scim_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "name" varchar(100) not null, "token_hash" varchar(64) not null, "role_id" uuid not null, "created_by_id" uuid not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "scim_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "scim_account" add constraint "scim_account_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scim_provisioning" add constraint "scim_provisioning_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scim_token" add constraint "scim_token_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_created_by_id_foreign" foreign key ("created_by_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scim_account" cascade;`);

    this.addSql(`drop table if exists "scim_provisioning" cascade;`);

    this.addSql(`drop table if exists "scim_token" cascade;`);
  }
}
