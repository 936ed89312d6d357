import type { AccountType } from '../../entities';

export const accountSortKeys = ['code', 'kana', 'department', 'lastLoginAt', 'lockedAt'] as const;
export type AccountSortKey = (typeof accountSortKeys)[number];

/**
 * Issuance status filters (the list's パスワード / 認証状態 columns), to pick the targets of a bulk run:
 * 未発行, 発行中, 再発行中, 発行済 (by e-mail), PDF発行済, PDF未取得/期限切れ, 認証待ち, 期限切れ, 認証済.
 */
export const issuanceStatusFilters = [
  'unissued',
  'issuing',
  'reissuing',
  'issued',
  'pdf-issued',
  'notice-expired',
  'auth-pending',
  'auth-expired',
  'auth-verified',
] as const;
export type IssuanceStatusFilter = (typeof issuanceStatusFilters)[number];

const issuanceStatusConditions: Record<IssuanceStatusFilter, string> = {
  unissued: `a.password_status = 'unissued'`,
  issuing: `a.password_status = 'issuing'`,
  reissuing: `a.password_status = 'reissuing'`,
  issued: `a.password_status = 'issued' and a.password_issued_via is distinct from 'pdf'`,
  'pdf-issued': `a.password_status = 'issued' and a.password_issued_via = 'pdf'`,
  'notice-expired': `a.password_status = 'notice-expired'`,
  'auth-pending': `a.auth_status = 'pending'`,
  'auth-expired': `a.auth_status = 'expired'`,
  'auth-verified': `a.auth_status = 'verified'`,
};

