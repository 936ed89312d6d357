import { Migration } from '@mikro-orm/migrations';

/*
 * The indexed expressions, character for character as domain/accounts/account-search-query.ts writes them
 * (and entities/account.entity.ts declares them).
 */
const fullName = `("last_name" || "first_name")`;
const fullNameGrams = `account_search_grams(lower("last_name" || "first_name"))`;
const fullKana = `(replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', ''))`;
const fullKanaGrams = `account_search_grams(replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', ''))`;

/**
 * Issue 20: 氏名/氏名カナ searches whose cost follows the company, not the table. The GIN indexes of
 * Migration20261121123000 had no company column, so 藤 in a company of 852 accounts read the 189,623 entries of
 * every company's 藤 and then each of their rows to drop the other companies'. btree_gin lets a GIN index lead
 * with company_id: the scan intersects the company's entries with the term's inside the index, skipping the
 * term's entries of other companies, and reads from the table only the company's matches. btree_gin is a
 * trusted extension (PostgreSQL 13+): the database's owner creates it without being a superuser.
 */
export class Migration20261222100000 extends Migration {
  override async up(): Promise<void> {
    // 部門配下 walks the department tree down from a department: without an index on the parent each step read
    // every company's departments (209,000 at 1,000 companies).
    this.addSql(`create index "department_parent_id_index" on "department" ("parent_id");`);
    this.addSql(`create extension if not exists btree_gin;`);
    this.addSql(`drop index if exists "account_full_name_trgm_index";`);
    this.addSql(`drop index if exists "account_full_name_grams_index";`);
    this.addSql(`drop index if exists "account_full_kana_trgm_index";`);
    this.addSql(`drop index if exists "account_full_kana_grams_index";`);
    this.addSql(
      `create index "account_company_name_trgm_index" on "account" using gin ("company_id", ${fullName} gin_trgm_ops);`,
    );
    this.addSql(`create index "account_company_name_grams_index" on "account" using gin ("company_id", ${fullNameGrams});`);
    this.addSql(
      `create index "account_company_kana_trgm_index" on "account" using gin ("company_id", ${fullKana} gin_trgm_ops);`,
    );
    this.addSql(`create index "account_company_kana_grams_index" on "account" using gin ("company_id", ${fullKanaGrams});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "account_company_name_trgm_index";`);
    this.addSql(`drop index if exists "account_company_name_grams_index";`);
    this.addSql(`drop index if exists "account_company_kana_trgm_index";`);
    this.addSql(`drop index if exists "account_company_kana_grams_index";`);
    this.addSql(`create index "account_full_name_trgm_index" on "account" using gin (${fullName} gin_trgm_ops);`);
    this.addSql(`create index "account_full_name_grams_index" on "account" using gin (${fullNameGrams});`);
    this.addSql(`create index "account_full_kana_trgm_index" on "account" using gin (${fullKana} gin_trgm_ops);`);
    this.addSql(`create index "account_full_kana_grams_index" on "account" using gin (${fullKanaGrams});`);
    this.addSql(`drop extension if exists btree_gin;`);
    this.addSql(`drop index if exists "department_parent_id_index";`);
  }
}
