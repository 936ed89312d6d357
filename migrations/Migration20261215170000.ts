import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17: accounts with administrator rights are locked only for a while (growing delays), so that an
 * anonymous client cannot shut out every administrator for good.
 */
export class Migration20261215170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "account" add column "locked_until" timestamptz null, add column "temporary_lockouts" int not null default 0;`,
    );
    this.addSql(`alter table "account" alter column "temporary_lockouts" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop column "locked_until", drop column "temporary_lockouts";`);
  }
}