/** The filters of アカウント一覧, already validated and normalised. */
export interface AccountSearchCriteria {
  companyId: string;
  codePrefix?: string;
  type?: AccountType;
  partnerCode?: string;
  name?: string;
  kana?: string;
  departmentCode?: string;
  includeSubDepartments: boolean;
  projectCode?: string;
  lockedOnly: boolean;
  includeDisabled: boolean;
  includeLoginDisabled: boolean;
  issuanceStatus?: IssuanceStatusFilter;
  sort: AccountSortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A statement with `?` placeholders, as knex (and so MikroORM's `execute`) takes it. */
export interface SqlStatement {
  sql: string;
  bindings: (string | number)[];
}

/*
 * These expressions are the ones the indexes of Migration20261121123000 are built on, character for
 * character after PostgreSQL's parsing; change both together.
 */
const fullName = `(a.last_name || a.first_name)`;
const fullKana = `replace(normalize(coalesce(a.last_name_kana, '') || coalesce(a.first_name_kana, ''), NFKC), ' ', '')`;
const fullNameGrams = `account_search_grams(lower(a.last_name || a.first_name))`;
const fullKanaGrams = `account_search_grams(${fullKana})`;

/**
 * Trigrams need three characters, and Japanese names are mostly searched by one or two (藤, 佐藤, 太郎).
 * Those go to a second GIN index holding every one- and two-character piece of the name, where
 * "contains the piece" is exactly the partial match; longer terms use the trigram index and LIKE.
 */
const shortTermLength = 2;

/**
 * How 氏名 and 氏名カナ are matched: `index` through their GIN indexes (every match is found at once, to
 * be sorted), `row` as a plain test on each row while an order's index is walked (the first matches in
 * that order are found without reading the others). Both forms find exactly the same accounts.
 */
type TextMatch = 'index' | 'row';

function partialMatch(
  expression: string,
  grams: string,
  operator: 'like' | 'ilike',
  term: string,
  form: TextMatch,
): SqlStatement {
  const short = [...term].length <= shortTermLength;
  if (form === 'row') {
    // "Contains the term": for ILIKE, PostgreSQL lower-cases both sides and matches case-sensitively, which
    // is what strpos on lower() does; short terms are lower-cased here, as the grams' index form takes them.
    if (operator === 'like') return { sql: `strpos(${expression}, ?) > 0`, bindings: [term] };
    return short
      ? { sql: `strpos(lower(${expression}), ?) > 0`, bindings: [term.toLowerCase()] }
      : { sql: `strpos(lower(${expression}), lower(?)) > 0`, bindings: [term] };
  }
  if (short) {
    return { sql: `${grams} @> array[?]::text[]`, bindings: [operator === 'ilike' ? term.toLowerCase() : term] };
  }
  return { sql: `${expression} ${operator} ?`, bindings: [`%${escapeLike(term)}%`] };
}

const whitespace = /[\s\u3000]+/g;

/** 氏名 is matched against 姓名 written together, so "山田 太郎", "山田太郎", "田太" and "太郎" all find 山田太郎. */
export function normaliseNameTerm(term: string): string {
  return term.replace(whitespace, '');
}

/**
 * 氏名カナ: the stored kana may be full- or half-width katakana (both are accepted on registration); the
 * index holds its NFKC form, so the term is brought to the same form, and hiragana typed by the user is
 * read as katakana.
 */
export function normaliseKanaTerm(term: string): string {
  return term
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .replace(whitespace, '');
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

/** Each order ends with the code in the same direction, so an index can be walked either way. */
const orderings: Record<AccountSortKey, (direction: 'asc' | 'desc', departmentCode?: string) => string> = {
  code: (direction) => `a.code ${direction}`,
  // Accounts without kana sort as if after every kana, as PostgreSQL orders nulls.
  kana: (direction) => `a.last_name_kana ${direction}, a.first_name_kana ${direction}, a.code ${direction}`,
  department: (direction, departmentCode = 'd.code') => `${departmentCode} ${direction}, a.code ${direction}`,
  // Never logged in / not locked: last in both directions.
  lastLoginAt: (direction) => `a.last_login_at ${direction} nulls last, a.code ${direction}`,
  lockedAt: (direction) => `a.locked_at ${direction} nulls last, a.code ${direction}`,
};

/** What a search learnt before picking its page: the departments it covers, and how names are matched. */
interface SearchContext {
  /** The ids of the department of 所属部門コード (and those below it, with 部門配下); absent without that filter. */
  departmentIds?: string[];
  text: TextMatch;
  /**
   * With the names matched through their indexes: read at most the cap's matches, and give each page row
   * the number read (`total`) and the company's estimated size (`accounts`), to pick the path when more.
   */
  countMatches?: boolean;
  /**
   * The company is small (fewer than `smallCompanyAccounts`): with a name or kana term, the department is tested on
   * the name's matches instead of being intersected through its index (see `whereClause`).
   */
  smallCompany?: boolean;
}

/**
 * Below this many accounts, a name search with a department filter reads the name's matches through the name's
 * index and tests each one's department: at most a few thousand rows, about a millisecond. Left to itself, the
 * planner multiplies the company's share of the table by the departments' share as if they were independent
 * (they belong to the company), expects one row from the company's and the departments' indexes ANDed, and then
 * computes every such account's name pieces one by one (103 accounts, 1.5 ms against 0.3 ms, in a company of
 * 852 among a million accounts). Above it, ANDing both indexes is the better plan and the planner picks it.
 */
const smallCompanyAccounts = 5_000;

/**
 * The conditions of a search on `account a`. `perDepartment`: the statement reads one department of the company at
 * a time (`a.department_id = d.id`), so the company is tested on its rows rather than offered to the planner, which
 * would otherwise AND the department's few entries with the whole company's from a company-led index, for every
 * department (63 departments, 2.4 ms against 0.4 ms, in a company of 852 among a million accounts).
 */
function whereClause(criteria: AccountSearchCriteria, context: SearchContext, perDepartment = false): SqlStatement {
  const conditions: string[] = [perDepartment ? '(a.company_id = ?) is not false' : 'a.company_id = ?'];
  const bindings: (string | number)[] = [criteria.companyId];
  const add = (condition: string, ...values: (string | number)[]) => {
    conditions.push(condition);
    bindings.push(...values);
  };
  if (criteria.codePrefix) add('a.code like ?', `${escapeLike(criteria.codePrefix)}%`);
  if (criteria.type) add('a.type = ?', criteria.type);
  if (criteria.partnerCode) {
    add(
      `a.partner_id in (select p.id from partner p where p.company_id = ? and p.code = ?${criteria.type ? ' and p.kind = ?' : ''})`,
      criteria.companyId,
      criteria.partnerCode,
      ...(criteria.type ? [criteria.type] : []),
    );
  }
  if (criteria.name) {
    const match = partialMatch(fullName, fullNameGrams, 'ilike', criteria.name, context.text);
    add(match.sql, ...match.bindings);
  }
  if (criteria.kana) {
    const match = partialMatch(fullKana, fullKanaGrams, 'like', criteria.kana, context.text);
    add(match.sql, ...match.bindings);
  }
  if (context.departmentIds) {
    // The ids as a constant, not a subquery: the planner then knows how many accounts they hold. In a small
    // company with a name term, a test the planner cannot take to an index (`is not false`, the same truth for
    // a non-null column), so the name's index finds the rows (smallCompanyAccounts).
    const testedOnMatches = context.smallCompany && (criteria.name || criteria.kana) && context.text === 'index';
    add(
      testedOnMatches ? '(a.department_id = any(?::uuid[])) is not false' : 'a.department_id = any(?::uuid[])',
      `{${context.departmentIds.join(',')}}`,
    );
  }
  if (criteria.projectCode) {
    add(
      `a.id in (select pm.account_id from project_member pm join project pr on pr.id = pm.project_id
                where pr.company_id = ? and pr.code = ?)`,
      criteria.companyId,
      criteria.projectCode,
    );
  }
  if (criteria.lockedOnly) conditions.push('a.locked_at is not null');
  if (criteria.issuanceStatus) conditions.push(issuanceStatusConditions[criteria.issuanceStatus]);
  if (!criteria.includeDisabled) conditions.push('not a.disabled');
  if (!criteria.includeLoginDisabled) conditions.push('not a.login_disabled');
  return { sql: conditions.join('\n  and '), bindings };
}

/**
 * The department of 所属部門コード, of this company, and with 部門配下 every department below it; each row also
 * carries the company's estimated number of accounts (`smallCompany`).
 */
function departmentIdsStatement(criteria: AccountSearchCriteria): SqlStatement {
  return {
    sql: criteria.includeSubDepartments
      ? `with recursive subtree as (
    select dt.id from department dt where dt.company_id = ? and dt.code = ?
    union all
    select child.id from department child join subtree on child.parent_id = subtree.id
  ) select id, ${companyAccountsEstimate} as accounts from subtree`
      : `select dt.id, ${companyAccountsEstimate} as accounts from department dt where dt.company_id = ? and dt.code = ?`,
    bindings: criteria.includeSubDepartments
      ? [criteria.companyId, criteria.departmentCode!, criteria.companyId]
      : [criteria.companyId, criteria.companyId, criteria.departmentCode!],
  };
}

/** The row the page statement returns. */
export interface AccountSearchRow {
  code: string;
  type: AccountType;
  last_name: string;
  first_name: string;
  last_name_kana: string | null;
  first_name_kana: string | null;
  short_name: string | null;
  department_code: string;
  department_name: string;
  partner_code: string | null;
  partner_name: string | null;
  last_login_at: Date | string | null;
  locked_at: Date | string | null;
  failed_login_count: number;
  disabled: boolean;
  login_disabled: boolean;
  password_status: string;
  password_issued_via: string | null;
  auth_status: string;
  auth_requested_at: Date | string | null;
}

/**
 * Searches with more matches than this get a lower bound for a total ("10,000+"): counting every one of
 * 100,000 accounts costs more than the page itself, and nobody pages through ten thousand rows.
 */
export const accountCountCap = 10_000;

/**
 * The page: the ids of its rows are picked first, joining only what the order needs (the department for
 * the department order), so rows skipped by a deep offset are never joined to their department, partner
 * and company; then those few rows are loaded with everything the list shows. The account code breaks
 * ties, so the order is stable. Plain SQL rather than the query builder, because the match expressions
 * must be exactly the indexed ones.
 */
function pageStatement(criteria: AccountSearchCriteria, context: SearchContext): SqlStatement {
  const ids = pickIds(criteria, context);
  return {
    sql: `select a.code, a.type, a.last_name, a.first_name, a.last_name_kana, a.first_name_kana, a.short_name,
  d.code as department_code, d.name as department_name, p.code as partner_code, p.name as partner_name,
  a.last_login_at, a.locked_at, a.disabled, a.login_disabled,
  case when a.failed_login_window_started_at > now() - make_interval(days => c.lockout_window_days)
    then a.failed_login_count else 0 end as failed_login_count,
  a.password_status, a.password_issued_via, a.auth_status, a.auth_requested_at${context.countMatches ? ', picked.total, picked.accounts' : ''}
from (${ids.sql}) picked
join account a on a.id = picked.id
join department d on d.id = a.department_id
join company c on c.id = a.company_id
left join partner p on p.id = a.partner_id
order by ${orderings[criteria.sort](criteria.order)}`,
    bindings: ids.bindings,
  };
}

/** Every match, counting stopped after the cap. */
function countStatement(criteria: AccountSearchCriteria, context: SearchContext): SqlStatement {
  const where = whereClause(criteria, context);
  return {
    sql: `select count(*)::int as total from (select 1 from account a\nwhere ${where.sql}\nlimit ?) capped`,
    bindings: [...where.bindings, accountCountCap + 1],
  };
}

/**
 * The company's number of accounts as the planner estimates `company_id = ?` from the table's statistics (the
 * company's share when it is among the most common, else an even share of the rest), or the table's size
 * before any statistics: with a thousand companies the table's size says nothing of one company's.
 */
const companyAccountsEstimate = `(select (c.reltuples * coalesce(
      s.most_common_freqs[array_position(s.most_common_vals::text::uuid[], ?::uuid)],
      (1 - coalesce((select sum(f) from unnest(s.most_common_freqs) f), 0))
        / nullif(case when s.n_distinct < 0 then -s.n_distinct * c.reltuples else s.n_distinct end
          - coalesce(cardinality(s.most_common_freqs), 0), 0),
      1))::float8
    from pg_class c
    left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'account' and s.attname = 'company_id'
    where c.oid = 'account'::regclass)`;

/** From this offset on, the department order skips whole departments by their counts. */
const deepOffset = 1000;

/** Filters an index finds few rows for; without any, most of the company's accounts match. */
function hasNarrowFilter(criteria: AccountSearchCriteria, context: SearchContext): boolean {
  return Boolean(
    criteria.codePrefix ||
    criteria.projectCode ||
    criteria.partnerCode ||
    criteria.lockedOnly ||
    ((criteria.name || criteria.kana) && context.text === 'index'),
  );
}

/**
 * The ids of the page's rows, in order. With the names matched through their indexes (few matches), the
 * matches are found first, then sorted. Otherwise the order's index is walked and each row tested, which
 * stops at the page when most rows match. Sorted by department, departments are walked in code order and
 * each gives its first accounts by code (account_department_sort_ids_index), so the first pages read a few
 * departments instead of sorting the whole company. The last login and lockout orders put the accounts
 * without one last either way, which no single index gives in both directions: those with one and those
 * without are walked apart.
 */
function pickIds(criteria: AccountSearchCriteria, context: SearchContext): SqlStatement {
  const where = whereClause(criteria, context);
  const order = orderings[criteria.sort](criteria.order);
  const paging = [criteria.limit, criteria.offset];
  const direction = criteria.order;
  const narrow = hasNarrowFilter(criteria, context);
  const departmentJoin = criteria.sort === 'department' ? '\n  join department d on d.id = a.department_id' : '';
  if ((criteria.name || criteria.kana) && context.text === 'index') {
    // Matched through the GIN indexes first, then sorted: the planner cannot tell how many accounts a
    // sort index walk would pass over, and the grams are a costly function per row.
    const counting = context.countMatches
      ? `, count(*) over ()::int as total, ${companyAccountsEstimate} as accounts`
      : '';
    return {
      sql: `with matches as materialized (
    select a.id, a.code, a.last_name_kana, a.first_name_kana, a.last_login_at, a.locked_at${departmentJoin ? ', d.code as department_code' : ''}
    from account a${departmentJoin}
    where ${where.sql}${context.countMatches ? '\n    limit ?' : ''}
  )
  select a.id${counting} from matches a
  order by ${orderings[criteria.sort](criteria.order, 'a.department_code')}
  limit ? offset ?`,
      bindings: [
        ...where.bindings,
        ...(context.countMatches ? [accountCountCap + 1, criteria.companyId] : []),
        ...paging,
      ],
    };
  }
  const walked = context.text === 'row';
  const inDepartment = criteria.sort === 'department' && !narrow ? whereClause(criteria, context, true) : where;
  if (criteria.sort === 'department' && !narrow && !walked && criteria.offset >= deepOffset) {
    // A deep page: each department's matches are counted (index-only), and only the departments the page
    // overlaps are read, each from the first of its accounts the page needs.
    return {
      sql: `select x.id from (
    select d.id, d.code, counted.n,
      coalesce(sum(counted.n) over (order by d.code ${direction} rows between unbounded preceding and 1 preceding), 0) as before
    from department d
    cross join lateral (select count(*) as n from account a where a.department_id = d.id and ${inDepartment.sql}) counted
    where d.company_id = ?
  ) d
  cross join lateral (
    select a.id, a.code from account a
    where a.department_id = d.id and ${inDepartment.sql}
    order by a.code ${direction}
    offset greatest(0, ? - d.before) limit ?
  ) x
  where d.before + d.n > ? and d.before < ?
  order by d.code ${direction}, x.code ${direction}
  limit ?`,
      bindings: [
        ...inDepartment.bindings,
        criteria.companyId,
        ...inDepartment.bindings,
        criteria.offset,
        criteria.limit,
        criteria.offset,
        criteria.offset + criteria.limit,
        criteria.limit,
      ],
    };
  }
  if (criteria.sort === 'department' && !narrow) {
    return {
      sql: `select x.id from department d
  cross join lateral (
    select a.id, a.code from account a
    where a.department_id = d.id and ${inDepartment.sql}
    order by a.code ${direction}
    limit ?
  ) x
  where d.company_id = ?
  order by d.code ${direction}, x.code ${direction}
  limit ? offset ?`,
      bindings: [...inDepartment.bindings, criteria.offset + criteria.limit, criteria.companyId, ...paging],
    };
  }
  const nullsLastColumn = { lastLoginAt: 'last_login_at', lockedAt: 'locked_at' } as const;
  if (!narrow && (criteria.sort === 'lockedAt' || (criteria.sort === 'lastLoginAt' && direction === 'asc'))) {
    return nullsLastWalk(criteria, where, nullsLastColumn[criteria.sort]);
  }
  return {
    sql: `select a.id from account a${departmentJoin}
  where ${where.sql}
  order by ${order}
  limit ? offset ?`,
    bindings: [...where.bindings, ...paging],
  };
}

/**
 * A page of an order where accounts without a value come last in both directions. Those with a value are
 * walked in their index's order (account_last_login_sort_ids_index backwards, or account_locked_index) up
 * to the page. Only when they do not fill it, those without follow by code: from the start when some
 * with a value are on the page, else from the offset left after counting those with a value (up to the
 * offset). The nulls' position in each part's ORDER BY is the one its index walk gives; within a part it
 * changes nothing, the part having no nulls or only nulls.
 */
function nullsLastWalk(
  criteria: AccountSearchCriteria,
  where: SqlStatement,
  column: 'last_login_at' | 'locked_at',
): SqlStatement {
  const direction = criteria.order;
  // account_last_login_sort_ids_index holds last_login_at desc nulls last; account_locked_index locked_at asc.
  const indexNulls =
    column === 'last_login_at'
      ? direction === 'asc'
        ? 'nulls first'
        : 'nulls last'
      : direction === 'asc'
        ? 'nulls last'
        : 'nulls first';
  const withValue = `a.${column} ${direction} ${indexNulls}, a.code ${direction}`;
  // Without a value, by code; for the last login its index holds them by code too, at its end.
  const withoutValue = column === 'last_login_at' ? withValue : `a.code ${direction}`;
  return {
    sql: `with valued as materialized (
    select a.id, a.${column} as sort_value, a.code from account a
    where ${where.sql} and a.${column} is not null
    order by ${withValue}
    limit ? offset ?
  )
  select x.id from (
    select v.id, 0 as part, v.sort_value, v.code from valued v
    union all
    (select a.id, 1, null, a.code from account a
      where ${where.sql} and a.${column} is null and (select count(*) from valued) < ?
      order by ${withoutValue}
      limit ? offset (case when (select count(*) from valued) > 0 then 0
        else greatest(0, ? - (select count(*) from (select 1 from account a
          where ${where.sql} and a.${column} is not null
          order by ${withValue}
          limit ?) counted)) end))
  ) x
  order by x.part, x.sort_value ${direction}, x.code ${direction}
  limit ?`,
    bindings: [
      ...where.bindings,
      criteria.limit,
      criteria.offset,
      ...where.bindings,
      criteria.limit,
      criteria.limit,
      criteria.offset,
      ...where.bindings,
      criteria.offset,
      criteria.limit,
    ],
  };
}

export type RunStatement = (statement: SqlStatement) => Promise<unknown[]>;

export interface AccountSearchResult {
  /** Every match; with `totalIsLowerBound`, at least this many (more than the cap, or a page beyond it). */
  total: number;
  totalIsLowerBound: boolean;
  rows: AccountSearchRow[];
}

/**
 * Walking an order's index and testing 氏名/氏名カナ per row is chosen when the rows it is expected to
 * pass over, (offset + limit) × accounts / matches, are at most this many times the matches: reading
 * every match through the GIN index and sorting them costs about as much per match as the walk per row
 * that reads the row from the table.
 */
const walkRowsPerMatch = 3;

/**
 * The kana order's index carries 姓, 名, 所属部門 and the default filter's flags beside its kana
 * (account_kana_sort_names_index), so a walk testing those reads no row of the table: at 100,000 accounts
 * 0.5 µs per entry passed for 氏名 and 1 µs for 氏名カナ, against 2–6 µs per match read through the GIN
 * index, fetched and sorted. 藤 on page 100 (18,014 matches, counted up to the cap) passes about 20,600
 * entries.
 */
const indexOnlyWalkRowsPerMatch = 6;

/** Filters that read the table's row, so that walking the kana order is no longer index-only. */
function walkReadsTable(criteria: AccountSearchCriteria): boolean {
  return (
    criteria.sort !== 'kana' ||
    Boolean(criteria.type || criteria.partnerCode || criteria.projectCode || criteria.lockedOnly) ||
    criteria.issuanceStatus !== undefined
  );
}

/** The matches counted (stopping after the cap), and the company's estimated number of accounts. */
interface Counted {
  total: number;
  accounts: number;
}

function capped(total: number, criteria: AccountSearchCriteria, rows: AccountSearchRow[]): AccountSearchResult {
  if (total <= accountCountCap) return { total, totalIsLowerBound: false, rows };
  return { total: Math.max(accountCountCap, criteria.offset + rows.length), totalIsLowerBound: true, rows };
}

/**
 * Runs a search. 所属部門コード is first turned into its departments' ids. A search by 氏名/氏名カナ counts
 * its matches first (through the GIN indexes, stopping after the cap), and from that count picks how to
 * find the page: many matches by walking the order's index, few by reading them all and sorting (terms
 * of three characters or more, which match few, are read, counted and sorted at once, up to the cap). Other
 * searches read the page first, then count only when the page cannot tell (a short page that starts at
 * the beginning, or that holds rows, already says how many there are in all). A count that reaches the
 * cap gives a lower bound: the cap, or the rows up to this page when that is more.
 */
export async function searchAccounts(run: RunStatement, criteria: AccountSearchCriteria): Promise<AccountSearchResult> {
  const scope = await departmentScope(run, criteria);
  if (scope === null) return { total: 0, totalIsLowerBound: false, rows: [] };
  const indexed: SearchContext = { ...scope, text: 'index' };
  if (criteria.name || criteria.kana) {
    let counted: Counted | undefined;
    const terms = [criteria.name, criteria.kana].filter((term): term is string => Boolean(term));
    if (terms.every((term) => [...term].length > shortTermLength)) {
      // Terms of three characters or more match few names (佐藤太: 826 of 100,000): their matches, up to
      // the cap, are read through the trigram indexes, counted and sorted in one statement. Only past the
      // cap is the page looked for again, by the path that count picks.
      const rows = (await run(
        pageStatement(criteria, { ...scope, text: 'index', countMatches: true }),
      )) as (AccountSearchRow & Counted)[];
      const first = rows[0];
      if (first && first.total <= accountCountCap) {
        return {
          total: first.total,
          totalIsLowerBound: false,
          rows: rows.map(({ total: _total, accounts: _accounts, ...row }) => row),
        };
      }
      if (first) counted = { total: first.total, accounts: first.accounts };
    }
    if (!counted) {
      const count = countStatement(criteria, indexed);
      [counted] = (await run({
        sql: `select (${count.sql}) as total, ${companyAccountsEstimate} as accounts`,
        bindings: [...count.bindings, criteria.companyId],
      })) as Counted[];
    }
    const total = counted?.total ?? 0;
    if (total === 0) return { total: 0, totalIsLowerBound: false, rows: [] };
    const end = criteria.offset + criteria.limit;
    const accounts = counted?.accounts ?? 0;
    const rowsPerMatch = walkReadsTable(criteria) ? walkRowsPerMatch : indexOnlyWalkRowsPerMatch;
    const walk = total >= end && accounts > 0 && (end * accounts) / total <= rowsPerMatch * total;
    const rows = (await run(pageStatement(criteria, { ...scope, text: walk ? 'row' : 'index' }))) as AccountSearchRow[];
    // A short page that holds rows says how many there are in all, even past the cap.
    if (rows.length < criteria.limit && rows.length > 0) {
      return { total: criteria.offset + rows.length, totalIsLowerBound: false, rows };
    }
    return capped(total, criteria, rows);
  }
  const rows = (await run(pageStatement(criteria, indexed))) as AccountSearchRow[];
  if (rows.length < criteria.limit && (rows.length > 0 || criteria.offset === 0)) {
    return { total: criteria.offset + rows.length, totalIsLowerBound: false, rows };
  }
  const [counted] = (await run(countStatement(criteria, indexed))) as { total: number }[];
  return capped(counted?.total ?? 0, criteria, rows);
}

/** The departments a search covers, and the company's size; {} without 所属部門コード, null when it names none. */
async function departmentScope(
  run: RunStatement,
  criteria: AccountSearchCriteria,
): Promise<Pick<SearchContext, 'departmentIds' | 'smallCompany'> | null> {
  if (!criteria.departmentCode) return {};
  const rows = (await run(departmentIdsStatement(criteria))) as { id: string; accounts: number | null }[];
  if (rows.length === 0) return null;
  return {
    departmentIds: rows.map((row) => row.id),
    smallCompany: (rows[0]!.accounts ?? Infinity) < smallCompanyAccounts,
  };
}

/**
 * Every account a search matches, unordered and unpaged, as `select a.id, a.code from account a where …` to build
 * on (a bulk run's selection by filter: the same conditions as the list, so the run holds exactly the accounts
 * the list shows for these filters); null when 所属部門コード names no department (nothing matches).
 */
export async function matchingAccountsStatement(
  run: RunStatement,
  criteria: AccountSearchCriteria,
): Promise<SqlStatement | null> {
  const scope = await departmentScope(run, criteria);
  if (scope === null) return null;
  const where = whereClause(criteria, { ...scope, text: 'index' });
  return { sql: `select a.id, a.code from account a\nwhere ${where.sql}`, bindings: where.bindings };
}
