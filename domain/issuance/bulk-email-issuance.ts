import { ref, type EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  bulkRunWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type BulkEmailIssuanceInput,
} from '../../contract';
import { Account, BulkRun, BulkRunItem, Company, type EmailSlot } from '../../entities';
import { measuredSendRate, readBulkRunItems, readBulkRunProgress, type SendRate } from './bulk-run-progress';
import type { Logger } from '../../lib/logger';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import {
  addressChangeExclusion,
  bulkLineWords,
  policyExclusion,
  type BulkAction,
  type ExclusionReason,
} from './exclusion';
import { changeAccountFields } from '../accounts/account-change';
import { reissuesAmong } from './reissue';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { assertWorkflowServiceReachable } from './workflow-service-reachable';
import { startOrWithdraw } from '../workflow-start';
import { recordAudit } from '../audit/audit-trail';
import { bulkRunEvent } from './bulk-run-audit';

export interface BulkSelectionEntry {
  code: string;
  emailSlot: EmailSlot;
  /**
   * Typed by the admin for an employee without an address; saved as メールアドレス1 through the one door of
   * account changes, so only for an employee the admin may change (else the employee is left out).
   */
  typedAddress?: string;
}

export interface BulkPreviewLine {
  code: string;
  name: string;
  emailSlot: EmailSlot;
  /** The address the verification request goes to, or null (shown as 未設定). */
  address: string | null;
  addressLabel: string;
  included: boolean;
  exclusionReason: ExclusionReason | null;
  /** The account has had a password: left out (ALREADY_ISSUED), reissue is one person at a time. */
  reissue: boolean;
  /** Another selected employee gets the same address. */
  duplicateAddress: boolean;
  /** 新規発行 or 対象外, as the confirmation screen shows it. */
  action: BulkAction;
  actionLabel: string;
  /** Why the employee is left out, in the admin's words (null when included). */
  exclusionLabel: string | null;
}

export interface BulkPreview {
  lines: BulkPreviewLine[];
  included: number;
  excluded: number;
  duplicateAddresses: { address: string; accountCodes: string[] }[];
  estimate: { seconds: number; secondsPerMail: number; measured: boolean };
}

interface ResolvedLine extends BulkPreviewLine {
  account: Account;
  /** The typed address to save as メールアドレス1 when the run starts (an included employee only). */
  saveTypedAddress: string | null;
}

/**
 * Resolves a selection the way the パスワード一括発行 screen shows it: the address each employee gets,
 * 未設定 (excluded) without one, and a warning for addresses shared by several selected employees. An
 * employee is left out when the admin typed an address for an account they may not change, when the
 * account is disabled, has no address, already has a password (reissue is one person at a time) or is
 * one the admin may not issue to.
 */
async function resolveSelection(
  em: EntityManager,
  auth: Principal,
  selection: BulkSelectionEntry[],
): Promise<ResolvedLine[]> {
  const company = await em.findOneOrFail(Company, auth.companyId);
  if (company.issuanceChannel !== 'email') {
    throw new ConflictError(
      'ISSUANCE_CHANNEL_IS_PDF',
      'The company issues passwords as PDF notices; change the issuance channel to send e-mails.',
      'issuanceChannel',
    );
  }
  const codes = selection.map((entry) => entry.code);
  const accounts = await em.find(
    Account,
    { company: auth.companyId, code: { $in: codes } },
    { populate: ['role', 'company'] },
  );
  const byCode = new Map(accounts.map((account) => [account.code, account]));
  const seen = new Set<string>();
  const reissues = await reissuesAmong(em, accounts);

  const lines = selection.map((entry, index): ResolvedLine => {
    const account = byCode.get(entry.code);
    if (!account) throw new InputError('VALIDATION_FAILED', `No account "${entry.code}".`, `accounts.${index}.code`);
    if (seen.has(entry.code)) {
      throw new InputError('VALIDATION_FAILED', `"${entry.code}" is selected twice.`, `accounts.${index}.code`);
    }
    seen.add(entry.code);
    let emailSlot = entry.emailSlot;
    let address = account.emailAt(emailSlot) ?? null;
    let saveTypedAddress: string | null = null;
    if (entry.typedAddress !== undefined) {
      if (account.email1 && account.email1 !== entry.typedAddress) {
        throw new InputError(
          'VALIDATION_FAILED',
          'A typed address is only taken for an employee without メールアドレス1.',
          `accounts.${index}.typedAddress`,
        );
      }
      emailSlot = 1;
      address = entry.typedAddress;
      saveTypedAddress = account.email1 ? null : entry.typedAddress;
    }
    const reissue = reissues.has(account.id);
    const exclusionReason: ExclusionReason | null =
      (saveTypedAddress !== null ? addressChangeExclusion(auth, account) : null) ??
      (account.disabled ? 'ACCOUNT_DISABLED' : !address ? 'EMAIL_NOT_SET' : policyExclusion(auth, account, reissue));
    return {
      account,
      saveTypedAddress: exclusionReason === null ? saveTypedAddress : null,
      code: account.code,
      name: `${account.lastName} ${account.firstName}`,
      emailSlot,
      address,
      addressLabel: address ?? '未設定',
      included: exclusionReason === null,
      exclusionReason,
      reissue,
      duplicateAddress: false,
      ...bulkLineWords(exclusionReason),
    };
  });

  const holders = new Map<string, ResolvedLine[]>();
  for (const line of lines) {
    if (!line.included || !line.address) continue;
    const key = line.address.toLowerCase();
    holders.set(key, [...(holders.get(key) ?? []), line]);
  }
  for (const group of holders.values()) if (group.length > 1) for (const line of group) line.duplicateAddress = true;
  return lines;
}

