import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, type Issuance } from '../../entities';
import { revokeSessionsOf } from '../access/sessions';
import { ConflictError } from '../errors';

/**
 * The one rule of "is this a reissue" (needs `issuance:reissue`): the account has, or had, a password in
 * use — one was issued (by mail or PDF), one is being reissued (再発行中, also after that reissue's link
 * expired: the old password still works), or the account has logged in with one (an initial password
 * typed at registration and then used). Only an account whose password nobody has received or used
 * gets a first issuance.
 */
export function isReissue(account: Pick<Account, 'passwordStatus' | 'lastLoginAt'>, issuedBefore: boolean): boolean {
  return (
    issuedBefore ||
    account.passwordStatus === 'issued' ||
    account.passwordStatus === 'reissuing' ||
    account.lastLoginAt != null
  );
}

/** `isReissue` for an account whose issuances the caller has loaded. */
export function isReissueGiven(
  account: Pick<Account, 'passwordStatus' | 'lastLoginAt'>,
  earlier: readonly Pick<Issuance, 'status'>[],
): boolean {
  return isReissue(
    account,
    earlier.some((row) => row.status === 'issued'),
  );
}

/** `isReissue` for many accounts at once (bulk previews): one query for the issuance history. */
export async function reissuesAmong(em: EntityManager, accounts: readonly Account[]): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  const rows = await em.getConnection().execute<{ account_id: string }[]>(
    `select distinct account_id from issuance where status = 'issued' and account_id in (${accounts.map(() => '?').join(',')})`,
    accounts.map((account) => account.id),
  );
  const issued = new Set(rows.map((row) => row.account_id));
  return new Set(accounts.filter((account) => isReissue(account, issued.has(account.id))).map((a) => a.id));
}

/**
 * A bulk run (e-mail or PDF) issues first passwords only: the product document has reissue done one person at a
 * time (再発行処理は1人1人の個別出力). An account with a password is left out with this reason.
 */
export function alreadyIssued(): ConflictError {
  return new ConflictError('ALREADY_ISSUED', '再発行は個別に行ってください (reissue one person at a time).', 'code');
}

/**
 * 再発行 is 初期化 (the product document: 現在の暗号化処理された「パスワード」を初期化して再発行; 再発行処理を実行した
 * 時点で「旧パスワード」によるログインが不可能となります): when any reissue starts — A (verification mail first),
 * B (credentials at once) or a PDF notice — the current password stops working and the account's sessions end,
 * in the transaction that records the reissue. The caller holds the account lock.
 */
export async function resetCurrentPassword(tx: EntityManager, accountId: string, now: Date): Promise<void> {
  // A native update: the hash is a lazy property, which MikroORM does not write when cleared without being loaded.
  await tx.nativeUpdate(Account, { id: accountId }, { passwordHash: null });
  await revokeSessionsOf(tx, accountId, now);
}
