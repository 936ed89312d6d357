import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { accountColumns, exportCells, type AccountCells } from './account-csv';
import { accountSearchCriteria, type AccountSearchQuery } from './account-list';
import { searchAccounts, type AccountSearchRow } from './account-search-query';

/** Accounts read per page: the export never holds more than one page, whatever the number of accounts. */
const exportPageSize = 1000;

/** The header row of an export, in Japanese (the seed's names) or English. */
export function exportHeader(language: 'ja' | 'en'): string[] {
  return accountColumns.map((column) => column[language]);
}

/**
 * The account list as CSV rows, with every filter of the list (account-list.ts) in the list's order, a
 * page at a time: each page's accounts are loaded with what the columns need and written out before
 * the next page is read. The one CSV writer (lib/formula-safe-csv.ts) makes every cell formula-safe.
 */
export async function* exportAccounts(
  em: EntityManager,
  principal: Principal,
  query: Omit<AccountSearchQuery, 'limit' | 'offset'>,
  language: 'ja' | 'en' = 'en',
): AsyncGenerator<string[]> {
  assertPermitted(principal, 'accounts:read');
  const connection = em.getConnection();
  for (let offset = 0; ; offset += exportPageSize) {
    const criteria = accountSearchCriteria(principal.companyId, { ...query, limit: exportPageSize, offset });
    const { rows } = await searchAccounts(
      (statement) => connection.execute<AccountSearchRow[]>(statement.sql, statement.bindings),
      criteria,
    );
    if (rows.length === 0) return;
    const page = em.fork();
    const accounts = await page.find(
      Account,
      { company: principal.companyId, code: { $in: rows.map((row) => row.code) } },
      { populate: ['department', 'controlDepartment', 'reportingControlDepartment', 'role', 'partner'] },
    );
    const byCode = new Map(accounts.map((account) => [account.code, account]));
    const ranks = await latestRanks(
      page,
      accounts.map((account) => account.id),
    );
    for (const row of rows) {
      const account = byCode.get(row.code);
      if (!account) continue;
      const values: AccountCells = { account: account as Account, rank: ranks.get(account.id) };
      yield exportCells(values, language);
    }
    if (rows.length < exportPageSize) return;
  }
}

async function latestRanks(
  em: EntityManager,
  accountIds: string[],
): Promise<Map<string, { effectiveMonth: string; rankCode: string }>> {
  if (accountIds.length === 0) return new Map();
  const rows = await em.getConnection().execute<{ account_id: string; month: string; code: string }[]>(
    `select distinct on (ar.account_id) ar.account_id, to_char(ar.effective_month, 'YYYY-MM') as month, r.code
       from account_rank ar join rank r on r.id = ar.rank_id
      where ar.account_id in (${accountIds.map(() => '?').join(', ')})
      order by ar.account_id, ar.effective_month desc`,
    accountIds,
  );
  return new Map(rows.map((row) => [row.account_id, { effectiveMonth: row.month, rankCode: row.code }]));
}
