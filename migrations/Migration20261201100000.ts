import { Migration } from '@mikro-orm/migrations';

/**
 * One Azure AD id per company, compared case-insensitively as Azure AD does. If earlier data holds the
 * same id twice, creating the index fails and names the pair: clear one of them, then migrate again.
 */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unique index "account_azure_ad_id_unique" on "account" ("company_id", lower("azure_ad_id")) where "azure_ad_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "account_azure_ad_id_unique";`);
  }
}
