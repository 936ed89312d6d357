import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountRank, Rank } from '../../entities';
import { assertMayChangeAccount, assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { accountView, type AccountView } from './account-view';
import { findAccount, targetOf } from './target';

/**
 * 社員ランク history, row by row as 【アカウント登録】 keeps it: a row is added each time the rank
 * changes, one row can be corrected or removed, and an own account (自社) keeps at least one row.
 * Inactive ranks may be chosen here (the seed allows them in 修正モード, only registration refuses them).
 */

async function lockedAccount(em: EntityManager, principal: Principal, code: string): Promise<Account> {
  assertPermitted(principal, 'accounts:write');
  const account = await findAccount(em, principal, code);
  assertMayChangeAccount(principal, 'accounts:write', await targetOf(em, account));
  // Rows of one account change one request at a time, so "the last row" is decided once.
  await em.execute(`select id from account where id = ? for update`, [account.id]);
  return account;
}

async function rankByCode(em: EntityManager, account: Account, rankCode: string): Promise<Rank> {
  const rank = await em.findOne(Rank, { company: account.company.id, code: rankCode });
  if (!rank) throw new InputError('UNKNOWN_RANK', `No rank "${rankCode}".`, 'rankCode');
  return rank;
}

async function rowOf(em: EntityManager, account: Account, month: string): Promise<AccountRank> {
  const row = await em.findOne(AccountRank, { account, effectiveMonth: `${month}-01` });
  if (!row) throw new NotFoundError(`The account has no rank row for ${month}.`, 'RANK_ROW_NOT_FOUND');
  return row;
}

/** One change of the rows, in one transaction with the account locked; answers the account as it is now. */
async function changingRows(
  em: EntityManager,
  principal: Principal,
  code: string,
  change: (tx: EntityManager, account: Account) => Promise<void>,
): Promise<AccountView> {
  const account = await em.transactional(async (tx) => {
    const found = await lockedAccount(tx, principal, code);
    await change(tx, found);
    return found;
  });
  return accountView(em, account);
}

/** Adds the row of a new rank from `effectiveMonth` (YYYY-MM); a month that already has a row is a 409. */
export function addRankRow(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: { effectiveMonth: string; rankCode: string },
): Promise<AccountView> {
  return changingRows(em, principal, code, async (tx, account) => {
    const rank = await rankByCode(tx, account, input.rankCode);
    if (await tx.count(AccountRank, { account, effectiveMonth: `${input.effectiveMonth}-01` })) {
      throw new ConflictError(
        'RANK_MONTH_TAKEN',
        `The account already has a rank for ${input.effectiveMonth}; change that row instead.`,
        'effectiveMonth',
      );
    }
    tx.persist(
      new AccountRank(
        tx.getReference(Account, account.id, { wrapped: true }),
        `${input.effectiveMonth}-01`,
        tx.getReference(Rank, rank.id, { wrapped: true }),
      ),
    );
  });
}

/** Corrects the rank of one row. */
export function changeRankRow(
  em: EntityManager,
  principal: Principal,
  code: string,
  month: string,
  input: { rankCode: string },
): Promise<AccountView> {
  return changingRows(em, principal, code, async (tx, account) => {
    const row = await rowOf(tx, account, month);
    const rank = await rankByCode(tx, account, input.rankCode);
    row.rank = tx.getReference(Rank, rank.id, { wrapped: true });
  });
}

/** Removes one row; the last row of an own account stays (自社 accounts always have a rank). */
export function removeRankRow(
  em: EntityManager,
  principal: Principal,
  code: string,
  month: string,
): Promise<AccountView> {
  return changingRows(em, principal, code, async (tx, account) => {
    const row = await rowOf(tx, account, month);
    if (account.type === 'own' && (await tx.count(AccountRank, { account })) === 1) {
      throw new ConflictError('RANK_REQUIRED', 'An own account keeps at least one rank; change this row instead.');
    }
    tx.remove(row);
  });
}
