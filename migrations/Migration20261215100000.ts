import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: a bulk PDF chunk records why it left an employee out at run time (a password issued since the
 * start, disabled, no longer permitted), so the results file says `skipped` with the reason, as for e-mail runs.
 */
export class Migration20261215100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "password_notice_item" add column "skip_reason" varchar(500) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "password_notice_item" drop column "skip_reason";`);
  }
}
