import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import type { IssuanceKind } from '../../contract';
import { Account, Company, Issuance, PasswordNotice, PasswordNoticeItem } from '../../entities';
import { renderPasswordNotice } from '../../lib/pdf/password-notice';
import { principalOfAccount } from '../access/acting-account';
import type { Principal } from '../access/principal';
import { revokeSessionsOfAccounts } from '../access/sessions';
import { endUnfetchedPasswordNoticesOf } from './end-unfetched-notices';
import { policyExclusion, type ExclusionReason } from './exclusion';
import { withTransitions } from './issuance-events';
import { giveGeneratedPassword, noticePageOf, type IssuanceStepServices } from './issuance-steps';
import { isReissueGiven } from './reissue';
import type { IssuanceTransitions } from './state-machine';
import { endOpenIssuances, keptSecrets } from './supersede';

/** What a bulk notice batch did with one item. */
export type ItemOutcome = 'issued' | 'skipped' | 'stopped';

/** A selected employee a chunk leaves out, and why. */
interface SkippedItem {
  item: PasswordNoticeItem;
  reason: ExclusionReason;
}

/** A new password for one item, hashed by the caller outside any transaction. */
export interface PreparedPassword {
  password: string;
  hash: string;
}

interface IssuableItem {
  item: PasswordNoticeItem;
  account: Account;
  earlier: Issuance[];
}

/**
 * What a batch does with one item: nothing when a retry finds it issued; nothing when the account was disabled
 * since the run was accepted, has a password by now (a bulk run issues first passwords only: 再発行は個別に), or
 * the policy now refuses it; else a new password.
 */
export function bulkNoticeItemDecision(
  principal: Principal | undefined,
  item: PasswordNoticeItem,
  account: Account,
  earlier: Issuance[],
): 'issued' | SkippedItem | IssuableItem {
  if (item.issuance) return 'issued';
  if (item.skipReason) return { item, reason: item.skipReason as ExclusionReason };
  if (account.disabled) return { item, reason: 'ACCOUNT_DISABLED' };
  // The policy again, as the admin who started the run is now (a bulk run issues first passwords only; the
  // account may have become a system administrator, or the admin may have lost the permission, since the start).
  const reason = principal ? policyExclusion(principal, account, isReissueGiven(account, earlier)) : 'NOT_PERMITTED';
  return reason ? { item, reason } : { item, account, earlier };
}

/**
 * Sets one employee's new password for a bulk notice, inside the batch's transaction that holds the account and
 * item locks: earlier open issuances end, the issuance is opened and issued at once (the one "password issued"
 * block of the state machine), and the password is kept sealed on the item until the PDF is assembled. Nothing
 * is written until the batch flushes at its commit, so a batch sends its inserts and updates as a few statements.
 */
function issueItem(
  services: IssuanceStepServices,
  em: EntityManager,
  transitions: IssuanceTransitions,
  context: { company: Company; workflowId: string; now: Date },
  { item, account, earlier }: IssuableItem,
  prepared: PreparedPassword,
): void {
  const { now } = context;
  // The database is the arbiter: a superseded e-mail run sees it at its next step and ends.
  endOpenIssuances(transitions, earlier, now);
  giveGeneratedPassword(account, prepared.hash, now);
  const kind: IssuanceKind = 'initial';
  const issuance = new Issuance({
    company: ref(context.company),
    account: ref(account),
    sequence: (earlier[0]?.sequence ?? 0) + 1,
    kind,
    emailSlot: 1,
    emailAddress: '',
    workflowId: context.workflowId,
  });
  issuance.channel = 'pdf';
  transitions.open(issuance);
  transitions.recordPasswordIssued(issuance, account, { at: now });
  em.persist(issuance);
  item.issuance = ref(issuance);
  item.sealedPassword = services.secretBox.seal(prepared.password, item.id);
}

/**
 * One transaction for a batch of a bulk notice's chunk: locks the accounts (in id order, the one order of every
 * locker of several accounts, so two runs never deadlock) and the items, reads the notice, the company, the
 * acting admin and the issuance history once, and records every employee's issuance. `open` and `prepared` are
 * parallel: the items still without an issuance and their hashed passwords.
 */
