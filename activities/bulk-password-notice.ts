import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { heartbeat } from '@temporalio/activity';
import type { IssuanceKind } from '../contract';
import { Account, Company, Issuance, PasswordNotice, PasswordNoticeItem } from '../entities';
import { supersedeEarlierIssuances } from '../domain/issuance/supersede';
import { generatePassword, hashPassword } from '../lib/passwords';
import { renderPasswordNotice } from '../lib/pdf/password-notice';
import { principalOfAccount } from '../domain/access/acting-account';
import { revokeSessionsOf } from '../domain/access/sessions';
import { policyExclusion } from '../domain/issuance/exclusion';
import { isReissueGiven } from '../domain/issuance/reissue';
import type { ActivityDependencies } from './dependencies';
import { expireUnfetchedNotice } from '../domain/issuance/unfetched-notice-expiry';
import { displayName } from '../domain/issuance/issuance-access';
import { employeeLinks } from '../domain/issuance/employee-links';

/** argon2 runs on libuv's thread pool (4 threads by default); more at once only queues. */
const hashingConcurrency = 4;

type ItemOutcome = 'issued' | 'skipped' | 'stopped';

/**
 * Sets one employee's new password for a bulk notice, in one transaction with the account locked (the
 * same order as the API's single issuance: account, then notice rows). The password is kept sealed on the
 * item until the PDF is assembled. A retry finds the item done and leaves it alone.
 */
