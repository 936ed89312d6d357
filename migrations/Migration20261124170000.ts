import { Migration } from '@mikro-orm/migrations';

/**
 * Who asked for a password notice (a bulk run's activities check the policy with that account's role),
 * and the shared counters of the rate limits.
 */
export class Migration20261124170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "password_notice" add column "requested_by_id" uuid null;`);
    this.addSql(
      `alter table "password_notice" add constraint "password_notice_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit" cascade;`);
    this.addSql(`alter table "password_notice" drop constraint "password_notice_requested_by_id_foreign";`);
    this.addSql(`alter table "password_notice" drop column "requested_by_id";`);
  }
}
