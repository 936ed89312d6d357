import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes of the account list search (アカウント一覧), sized for 100,000 accounts.
 *
 * 氏名 and 氏名カナ are matched anywhere inside (部分一致), which a btree cannot answer. pg_trgm's GIN
 * indexes answer LIKE '%…%' for terms of three characters or more; Japanese names are mostly searched
 * by one or two (藤, 佐藤, 太郎), for which pg_trgm extracts nothing, so a second GIN index holds every
 * one- and two-character piece of the name (what pg_bigm would give, which is not available here).
 * The indexed expressions must stay exactly as api/account-search-query.ts writes them, and the Account
 * entity declares every index by name so that the schema diff keeps them.
 */
export class Migration20261121123000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    // The pieces of at most two characters of a text; a costly function, so the planner never runs it per row.
    this.addSql(`create function account_search_grams(value text) returns text[]
      language sql immutable strict parallel safe cost 1000
      as $$ select array(select distinct substr(value, i, n) from generate_series(1, char_length(value)) as i, generate_series(1, 2) as n where i + n - 1 <= char_length(value)) $$;`);
    this.addSql(
      `create index "account_full_name_trgm_index" on "account" using gin (("last_name" || "first_name") gin_trgm_ops);`,
    );
    this.addSql(
      `create index "account_full_name_grams_index" on "account" using gin (account_search_grams(lower("last_name" || "first_name")));`,
    );
    this.addSql(
      `create index "account_full_kana_trgm_index" on "account" using gin ((replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', '')) gin_trgm_ops);`,
    );
    this.addSql(
      `create index "account_full_kana_grams_index" on "account" using gin (account_search_grams(replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', '')));`,
    );
    // LIKE 'E01%' can use a btree only with the pattern operator class under a non-C collation.
    this.addSql(`create index "account_code_prefix_index" on "account" ("company_id", "code" varchar_pattern_ops);`);
    // The default list (無効, ログイン不可 left out): its count is an index-only scan, its page an ordered walk.
    this.addSql(
      `create index "account_listed_index" on "account" ("company_id", "code") where not "disabled" and not "login_disabled";`,
    );
    this.addSql(
      `create index "account_locked_index" on "account" ("company_id", "locked_at") where "locked_at" is not null;`,
    );
    this.addSql(`create index "account_partner_id_index" on "account" ("partner_id");`);
    this.addSql(
      `create index "account_kana_sort_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code");`,
    );
    this.addSql(
      `create index "account_last_login_sort_index" on "account" ("company_id", "last_login_at" desc nulls last, "code" desc);`,
    );
  }

  override async down(): Promise<void> {
    for (const index of [
      'account_last_login_sort_index',
      'account_kana_sort_index',
      'account_partner_id_index',
      'account_locked_index',
      'account_listed_index',
      'account_code_prefix_index',
      'account_full_kana_grams_index',
      'account_full_kana_trgm_index',
      'account_full_name_grams_index',
      'account_full_name_trgm_index',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
    this.addSql(`drop function if exists account_search_grams(text);`);
  }
}