async function issueItem(
  deps: ActivityDependencies,
  em: EntityManager,
  itemId: string,
  workflowId: string,
  now: Date,
): Promise<ItemOutcome> {
  const unlocked = await em.findOneOrFail(PasswordNoticeItem, itemId);
  const account = await em.findOneOrFail(
    Account,
    { id: unlocked.account.id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
  );
  // Read after the lock: populating with it would lock the role and company rows FOR UPDATE too.
  await em.populate(account, ['role', 'company']);
  const item = await em.findOneOrFail(
    PasswordNoticeItem,
    { id: itemId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['p0'], refresh: true },
  );
  if (item.issuance) return 'issued';
  const notice = await em.findOneOrFail(PasswordNotice, item.notice.id, { refresh: true });
  if (notice.supersededAt) return 'stopped';
  // Disabled since the run was accepted: no password, no page.
  if (account.disabled) return 'skipped';
  const company = await em.findOneOrFail(Company, notice.company.id);

  const earlier = await em.find(Issuance, { account }, { orderBy: { sequence: 'desc' } });
  const reissue = isReissueGiven(account, earlier);
  // The policy again, as the admin who started the run is now: the account may have become a
  // system administrator, or the admin may have lost the permission, since the run was accepted.
  const principal = await principalOfAccount(em, notice.requestedBy?.id);
  if (!principal || policyExclusion(principal, account, reissue)) return 'skipped';
  const kind: IssuanceKind = reissue ? 'reissue-direct' : 'initial';
  // The database is the arbiter: a superseded e-mail run sees it at its next step and ends.
  await supersedeEarlierIssuances(em, account.id, earlier, now, notice.id);

  const password = generatePassword(company.minPasswordLength);
  account.passwordHash = await hashPassword(password);
  account.mustChangePassword = true;
  account.passwordChangedAt = now;
  account.passwordStatus = 'issued';
  account.passwordIssuedVia = 'pdf';
  account.authStatus = 'none';
  await revokeSessionsOf(em, account.id, now);
  const sequence = (earlier[0]?.sequence ?? 0) + 1;
  const issuance = new Issuance({
    company: ref(company),
    account: ref(account),
    sequence,
    kind,
    emailSlot: 1,
    emailAddress: '',
    workflowId,
  });
  issuance.channel = 'pdf';
  issuance.status = 'issued';
  issuance.issuedAt = now;
  issuance.endedAt = now;
  em.persist(issuance);
  item.issuance = ref(issuance);
  item.sealedPassword = deps.secretBox.seal(password, item.id);
  return 'issued';
}

/** One chunk of a bulk run: new passwords for the employees at positions [from, from + count). */
export function createIssueBulkNoticeChunk(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function issueBulkNoticeChunk(
    noticeId: string,
    workflowId: string,
    from: number,
    count: number,
  ): Promise<{ done: number; stopped: boolean }> {
    const items = await deps.orm.em
      .fork()
      .find(
        PasswordNoticeItem,
        { notice: noticeId, position: { $gte: from, $lt: from + count } },
        { orderBy: { position: 'asc' } },
      );
    let next = 0;
    let stopped = false;
    let handled = 0;
    const work = async () => {
      while (next < items.length && !stopped) {
        const item = items[next++]!;
        const outcome = await deps.orm.em.fork().transactional((em) => issueItem(deps, em, item.id, workflowId, now()));
        if (outcome === 'stopped') stopped = true;
        heartbeat(++handled);
      }
    };
    await Promise.all(Array.from({ length: hashingConcurrency }, work));
    const done = await deps.orm.em.fork().count(PasswordNoticeItem, {
      notice: noticeId,
      position: { $gte: from, $lt: from + count },
      issuance: { $ne: null },
    });
    return { done, stopped };
  };
}

/**
 * Renders one page per employee in account-code order into one PDF, seals it on the notice and deletes
 * the sealed passwords of the items, in one transaction: a retry after the commit finds the PDF there.
 */
export function createAssembleBulkNotice(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function assembleBulkNotice(
    noticeId: string,
    validityMs: number,
  ): Promise<{ state: 'ready' | 'superseded'; pages: number }> {
    return deps.orm.em.fork().transactional(async (em) => {
      const notice = await em.findOneOrFail(
        PasswordNotice,
        { id: noticeId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['p0'] },
      );
      if (notice.supersededAt) {
        await em.nativeUpdate(PasswordNoticeItem, { notice: noticeId }, { sealedPassword: null });
        return { state: 'superseded', pages: 0 } as const;
      }
      if (notice.renderedAt) return { state: 'ready', pages: notice.bulkTotal ?? 0 } as const;
      const company = await em.findOneOrFail(Company, notice.company.id);
      const items = await em.find(
        PasswordNoticeItem,
        { notice: noticeId, sealedPassword: { $ne: null } },
        { orderBy: { position: 'asc' }, populate: ['sealedPassword', 'account'] as never },
      );
      const issuedAt = now();
      const pdf = await renderPasswordNotice(
        items.map((item) => {
          const account = item.account.getEntity();
          return {
            ...employeeLinks(company, account, deps.publicBaseUrl),
            serviceName: company.serviceName,
            companyName: company.name,
            companyCode: company.code,
            employeeName: displayName(account),
            loginId: account.code,
            password: deps.secretBox.open(item.sealedPassword!, item.id),
            issuedAt,
            timeZone: company.timeZone,
          };
        }),
      );
      notice.sealedContent = deps.secretBox.seal(pdf.toString('base64'), notice.id);
      notice.renderedAt = issuedAt;
      notice.expiresAt = new Date(issuedAt.getTime() + validityMs);
      await em.nativeUpdate(PasswordNoticeItem, { notice: noticeId }, { sealedPassword: null });
      deps.logger.info({ noticeId, pages: items.length, event: 'bulk-notice-assembled' }, 'bulk notice assembled');
      return { state: 'ready', pages: items.length } as const;
    });
  };
}

/** Ends a bulk notice's link unused: see expireUnfetchedNotice (PDF未取得/期限切れ for its employees). */
export function createDiscardBulkNotice(deps: ActivityDependencies) {
  return async function discardBulkNotice(noticeId: string): Promise<{ discarded: boolean }> {
    const { discarded, accountsExpired } = await expireUnfetchedNotice(deps.orm.em.fork(), { id: noticeId });
    if (discarded) {
      deps.logger.info({ noticeId, accountsExpired, event: 'password-notice-expired' }, 'bulk notice discarded');
    }
    return { discarded };
  };
}