function summarise(lines: ResolvedLine[], rate: SendRate): BulkPreview {
  const included = lines.filter((line) => line.included).length;
  const duplicates = new Map<string, { address: string; accountCodes: string[] }>();
  for (const line of lines) {
    if (!line.duplicateAddress || !line.address) continue;
    const key = line.address.toLowerCase();
    const group = duplicates.get(key) ?? { address: line.address, accountCodes: [] };
    group.accountCodes.push(line.code);
    duplicates.set(key, group);
  }
  return {
    lines: lines.map(({ account: _account, saveTypedAddress: _typed, ...line }) => line),
    included,
    excluded: lines.length - included,
    duplicateAddresses: [...duplicates.values()],
    estimate: {
      seconds: Math.ceil(included * rate.secondsPerMail),
      secondsPerMail: rate.secondsPerMail,
      measured: rate.measured,
    },
  };
}

export async function previewBulkEmailIssuance(
  em: EntityManager,
  auth: Principal,
  selection: BulkSelectionEntry[],
): Promise<BulkPreview> {
  return summarise(await resolveSelection(em, auth, selection), await measuredSendRate(em, auth.companyId));
}

/**
 * Records the run (typed addresses of included employees saved as メールアドレス1 through
 * `changeAccountFields`, every selected employee as an item, the excluded ones as skipped with the reason)
 * and starts the bulk workflow, which pages through the items.
 */
export async function startBulkEmailIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger },
  auth: Principal,
  selection: BulkSelectionEntry[],
): Promise<BulkPreview & { runId: string; workflowId: string }> {
  // Temporal down: 503 within seconds, before anything is recorded (see workflow-service-reachable.ts).
  await assertWorkflowServiceReachable(deps.temporal);
  const { em } = deps;
  const { run, lines } = await em.transactional(async (tx) => {
    const resolved = await resolveSelection(tx, auth, selection);
    const company = await tx.findOneOrFail(Company, auth.companyId);
    const created = new BulkRun({
      company: ref(company),
      requestedBy: tx.getReference(Account, auth.accountId, { wrapped: true }),
      mayReissue: auth.permissions.includes('issuance:reissue'),
      total: resolved.length,
      workflowId: '',
    });
    created.workflowId = bulkRunWorkflowId(company.code, created.id);
    tx.persist(created);
    for (const line of resolved) {
      if (!line.saveTypedAddress) continue;
      const { account } = line;
      const emails = [line.saveTypedAddress, account.email2 ?? null, account.email3 ?? null];
      await changeAccountFields(tx, auth, account, { emails });
    }
    resolved.forEach((line, index) => {
      const item = new BulkRunItem({
        run: ref(created),
        position: index + 1,
        account: ref(line.account),
        emailSlot: line.emailSlot,
      });
      if (!line.included) {
        item.status = 'skipped';
        item.skipReason = line.exclusionReason ?? undefined;
      }
      tx.persist(item);
    });
    recordAudit(
      tx,
      bulkRunEvent(
        auth,
        created.id,
        'email',
        resolved.map((line) => ({ ...line, code: line.account.code })),
      ),
    );
    return { run: created, lines: resolved };
  });

  const input: BulkEmailIssuanceInput = { runId: run.id, cursor: 0 };
  await startOrWithdraw(
    deps.logger,
    () =>
      deps.temporal.workflow.start(workflowTypes.bulkEmailIssuance, {
        taskQueue: TaskQueues.main,
        workflowId: run.workflowId,
        args: [input],
        typedSearchAttributes: [
          { key: SearchAttributes.companyCode, value: auth.companyCode },
          { key: SearchAttributes.bulkRunId, value: run.id },
        ],
        memo: { purpose: 'bulk email issuance', runId: run.id, total: run.total },
      }),
    // Nothing was sent: the run is removed (the typed addresses stay saved) and the admin tries again.
    () => em.fork().nativeDelete(BulkRun, { id: run.id }),
    {
      logFields: { runId: run.id },
      logMessage: 'could not start the bulk issuance workflow',
      nothingDone: 'nothing was sent',
    },
  );
  return { ...summarise(lines, await measuredSendRate(em, auth.companyId)), runId: run.id, workflowId: run.workflowId };
}

async function companyRun(em: EntityManager, auth: Principal, runId: string): Promise<BulkRun> {
  assertPermitted(auth, 'issuance:issue');
  const run = await em.findOne(BulkRun, { id: runId, company: auth.companyId });
  if (!run) throw new NotFoundError(`No bulk run "${runId}".`, 'BULK_RUN_NOT_FOUND');
  return run;
}

/** A bulk run and its progress, read from the database (also after the run). */
export async function bulkRunStatus(em: EntityManager, auth: Principal, runId: string) {
  const run = await companyRun(em, auth, runId);
  return {
    runId: run.id,
    workflowId: run.workflowId,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    secondsPerMail: run.secondsPerMail ?? null,
    progress: await readBulkRunProgress(em, run.id),
  };
}

/** 実行結果 per employee: where each one of a run stands, a page at a time. */
export async function bulkRunItems(
  em: EntityManager,
  auth: Principal,
  runId: string,
  page: { offset: number; limit: number },
) {
  const run = await companyRun(em, auth, runId);
  return { items: await readBulkRunItems(em, run.id, page) };
}
