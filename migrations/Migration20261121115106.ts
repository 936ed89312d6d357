import { Migration } from '@mikro-orm/migrations';

export class Migration20261121115106 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "company" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(32) not null, "name" varchar(100) not null, "time_zone" varchar(64) not null default 'Asia/Tokyo', "locale" text check ("locale" in ('ja', 'en')) not null default 'ja', "issuance_channel" text check ("issuance_channel" in ('email', 'pdf')) not null default 'email', "verification_validity_hours" int not null default 72, "service_name" varchar(100) not null, "app_download_url" varchar(500) null, "browser_url" varchar(500) null, "min_password_length" int not null default 12, constraint "company_pkey" primary key ("id"));`);
    this.addSql(`alter table "company" add constraint "company_code_unique" unique ("code");`);

    this.addSql(`create table "role" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(20) not null, "name" varchar(50) not null, "permissions" text[] not null, constraint "role_pkey" primary key ("id"));`);
    this.addSql(`alter table "role" add constraint "role_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "code" varchar(10) not null, "type" text check ("type" in ('own', 'contractor', 'customer')) not null, "last_name" varchar(10) not null, "first_name" varchar(10) not null, "last_name_kana" varchar(10) null, "first_name_kana" varchar(10) null, "email1" varchar(100) null, "email2" varchar(100) null, "email3" varchar(100) null, "locale" text check ("locale" in ('ja', 'en')) null, "role_id" uuid not null, "password_hash" varchar(255) null, "must_change_password" boolean not null, "password_changed_at" timestamptz null, "password_status" text check ("password_status" in ('unissued', 'issuing', 'reissuing', 'issued')) not null, "password_issued_via" varchar(10) null, "auth_status" text check ("auth_status" in ('none', 'pending', 'verified', 'expired')) not null, "auth_requested_at" timestamptz null, "last_login_at" timestamptz null, "disabled" boolean not null, "login_disabled" boolean not null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_role_id_index" on "account" ("role_id");`);
    this.addSql(`alter table "account" add constraint "account_company_id_code_unique" unique ("company_id", "code");`);

    this.addSql(`create table "issuance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "company_id" uuid not null, "account_id" uuid not null, "sequence" int not null, "kind" text check ("kind" in ('initial', 'reissue-verify', 'reissue-direct')) not null, "channel" varchar(10) not null, "email_slot" smallint not null, "email_address" varchar(100) not null, "status" text check ("status" in ('sending', 'pending', 'verified', 'issued', 'expired', 'superseded', 'failed')) not null, "workflow_id" varchar(200) not null, "requested_by_id" uuid null, "verification_sent_at" timestamptz null, "expires_at" timestamptz null, "verified_at" timestamptz null, "issued_at" timestamptz null, "ended_at" timestamptz null, "failure_reason" varchar(500) null, "token_hash" varchar(64) null, "token_consumed_at" timestamptz null, "sealed_token" text null, "sealed_password" text null, "verification_message_id" varchar(255) null, "credentials_message_id" varchar(255) null, constraint "issuance_pkey" primary key ("id"));`);
    this.addSql(`alter table "issuance" add constraint "issuance_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "issuance_account_id_status_index" on "issuance" ("account_id", "status");`);
    this.addSql(`alter table "issuance" add constraint "issuance_account_id_sequence_unique" unique ("account_id", "sequence");`);

    this.addSql(`create table "session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "token_hash" varchar(64) not null, "scope" text check ("scope" in ('full', 'password-change')) not null, "role_code" varchar(20) not null, "permissions" text[] not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "role" add constraint "role_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account" add constraint "account_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account" add constraint "account_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "issuance" add constraint "issuance_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "issuance" add constraint "issuance_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "issuance" add constraint "issuance_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "role" drop constraint "role_company_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_company_id_foreign";`);

    this.addSql(`alter table "issuance" drop constraint "issuance_company_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_role_id_foreign";`);

    this.addSql(`alter table "issuance" drop constraint "issuance_account_id_foreign";`);

    this.addSql(`alter table "issuance" drop constraint "issuance_requested_by_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_account_id_foreign";`);

    this.addSql(`drop table if exists "company" cascade;`);

    this.addSql(`drop table if exists "role" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "issuance" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);
  }

}