export async function recordBulkNoticeBatch(
  em: EntityManager,
  services: IssuanceStepServices,
  run: { noticeId: string; workflowId: string; now: Date },
  open: PasswordNoticeItem[],
  prepared: PreparedPassword[],
): Promise<ItemOutcome[]> {
  return withTransitions(em, async (tx, transitions) => {
    const accountIds = open.map((item) => item.account.id);
    const accounts = await tx.find(
      Account,
      { id: { $in: accountIds } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'], orderBy: { id: 'asc' } },
    );
    // Read after the lock: populating with it would lock the role and company rows FOR UPDATE too.
    await tx.populate(accounts, ['role', 'company']);
    const lockedItems = await tx.find(
      PasswordNoticeItem,
      { id: { $in: open.map((item) => item.id) } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['p0'], orderBy: { position: 'asc' } },
    );
    const current = await tx.findOneOrFail(PasswordNotice, run.noticeId, { populate: ['company'] });
    if (current.supersededAt) return ['stopped'];
    const company = current.company.getEntity();
    const principal = await principalOfAccount(tx, current.requestedBy?.id);
    const history = await tx.find(
      Issuance,
      { account: { $in: accountIds } },
      { orderBy: { sequence: 'desc' }, populate: keptSecrets },
    );
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    const preparedByItem = new Map(open.map((item, index) => [item.id, prepared[index]!]));
    const historyByAccount = new Map<string, Issuance[]>();
    for (const row of history) {
      const rows = historyByAccount.get(row.account.id) ?? [];
      rows.push(row);
      historyByAccount.set(row.account.id, rows);
    }
    const decisions = lockedItems.map((item) =>
      bulkNoticeItemDecision(
        principal,
        item,
        accountById.get(item.account.id)!,
        historyByAccount.get(item.account.id) ?? [],
      ),
    );
    const issuable = decisions.filter(
      (decision): decision is IssuableItem => typeof decision !== 'string' && 'account' in decision,
    );
    for (const decision of decisions) {
      // Recorded with the item, so the results file says skipped and why (the preview said so for the others).
      if (typeof decision !== 'string' && 'reason' in decision) decision.item.skipReason = decision.reason;
    }
    const issuedAccountIds = issuable.map((decision) => decision.account.id);
    // Every notice still holding one of these accounts' passwords ends: its password is about to stop working.
    await endUnfetchedPasswordNoticesOf(tx, issuedAccountIds, run.now, run.noticeId);
    const context = { company, workflowId: run.workflowId, now: run.now };
    for (const decision of issuable) {
      issueItem(services, tx, transitions, context, decision, preparedByItem.get(decision.item.id)!);
    }
    await revokeSessionsOfAccounts(tx, issuedAccountIds, run.now);
    return decisions.map((decision) =>
      typeof decision === 'string' ? decision : 'reason' in decision ? 'skipped' : 'issued',
    );
  });
}

/**
 * Renders one page per employee in account-code order into one PDF, seals it on the notice and deletes the
 * sealed passwords of the items, in one transaction: a retry after the commit finds the PDF there.
 */
export async function assembleBulkNotice(
  em: EntityManager,
  services: IssuanceStepServices,
  noticeId: string,
  validityMs: number,
): Promise<{ state: 'ready' | 'superseded'; pages: number }> {
  return em.transactional(async (tx) => {
    const notice = await tx.findOneOrFail(
      PasswordNotice,
      { id: noticeId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['p0'] },
    );
    if (notice.supersededAt) {
      await tx.nativeUpdate(PasswordNoticeItem, { notice: noticeId }, { sealedPassword: null });
      return { state: 'superseded', pages: 0 } as const;
    }
    if (notice.renderedAt) return { state: 'ready', pages: notice.bulkTotal ?? 0 } as const;
    const company = await tx.findOneOrFail(Company, notice.company.id);
    const items = await tx.find(
      PasswordNoticeItem,
      { notice: noticeId, sealedPassword: { $ne: null } },
      { orderBy: { position: 'asc' }, populate: ['sealedPassword', 'account'] as never },
    );
    const issuedAt = services.clock?.() ?? new Date();
    const pdf = await renderPasswordNotice(
      items.map((item) =>
        noticePageOf(
          services,
          company,
          item.account.getEntity(),
          services.secretBox.open(item.sealedPassword!, item.id),
          issuedAt,
        ),
      ),
    );
    notice.sealedContent = services.secretBox.seal(pdf.toString('base64'), notice.id);
    notice.renderedAt = issuedAt;
    notice.expiresAt = new Date(issuedAt.getTime() + validityMs);
    await tx.nativeUpdate(PasswordNoticeItem, { notice: noticeId }, { sealedPassword: null });
    services.logger.info({ noticeId, pages: items.length, event: 'bulk-notice-assembled' }, 'bulk notice assembled');
    return { state: 'ready', pages: items.length } as const;
  });
}
