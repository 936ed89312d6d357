import { Migration } from '@mikro-orm/migrations';

/** The values of an import row's message (account_import_row.params), so its text follows the admin's language. */
export class Migration20261206134500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account_import_row" add column "params" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account_import_row" drop column "params";`);
  }
}
