import { Migration } from '@mikro-orm/migrations';

export class Migration20261121121657 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "partner" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "kind" text check ("kind" in ('contractor', 'customer')) not null, "code" varchar(11) not null, "name" varchar(30) not null, constraint "partner_pkey" primary key ("id"));`);
    this.addSql(`alter table "partner" add constraint "partner_company_id_kind_code_unique" unique ("company_id", "kind", "code");`);

    this.addSql(`create table "project" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(23) not null, "name" varchar(50) not null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "rank" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(10) not null, "name" varchar(30) not null, "active" boolean not null default true, "sort_order" int not null default 0, constraint "rank_pkey" primary key ("id"));`);
    this.addSql(`alter table "rank" add constraint "rank_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "reporting_department" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(11) not null, "name" varchar(30) not null, "parent_id" uuid null, "sort_order" int not null default 0, constraint "reporting_department_pkey" primary key ("id"));`);
    this.addSql(`alter table "reporting_department" add constraint "reporting_department_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "department" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(10) not null, "name" varchar(30) not null, "parent_id" uuid null, "approver_id" uuid null, "sort_order" int not null default 0, constraint "department_pkey" primary key ("id"));`);
    this.addSql(`alter table "department" add constraint "department_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "project_member" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "account_id" uuid not null, "project_role" text check ("project_role" in ('pm', 'pl', 'member')) not null, constraint "project_member_pkey" primary key ("id"));`);
    this.addSql(`create index "project_member_account_id_index" on "project_member" ("account_id");`);
    this.addSql(`alter table "project_member" add constraint "project_member_project_id_account_id_unique" unique ("project_id", "account_id");`);

    this.addSql(`create table "assignment_history" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "effective_date" date not null, "department_id" uuid not null, "control_department_id" uuid not null, "reporting_control_department_id" uuid not null, "role_id" uuid not null, "source" text check ("source" in ('registration', 'edit', 'transfer')) not null, constraint "assignment_history_pkey" primary key ("id"));`);
    this.addSql(`create index "assignment_history_account_id_index" on "assignment_history" ("account_id");`);

    this.addSql(`create table "account_rank" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "effective_month" date not null, "rank_id" uuid not null, constraint "account_rank_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_rank" add constraint "account_rank_account_id_effective_month_unique" unique ("account_id", "effective_month");`);

    this.addSql(`create table "transfer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "account_id" uuid not null, "effective_date" date not null, "department_id" uuid not null, "control_department_id" uuid not null, "reporting_control_department_id" uuid not null, "role_id" uuid not null, "status" text check ("status" in ('pending', 'applied', 'cancelled')) not null, "applied_at" timestamptz null, "cancelled_at" timestamptz null, "requested_by_id" uuid null, constraint "transfer_pkey" primary key ("id"));`);
    this.addSql(`create index "transfer_account_id_index" on "transfer" ("account_id");`);
    this.addSql(`create unique index "transfer_one_pending_per_account" on "transfer" ("account_id") where "status" = 'pending';`);

    this.addSql(`alter table "partner" add constraint "partner_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project" add constraint "project_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "rank" add constraint "rank_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "reporting_department" add constraint "reporting_department_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reporting_department" add constraint "reporting_department_parent_id_foreign" foreign key ("parent_id") references "reporting_department" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "department" add constraint "department_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "department" add constraint "department_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "department" add constraint "department_approver_id_foreign" foreign key ("approver_id") references "account" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "project_member" add constraint "project_member_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_member" add constraint "project_member_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "assignment_history" add constraint "assignment_history_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assignment_history" add constraint "assignment_history_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "assignment_history" add constraint "assignment_history_control_department_id_foreign" foreign key ("control_department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "assignment_history" add constraint "assignment_history_reporting_control_department_id_foreign" foreign key ("reporting_control_department_id") references "reporting_department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "assignment_history" add constraint "assignment_history_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "account_rank" add constraint "account_rank_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_rank" add constraint "account_rank_rank_id_foreign" foreign key ("rank_id") references "rank" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "transfer" add constraint "transfer_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "transfer" add constraint "transfer_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "transfer" add constraint "transfer_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "transfer" add constraint "transfer_control_department_id_foreign" foreign key ("control_department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "transfer" add constraint "transfer_reporting_control_department_id_foreign" foreign key ("reporting_control_department_id") references "reporting_department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "transfer" add constraint "transfer_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "transfer" add constraint "transfer_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "company" add column "account_code_numbering" text check ("account_code_numbering" in ('manual', 'auto')) not null default 'manual', add column "last_account_number" int not null default 0, add column "lockout_threshold" int not null default 5, add column "lockout_window_days" int not null default 1, add column "mfa_enabled" boolean not null default false, add column "azure_ad_enabled" boolean not null default false, add column "smartphone_option_enabled" boolean not null default false, add column "work_style_policy" text check ("work_style_policy" in ('both', 'general-only', 'flex-only')) not null default 'both';`);

    // Existing accounts (the bootstrap administrator, demo data) get the whole company (0) as their
    // assignment, effective from their creation date, before the columns become required.
    this.addSql(`alter table "account" add column "partner_id" uuid null, add column "short_name" varchar(6) null, add column "effective_date" date null, add column "department_id" uuid null, add column "control_department_id" uuid null, add column "reporting_control_department_id" uuid null, add column "smartphone_only" boolean not null default false, add column "azure_ad_id" varchar(100) null, add column "failed_login_count" int not null default 0, add column "failed_login_window_started_at" timestamptz null, add column "last_failed_login_at" timestamptz null, add column "locked_at" timestamptz null, add column "mfa_enabled" boolean not null default false, add column "mfa_secret" text null, add column "mfa_configured_at" timestamptz null, add column "effort_attendance_matching" boolean not null default false, add column "work_style" text check ("work_style" in ('general', 'flex')) null, add column "attendance_input_method" text check ("attendance_input_method" in ('daily', 'monthly')) not null default 'daily', add column "attendance_input_skip" boolean not null default false, add column "effort_input_method" text check ("effort_input_method" in ('daily', 'monthly')) not null default 'daily', add column "effort_input_skip" boolean not null default false, add column "discretionary_labour" boolean not null default false, add column "excluded_from_utilization" boolean not null default false, add column "note" varchar(100) null;`);
    this.addSql(`insert into "department" ("id", "created_at", "updated_at", "company_id", "code", "name", "sort_order") select gen_random_uuid(), now(), now(), c."id", '0', '全社', 0 from "company" c where not exists (select 1 from "department" d where d."company_id" = c."id" and d."code" = '0');`);
    this.addSql(`insert into "reporting_department" ("id", "created_at", "updated_at", "company_id", "code", "name", "sort_order") select gen_random_uuid(), now(), now(), c."id", '0', '全社', 0 from "company" c where not exists (select 1 from "reporting_department" r where r."company_id" = c."id" and r."code" = '0');`);
    this.addSql(`update "account" a set "effective_date" = (a."created_at" at time zone c."time_zone")::date, "department_id" = d."id", "control_department_id" = d."id", "reporting_control_department_id" = r."id" from "company" c, "department" d, "reporting_department" r where c."id" = a."company_id" and d."company_id" = c."id" and d."code" = '0' and r."company_id" = c."id" and r."code" = '0';`);
    this.addSql(`alter table "account" alter column "effective_date" set not null, alter column "department_id" set not null, alter column "control_department_id" set not null, alter column "reporting_control_department_id" set not null, alter column "smartphone_only" drop default, alter column "failed_login_count" drop default, alter column "mfa_enabled" drop default, alter column "effort_attendance_matching" drop default, alter column "attendance_input_method" drop default, alter column "attendance_input_skip" drop default, alter column "effort_input_method" drop default, alter column "effort_input_skip" drop default, alter column "discretionary_labour" drop default, alter column "excluded_from_utilization" drop default;`);
    this.addSql(`alter table "session" add column "department_id" uuid null, add column "control_department_id" uuid null;`);
    this.addSql(`alter table "account" add constraint "account_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "account" add constraint "account_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "account" add constraint "account_control_department_id_foreign" foreign key ("control_department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "account" add constraint "account_reporting_control_department_id_foreign" foreign key ("reporting_control_department_id") references "reporting_department" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "account_department_id_index" on "account" ("department_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop constraint "account_partner_id_foreign";`);

    this.addSql(`alter table "project_member" drop constraint "project_member_project_id_foreign";`);

    this.addSql(`alter table "account_rank" drop constraint "account_rank_rank_id_foreign";`);

    this.addSql(`alter table "reporting_department" drop constraint "reporting_department_parent_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_reporting_control_department_id_foreign";`);

    this.addSql(`alter table "assignment_history" drop constraint "assignment_history_reporting_control_department_id_foreign";`);

    this.addSql(`alter table "transfer" drop constraint "transfer_reporting_control_department_id_foreign";`);

    this.addSql(`alter table "department" drop constraint "department_parent_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_department_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_control_department_id_foreign";`);

    this.addSql(`alter table "assignment_history" drop constraint "assignment_history_department_id_foreign";`);

    this.addSql(`alter table "assignment_history" drop constraint "assignment_history_control_department_id_foreign";`);

    this.addSql(`alter table "transfer" drop constraint "transfer_department_id_foreign";`);

    this.addSql(`alter table "transfer" drop constraint "transfer_control_department_id_foreign";`);

    this.addSql(`drop table if exists "partner" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "rank" cascade;`);

    this.addSql(`drop table if exists "reporting_department" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "project_member" cascade;`);

    this.addSql(`drop table if exists "assignment_history" cascade;`);

    this.addSql(`drop table if exists "account_rank" cascade;`);

    this.addSql(`drop table if exists "transfer" cascade;`);

    this.addSql(`drop index "account_department_id_index";`);
    this.addSql(`alter table "account" drop column "partner_id", drop column "short_name", drop column "effective_date", drop column "department_id", drop column "control_department_id", drop column "reporting_control_department_id", drop column "smartphone_only", drop column "azure_ad_id", drop column "failed_login_count", drop column "failed_login_window_started_at", drop column "last_failed_login_at", drop column "locked_at", drop column "mfa_enabled", drop column "mfa_secret", drop column "mfa_configured_at", drop column "effort_attendance_matching", drop column "work_style", drop column "attendance_input_method", drop column "attendance_input_skip", drop column "effort_input_method", drop column "effort_input_skip", drop column "discretionary_labour", drop column "excluded_from_utilization", drop column "note";`);

    this.addSql(`alter table "company" drop column "account_code_numbering", drop column "last_account_number", drop column "lockout_threshold", drop column "lockout_window_days", drop column "mfa_enabled", drop column "azure_ad_enabled", drop column "smartphone_option_enabled", drop column "work_style_policy";`);
  }

}
