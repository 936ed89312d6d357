import { Migration } from '@mikro-orm/migrations';

/** Issue 18: the first answers of idempotent POSTs (Idempotency-Key), kept 24 h; why a mail is not out yet. */
export class Migration20261216100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "idempotency_key" ("key_hash" varchar(64) not null, "company_id" uuid not null,
        "account_id" uuid not null, "fingerprint" varchar(64) not null, "status" int null, "sealed_answer" text null,
        "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("key_hash"));`,
    );
    this.addSql(
      `alter table "issuance" add column "delivery_problem" varchar(40) null, add column "delivery_problem_since" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
    this.addSql(`alter table "issuance" drop column "delivery_problem", drop column "delivery_problem_since";`);
  }
}
