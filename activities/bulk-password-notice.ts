import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { heartbeat } from '@temporalio/activity';
import type { IssuanceKind } from '../contract';
import { Account, Company, Issuance, PasswordNotice, PasswordNoticeItem } from '../entities';
import { endOpenIssuances, keptSecrets } from '../domain/issuance/supersede';
import { endUnfetchedPasswordNoticesOf } from '../domain/issuance/end-unfetched-notices';
import { generatePassword, hashPassword } from '../lib/passwords';
import { renderPasswordNotice } from '../lib/pdf/password-notice';
import { principalOfAccount } from '../domain/access/acting-account';
import { revokeSessionsOfAccounts } from '../domain/access/sessions';
import type { Principal } from '../domain/access/principal';
import { policyExclusion } from '../domain/issuance/exclusion';
import { isReissueGiven } from '../domain/issuance/reissue';
import type { ActivityDependencies } from './dependencies';
import { expireUnfetchedNotice } from '../domain/issuance/unfetched-notice-expiry';
import { displayName } from '../domain/issuance/issuance-access';
import { employeeLinks } from '../domain/issuance/employee-links';

/** argon2 runs on libuv's thread pool (4 threads by default); more at once only queues. */
const hashingConcurrency = 4;

/**
 * Hashing slots shared by every chunk activity of this process (a run keeps two chunks in flight): the next
 * chunk hashes on the threads the previous one no longer needs, first come first served, and the pool
 * never holds more than four bulk hashes ahead of a login's verification.
 */
const hashingSlots = (() => {
  let free = hashingConcurrency;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const nextInLine = waiting.shift();
        if (nextInLine) nextInLine();
        else free++;
      }
    },
  };
})();

type ItemOutcome = 'issued' | 'skipped' | 'stopped';

interface PreparedPassword {
  password: string;
  hash: string;
}

/**
 * Sets one employee's new password for a bulk notice, inside the batch's transaction that holds the account
 * and item locks (the same order as the API's single issuance: account, then notice rows). The caller has
 * ended the account's unfetched notices; nothing is written until the batch flushes at its commit, so a
 * batch sends its inserts and updates as a few multi-row statements. The password is kept sealed on the
 * item until the PDF is assembled.
 */
function issueItem(
  deps: ActivityDependencies,
  em: EntityManager,
  context: { company: Company; workflowId: string; now: Date },
  { item, account, earlier, reissue }: IssuableItem,
  prepared: PreparedPassword,
): void {
  const { now } = context;
  // The database is the arbiter: a superseded e-mail run sees it at its next step and ends.
  endOpenIssuances(earlier, now);
  account.passwordHash = prepared.hash;
  account.mustChangePassword = true;
  account.passwordChangedAt = now;
  account.passwordStatus = 'issued';
  account.passwordIssuedVia = 'pdf';
  account.authStatus = 'none';
  const kind: IssuanceKind = reissue ? 'reissue-direct' : 'initial';
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
  issuance.status = 'issued';
  issuance.issuedAt = now;
  issuance.endedAt = now;
  em.persist(issuance);
  item.issuance = ref(issuance);
  item.sealedPassword = deps.secretBox.seal(prepared.password, item.id);
}

interface IssuableItem {
  item: PasswordNoticeItem;
  account: Account;
  earlier: Issuance[];
  reissue: boolean;
}

/**
 * What a batch does with one item: nothing when a retry finds it issued, nothing when the account was
 * disabled since the run was accepted or the policy now refuses it, else a new password.
 */
function itemDecision(
  principal: Principal | undefined,
  item: PasswordNoticeItem,
  account: Account,
  earlier: Issuance[],
): ItemOutcome | IssuableItem {
  if (item.issuance) return 'issued';
  // Disabled since the run was accepted: no password, no page.
  if (account.disabled) return 'skipped';
  const reissue = isReissueGiven(account, earlier);
  // The policy again, as the admin who started the run is now: the account may have become a
  // system administrator, or the admin may have lost the permission, since the run was accepted.
  if (!principal || policyExclusion(principal, account, reissue)) return 'skipped';
  return { item, account, earlier, reissue };
}

/** Employees recorded per transaction while the next ones are hashed. */
const recordBatchSize = 25;

/**
 * One transaction for a batch of a chunk: locks the accounts (in id order, the one order of every locker of
 * several accounts, so two runs never deadlock) and the items, reads the notice, the company, the acting
 * admin and the issuance history once, and records every employee's issuance.
 */
