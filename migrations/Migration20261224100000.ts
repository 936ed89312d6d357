import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 20: a bulk run's employees have no workflow (and so no timer) until they click; a sweep every minute ends
 * the links whose validity passed (domain/issuance/lapsed-links.ts). It reads the waiting links by their end.
 */
export class Migration20261224100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "issuance_pending_expires_at_index" on "issuance" ("expires_at") where "status" = 'pending';`,
    );
    // The click looks up the run of its issuance, and deleting an issuance clears the reference: without an
    // index both read every item of every run (100,000 for one large run).
    this.addSql(`create index "bulk_run_item_issuance_id_index" on "bulk_run_item" ("issuance_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "bulk_run_item_issuance_id_index";`);
    this.addSql(`drop index if exists "issuance_pending_expires_at_index";`);
  }
}
