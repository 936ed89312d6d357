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

function partialMatch(expression: string, grams: string, operator: 'like' | 'ilike', term: string): SqlStatement {
  if ([...term].length <= shortTermLength) {
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
const orderings: Record<AccountSortKey, (direction: 'asc' | 'desc') => string> = {
  code: (direction) => `a.code ${direction}`,
  // Accounts without kana sort as if after every kana, as PostgreSQL orders nulls.
  kana: (direction) => `a.last_name_kana ${direction}, a.first_name_kana ${direction}, a.code ${direction}`,
  department: (direction) => `d.code ${direction}, a.code ${direction}`,
  // Never logged in / not locked: last in both directions.
  lastLoginAt: (direction) => `a.last_login_at ${direction} nulls last, a.code ${direction}`,
  lockedAt: (direction) => `a.locked_at ${direction} nulls last, a.code ${direction}`,
};

function whereClause(criteria: AccountSearchCriteria): SqlStatement {
  const conditions: string[] = ['a.company_id = ?'];
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
    const match = partialMatch(fullName, fullNameGrams, 'ilike', criteria.name);
    add(match.sql, ...match.bindings);
  }
  if (criteria.kana) {
    const match = partialMatch(fullKana, fullKanaGrams, 'like', criteria.kana);
    add(match.sql, ...match.bindings);
  }
  if (criteria.departmentCode) {
    add(
      criteria.includeSubDepartments
        ? `a.department_id in (with recursive subtree as (
             select dt.id from department dt where dt.company_id = ? and dt.code = ?
             union all
             select child.id from department child join subtree on child.parent_id = subtree.id
           ) select id from subtree)`
        : `a.department_id = (select dt.id from department dt where dt.company_id = ? and dt.code = ?)`,
      criteria.companyId,
      criteria.departmentCode,
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
 * The two statements of one search: a page of rows in a stable order (the account code breaks ties) and
 * the number of matches. Plain SQL rather than the query builder, because the match expressions must be
 * exactly the indexed ones and the department subtree needs a recursive CTE.
 */
export function accountSearchStatements(criteria: AccountSearchCriteria): { page: SqlStatement; count: SqlStatement } {
  const where = whereClause(criteria);
  const page = `select a.code, a.type, a.last_name, a.first_name, a.last_name_kana, a.first_name_kana, a.short_name,
  d.code as department_code, d.name as department_name, p.code as partner_code, p.name as partner_name,
  a.last_login_at, a.locked_at, a.disabled, a.login_disabled,
  case when a.failed_login_window_started_at > now() - make_interval(days => c.lockout_window_days)
    then a.failed_login_count else 0 end as failed_login_count,
  a.password_status, a.password_issued_via, a.auth_status, a.auth_requested_at
from account a
join department d on d.id = a.department_id
join company c on c.id = a.company_id
left join partner p on p.id = a.partner_id
where ${where.sql}
order by ${orderings[criteria.sort](criteria.order)}
limit ? offset ?`;
  return {
    page: { sql: page, bindings: [...where.bindings, criteria.limit, criteria.offset] },
    count: { sql: `select count(*)::int as total from account a\nwhere ${where.sql}`, bindings: where.bindings },
  };
}

export type RunStatement = (statement: SqlStatement) => Promise<unknown[]>;

/**
 * Runs a search: the page first, then the count only when the page cannot tell it (a short page that
 * starts at the beginning, or that holds rows, already says how many there are in all).
 */
export async function searchAccounts(
  run: RunStatement,
  criteria: AccountSearchCriteria,
): Promise<{ total: number; rows: AccountSearchRow[] }> {
  const statements = accountSearchStatements(criteria);
  const rows = (await run(statements.page)) as AccountSearchRow[];
  if (rows.length < criteria.limit && (rows.length > 0 || criteria.offset === 0)) {
    return { total: criteria.offset + rows.length, rows };
  }
  const [counted] = (await run(statements.count)) as { total: number }[];
  return { total: counted?.total ?? 0, rows };
}