async function recordBatch(
  deps: ActivityDependencies,
  run: { noticeId: string; workflowId: string; now: Date },
  open: PasswordNoticeItem[],
  prepared: PreparedPassword[],
): Promise<ItemOutcome[]> {
  return deps.orm.em.fork().transactional(async (tx) => {
    const accountIds = open.map((item) => item.account.id);
    const accounts = await tx.find(
      Account,
      { id: { $in: accountIds } },
      {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        lockTableAliases: ['a0'],
        orderBy: { id: 'asc' },
      },
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
      itemDecision(principal, item, accountById.get(item.account.id)!, historyByAccount.get(item.account.id) ?? []),
    );
    const issuable = decisions.filter((decision): decision is IssuableItem => typeof decision !== 'string');
    const issuedAccountIds = issuable.map((decision) => decision.account.id);
    // Every notice still holding one of these accounts' passwords ends: its password is about to stop working.
    await endUnfetchedPasswordNoticesOf(tx, issuedAccountIds, run.now, run.noticeId);
    const context = { company, workflowId: run.workflowId, now: run.now };
    for (const decision of issuable) issueItem(deps, tx, context, decision, preparedByItem.get(decision.item.id)!);
    await revokeSessionsOfAccounts(tx, issuedAccountIds, run.now);
    return decisions.map((decision) => (typeof decision === 'string' ? decision : 'issued'));
  });
}

/**
 * One chunk of a bulk run: new passwords for the employees at positions [from, from + count). The
 * passwords are hashed on every libuv thread outside any transaction, and each batch of 25 is recorded
 * in one transaction (recordBatch) as soon as its hashes are ready. A retry finds done items and leaves them.
 */
export function createIssueBulkNoticeChunk(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function issueBulkNoticeChunk(
    noticeId: string,
    workflowId: string,
    from: number,
    count: number,
  ): Promise<{ done: number; stopped: boolean }> {
    const range = { notice: noticeId, position: { $gte: from, $lt: from + count } };
    const em = deps.orm.em.fork();
    const notice = await em.findOneOrFail(PasswordNotice, noticeId, { populate: ['company'] });
    const items = await em.find(PasswordNoticeItem, range, { orderBy: { position: 'asc' } });
    const open = items.filter((item) => !item.issuance);
    if (notice.supersededAt || open.length === 0) {
      return { done: items.length - open.length, stopped: Boolean(notice.supersededAt) };
    }
    const minLength = notice.company.getEntity().minPasswordLength;

    // Hashing runs ahead on every libuv thread while finished batches are recorded, so both cores stay busy.
    const hashes: Promise<PreparedPassword>[] = [];
    const ready: ((value: PreparedPassword) => void)[] = [];
    const failed: ((error: unknown) => void)[] = [];
    for (let index = 0; index < open.length; index++) {
      hashes.push(
        new Promise<PreparedPassword>((resolve, reject) => {
          ready[index] = resolve;
          failed[index] = reject;
        }),
      );
      // Settled below or by the batch that awaits it; never an unhandled rejection in between.
      hashes[index]!.catch(() => undefined);
    }
    let next = 0;
    const hashLane = async () => {
      while (next < open.length) {
        const index = next++;
        try {
          const password = generatePassword(minLength);
          ready[index]!({ password, hash: await hashingSlots.run(() => hashPassword(password)) });
        } catch (error) {
          failed[index]!(error);
        }
        heartbeat(index + 1);
      }
    };
    const hashing = Promise.all(Array.from({ length: hashingConcurrency }, hashLane));

    const outcomes: ItemOutcome[] = [];
    try {
      for (let start = 0; start < open.length && !outcomes.includes('stopped'); start += recordBatchSize) {
        const batch = open.slice(start, start + recordBatchSize);
        const prepared = await Promise.all(hashes.slice(start, start + recordBatchSize));
        outcomes.push(...(await recordBatch(deps, { noticeId, workflowId, now: now() }, batch, prepared)));
      }
    } finally {
      // A stopped run leaves hashes unused: stop taking new ones and let the running ones end.
      next = open.length;
      await hashing;
    }
    const stopped = outcomes.includes('stopped');
    const issued = outcomes.filter((outcome) => outcome === 'issued').length;
    return { done: items.length - open.length + issued, stopped };
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
