import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 20: the deep page of a name search sorted by kana (藤, page 100, in a company of 100,000) read all of the
 * company's 18,014 matches through the GIN index, fetched each row and sorted them for the 5,000 the page needs.
 * The kana order's index now also carries 姓, 名 and the department, so that page is found by walking the
 * company's accounts in kana order and testing 氏名 (and 所属部門) on each index entry alone, without the
 * table: an index-only walk that stops at the page (about 20,600 entries for that page instead of 18,014 rows
 * read and sorted). It replaces account_kana_sort_ids_index (Migration20261211100000), same key, same order.
 */
export class Migration20261223100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "account_kana_sort_names_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code") include ("id", "disabled", "login_disabled", "department_id", "last_name", "first_name");`,
    );
    this.addSql(`drop index if exists "account_kana_sort_ids_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index "account_kana_sort_ids_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code") include ("id", "disabled", "login_disabled");`,
    );
    this.addSql(`drop index if exists "account_kana_sort_names_index";`);
  }
}
