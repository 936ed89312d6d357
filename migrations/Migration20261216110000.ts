import { Migration } from '@mikro-orm/migrations';

/** Issue 18: the `issuances_open` gauge counts open issuances by status and channel at every scrape. */
export class Migration20261216110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "issuance_status_channel_index" on "issuance" ("status", "channel");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "issuance_status_channel_index";`);
  }
}
