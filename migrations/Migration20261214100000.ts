import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: a bulk PDF notice keeps the selected employees it left out and why (already issued, disabled,
 * not permitted), so that its results file lists them as the bulk e-mail run's does.
 */
export class Migration20261214100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "password_notice" add column "excluded" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "password_notice" drop column "excluded";`);
  }
}
