import { Migration } from '@mikro-orm/migrations';

/**
 * アカウント一覧 at 100,000 accounts (issue 11, second step). The department order's index also carries the
 * company, so a deep page in that order counts each department's accounts by an index-only scan (the
 * company is checked on every account, as everywhere in the search). And the account table is never
 * scanned by parallel workers: on this two-core machine, starting them took 10–20 ms more than the
 * search's capped count itself (7 ms alone, 18–24 ms with two workers). The Account entity declares the
 * index by name.
 */
export class Migration20261212100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "account_department_sort_ids_index" on "account" ("department_id", "code") include ("id", "company_id", "disabled", "login_disabled");`,
    );
    this.addSql(`drop index if exists "account_department_sort_index";`);
    this.addSql(`alter table "account" set (parallel_workers = 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" reset (parallel_workers);`);
    this.addSql(
      `create index "account_department_sort_index" on "account" ("department_id", "code") include ("id", "disabled", "login_disabled");`,
    );
    this.addSql(`drop index if exists "account_department_sort_ids_index";`);
  }
}
