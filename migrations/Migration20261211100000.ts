import { Migration } from '@mikro-orm/migrations';

/**
 * アカウント一覧 at 100,000 accounts (issue 11). The default list's index carries the account id, so a deep
 * page (offset 89,900) picks its ids by an index-only walk; and an index per department in code order
 * lets the department sort take the first departments' first accounts instead of sorting every account.
 * The kana and last-login sort indexes carry the id and the two flags of the default filter, so their deep
 * pages are index-only walks too. The Account entity declares every one by name.
 */
export class Migration20261211100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "account_listed_ids_index" on "account" ("company_id", "code") include ("id") where not "disabled" and not "login_disabled";`,
    );
    this.addSql(`drop index if exists "account_listed_index";`);
    this.addSql(`create index "account_department_sort_index" on "account" ("department_id", "code") include ("id", "disabled", "login_disabled");`);
    this.addSql(
      `create index "account_kana_sort_ids_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code") include ("id", "disabled", "login_disabled");`,
    );
    this.addSql(`drop index if exists "account_kana_sort_index";`);
    this.addSql(
      `create index "account_last_login_sort_ids_index" on "account" ("company_id", "last_login_at" desc nulls last, "code" desc) include ("id", "disabled", "login_disabled");`,
    );
    this.addSql(`drop index if exists "account_last_login_sort_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index "account_last_login_sort_index" on "account" ("company_id", "last_login_at" desc nulls last, "code" desc);`,
    );
    this.addSql(`drop index if exists "account_last_login_sort_ids_index";`);
    this.addSql(
      `create index "account_kana_sort_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code");`,
    );
    this.addSql(`drop index if exists "account_kana_sort_ids_index";`);
    this.addSql(`drop index if exists "account_department_sort_index";`);
    this.addSql(
      `create index "account_listed_index" on "account" ("company_id", "code") where not "disabled" and not "login_disabled";`,
    );
    this.addSql(`drop index if exists "account_listed_ids_index";`);
  }
}
