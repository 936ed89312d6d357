import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  SearchAttributes,
  TaskQueues,
  transferPlanSignal,
  transferWorkflowId,
  workflowTypes,
  type AccountTransferInput,
  type TransferPlan,
} from '../../contract';
import {
  Account,
  AssignmentHistory,
  Company,
  Department,
  type Reorganisation,
  ReportingDepartment,
  Role,
  systemAdministratorCode,
  Transfer,
  type TransferStatus,
} from '../../entities';
import { startOfDayIn, todayIn } from '../../lib/calendar';
import { assertMayAssignRole, assertMayChangeAccount, assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { accountSnapshot, recordAccountChange, type AccountSnapshot } from '../accounts/account-audit';
import { systemActor, type AuditActor } from '../audit/actor';
import { revokeSessionsOf } from '../access/sessions';
import type { AssignmentInput } from '../accounts/account-input';
import { resolveAssignment } from '../accounts/account-rules';
import { accountView, type AccountView } from '../accounts/account-view';
import { accountNotFound, findAccount, targetOf } from '../accounts/target';
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { recordAssignment } from './assignment-history';

export interface TransferOutcome {
  status: TransferStatus;
  effectiveDate: string;
  effectiveAt: string;
  workflowId: string | null;
  account: AccountView;
}

export interface AssignmentHistoryItem {
  kind: 'assignment' | 'transfer';
  effectiveDate: string;
  departmentCode: string;
  controlDepartmentCode: string;
  reportingControlDepartmentCode: string;
  roleCode: string;
  source: string;
  recordedAt: string;
}

async function lockAccount(em: EntityManager, principal: Principal, code: string): Promise<Account> {
  const account = await em.findOne(
    Account,
    { company: principal.companyId, code },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
  );
  if (!account) throw accountNotFound(code);
  return account;
}

async function cancelPending(em: EntityManager, account: Account, now: Date): Promise<boolean> {
  const pending = await em.findOne(Transfer, { account, status: 'pending' });
  if (!pending) return false;
  pending.status = 'cancelled';
  pending.cancelledAt = now;
  await em.flush();
  return true;
}

/**
 * The one application of a transfer, dated today or reached by its workflow: department, control
 * department, reporting control department and role change together, the new assignment enters the
 * history, and a changed role ends the account's open sessions. The caller holds the account lock.
 */
export async function applyTransferTo(
  em: EntityManager,
  account: Account,
  transfer: Transfer,
  now: Date,
  actor: Principal | AuditActor = systemActor('transfer'),
) {
  const before = accountSnapshot(account);
  const roleChanged = account.role.id !== transfer.role.id;
  account.effectiveDate = transfer.effectiveDate;
  account.department = transfer.department;
  account.controlDepartment = transfer.controlDepartment;
  account.reportingControlDepartment = transfer.reportingControlDepartment;
  account.role = transfer.role;
  recordAssignment(em, account, 'transfer');
  transfer.status = 'applied';
  transfer.appliedAt = now;
  if (roleChanged) await revokeSessionsOf(em, account.id, now);
  await recordAccountChange(em, actor, 'transfer.apply', account, before, accountSnapshot(account), {
    details: { transferId: transfer.id, effectiveDate: transfer.effectiveDate },
  });
}

/** The assignment a transfer sets, as the audit trail compares it with the account's current one. */
function assignmentOf(assignment: {
  effectiveDate: string;
  department: { id: string };
  controlDepartment: { id: string };
  reportingControlDepartment: { id: string };
  role: { id: string };
}): AccountSnapshot {
  return {
    effectiveDate: assignment.effectiveDate,
    department: assignment.department.id,
    controlDepartment: assignment.controlDepartment.id,
    reportingControlDepartment: assignment.reportingControlDepartment.id,
    role: assignment.role.id,
  };
}

/** Tells the account's transfer workflow, if one runs, that nothing is pending any more. */
export function withdrawTransferPlan(
  services: Pick<DomainServices, 'temporal'>,
  companyCode: string,
  accountCode: string,
): Promise<void> {
  return withdrawPlan(services, transferWorkflowId(companyCode, accountCode));
}

/** Tells a running transfer workflow that nothing is pending any more; none running is fine. */
async function withdrawPlan(services: Pick<DomainServices, 'temporal'>, workflowId: string): Promise<void> {
  try {
    await services.temporal.workflow.getHandle(workflowId).signal(transferPlanSignal, null);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

/** Where a transfer's input came from: the account's 異動 (replaces a pending one) or a reorganisation's move. */
export interface TransferSource {
  /** The name of an input's field in the request, for errors. */
  field(name: 'effectiveDate' | 'roleCode'): string;
  /** Prefix of the assignment's department fields in the request. */
  prefix: string;
  reorganisation?: Reorganisation;
}

const accountTransferSource: TransferSource = { field: (name) => name, prefix: '' };

/**
 * The checks and the row of a new transfer, inside the caller's transaction with the account locked: the
 * policy (the account and a new role), a date after the current assignment, departments valid on the date.
 * The account's 異動 replaces its pending transfer; a reorganisation's move is refused while one is pending.
 * Dated today or earlier it applies at once.
 */
export async function enterTransfer(
  tx: EntityManager,
  principal: Principal,
  account: Account,
  input: AssignmentInput,
  now: Date,
  source: TransferSource = accountTransferSource,
): Promise<{ transfer: Transfer; effectiveAt: Date }> {
  assertMayChangeAccount(principal, 'accounts:write', await targetOf(tx, account));
  const company = await tx.findOneOrFail(Company, principal.companyId);
  const resolved = await resolveAssignment(tx, principal.companyId, input, source.prefix);
  if (input.effectiveDate <= account.effectiveDate) {
    throw new InputError(
      'TRANSFER_NOT_AFTER_CURRENT',
      `A transfer must be dated after the current assignment (${account.effectiveDate}).`,
      source.field('effectiveDate'),
    );
  }
  if (account.code === systemAdministratorCode && resolved.role.id !== account.role.id) {
    throw new ConflictError(
      'SYSTEM_ADMINISTRATOR',
      'The system administrator keeps its role.',
      source.field('roleCode'),
    );
  }
  if (resolved.role.id !== account.role.id) {
    const current = await tx.findOneOrFail(Role, account.role.id);
    assertMayAssignRole(
      principal,
      resolved.role,
      { id: account.id, currentRoleCode: current.code },
      source.field('roleCode'),
    );
  }
  const pending = await tx.findOne(Transfer, { account, status: 'pending' });
  if (pending && (source.reorganisation || pending.reorganisation)) {
    throw new ConflictError(
      source.reorganisation ? 'TRANSFER_PENDING' : 'TRANSFER_OF_REORGANISATION',
      source.reorganisation
        ? `"${account.code}" already has a transfer dated ${pending.effectiveDate}; change or cancel it first.`
        : `This transfer belongs to the reorganisation of ${pending.effectiveDate}; change or cancel it there.`,
      source.field('effectiveDate'),
    );
  }
  await cancelPending(tx, account, now);
  const transfer = new Transfer({
    company: tx.getReference(Company, company.id, { wrapped: true }),
    account: tx.getReference(Account, account.id, { wrapped: true }),
    effectiveDate: input.effectiveDate,
    department: tx.getReference(Department, resolved.department.id, { wrapped: true }),
    controlDepartment: tx.getReference(Department, resolved.controlDepartment.id, { wrapped: true }),
    reportingControlDepartment: tx.getReference(ReportingDepartment, resolved.reportingControlDepartment.id, {
      wrapped: true,
    }),
    role: tx.getReference(Role, resolved.role.id, { wrapped: true }),
    requestedBy: tx.getReference(Account, principal.accountId, { wrapped: true }),
    reorganisation: source.reorganisation && ref(source.reorganisation),
  });
  await recordAccountChange(
    tx,
    principal,
    'transfer.schedule',
    account,
    assignmentOf(account),
    assignmentOf(transfer),
    {
      details: { transferId: transfer.id, effectiveDate: transfer.effectiveDate },
    },
  );
  if (input.effectiveDate <= todayIn(company.timeZone, now)) {
    await applyTransferTo(tx, account, transfer, now, principal);
  }
  tx.persist(transfer);
  return { transfer, effectiveAt: startOfDayIn(input.effectiveDate, company.timeZone) };
}

/**
 * Hands a pending transfer to the account's workflow `transfer-<company>-<account>`, which applies it when the
 * date begins (an applied one ends the workflow's plan). Throws when Temporal is unreachable.
 */
export async function scheduleTransfer(
  services: Pick<DomainServices, 'temporal'>,
  companyCode: string,
  accountCode: string,
  transfer: Transfer,
  effectiveAt: Date,
): Promise<void> {
  const workflowId = transferWorkflowId(companyCode, accountCode);
  if (transfer.status === 'applied') return withdrawPlan(services, workflowId);
  const plan: TransferPlan = {
    transferId: transfer.id,
    effectiveDate: transfer.effectiveDate,
    effectiveAt: effectiveAt.getTime(),
  };
  const workflowInput: AccountTransferInput = { companyCode, accountCode };
  await services.temporal.workflow.signalWithStart(workflowTypes.accountTransfer, {
    workflowId,
    taskQueue: TaskQueues.main,
    args: [workflowInput],
    signal: transferPlanSignal,
    signalArgs: [plan],
    typedSearchAttributes: [
      { key: SearchAttributes.companyCode, value: companyCode },
      { key: SearchAttributes.accountCode, value: accountCode },
    ],
    memo: { purpose: 'effective-dated transfer' },
  });
}

/**
 * 異動: enters or replaces the account's pending transfer. Dated today or earlier (in the company's time
 * zone) it applies at once; later, the workflow `transfer-<company>-<account>` applies it when the date
 * begins. A new role is checked by the policy like any role assignment.
 */
export async function planTransfer(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: AssignmentInput,
  services: DomainServices,
): Promise<TransferOutcome> {
  assertPermitted(principal, 'accounts:write');
  const workflowId = transferWorkflowId(principal.companyCode, code);
  const now = nowOf(services);
  const outcome = await em.transactional(async (tx) => {
    const account = await lockAccount(tx, principal, code);
    const entered = await enterTransfer(tx, principal, account, input, now);
    await tx.flush();
    return { account, ...entered };
  });

  const { transfer, effectiveAt } = outcome;
  try {
    await scheduleTransfer(services, principal.companyCode, code, transfer, effectiveAt);
  } catch (error) {
    if (transfer.status === 'applied') throw error;
    services.logger.error({ err: error, workflowId }, 'could not schedule the transfer');
    await em
      .fork()
      .nativeUpdate(Transfer, { id: transfer.id, status: 'pending' }, { status: 'cancelled', cancelledAt: new Date() });
    throw new UnavailableError('The workflow service is not reachable; the transfer was not entered.');
  }
  const account = await em.fork().findOneOrFail(Account, outcome.account.id);
  return {
    status: transfer.status,
    effectiveDate: transfer.effectiveDate,
    effectiveAt: effectiveAt.toISOString(),
    workflowId: transfer.status === 'pending' ? workflowId : null,
    account: await accountView(em, account),
  };
}

/** Cancels the pending transfer; its workflow learns that nothing is pending and ends. */
export async function cancelTransfer(
  em: EntityManager,
  principal: Principal,
  code: string,
  services: DomainServices,
): Promise<void> {
  assertPermitted(principal, 'accounts:write');
  const cancelled = await em.transactional(async (tx) => {
    const account = await lockAccount(tx, principal, code);
    assertMayChangeAccount(principal, 'accounts:write', await targetOf(tx, account));
    const pending = await tx.findOne(Transfer, { account, status: 'pending' });
    if (pending?.reorganisation) {
      throw new ConflictError(
        'TRANSFER_OF_REORGANISATION',
        `This transfer belongs to the reorganisation of ${pending.effectiveDate}; change or cancel it there.`,
      );
    }
    const cancelledNow = await cancelPending(tx, account, nowOf(services));
    if (cancelledNow) {
      const details = { transferId: pending!.id, effectiveDate: pending!.effectiveDate };
      await recordAccountChange(tx, principal, 'transfer.cancel', account, {}, {}, { details });
    }
    return cancelledNow;
  });
  if (!cancelled) throw new NotFoundError('The account has no pending transfer.', 'NO_PENDING_TRANSFER');
  await withdrawPlan(services, transferWorkflowId(principal.companyCode, code));
}

/** 所属の履歴 and transfers not applied, newest first. */
export async function assignmentHistory(
  em: EntityManager,
  principal: Principal,
  code: string,
): Promise<AssignmentHistoryItem[]> {
  assertPermitted(principal, 'accounts:read');
  const account = await findAccount(em, principal, code);
  const populate = ['department', 'controlDepartment', 'reportingControlDepartment', 'role'] as const;
  const history = await em.find(AssignmentHistory, { account }, { populate });
  const transfers = await em.find(Transfer, { account, status: { $ne: 'applied' } }, { populate });
  const row = (
    kind: 'assignment' | 'transfer',
    item: AssignmentHistory | Transfer,
    source: string,
  ): AssignmentHistoryItem => ({
    kind,
    effectiveDate: item.effectiveDate,
    departmentCode: item.department.getEntity().code,
    controlDepartmentCode: item.controlDepartment.getEntity().code,
    reportingControlDepartmentCode: item.reportingControlDepartment.getEntity().code,
    roleCode: item.role.getEntity().code,
    source,
    recordedAt: item.createdAt.toISOString(),
  });
  return [
    ...history.map((h) => row('assignment', h, h.source)),
    ...transfers.map((t) => row('transfer', t, t.status)),
  ].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.recordedAt.localeCompare(a.recordedAt));
}

/**
 * The transfer workflow's step: applies the transfer if it is still pending (a cancelled or replaced one
 * is left alone), with the account locked.
 */
export async function applyPendingTransfer(
  em: EntityManager,
  transferId: string,
  now: Date,
): Promise<{ state: TransferStatus } | undefined> {
  const transfer = await em.findOne(Transfer, transferId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!transfer) return undefined;
  if (transfer.status !== 'pending') return { state: transfer.status };
  const account = await em.findOneOrFail(Account, transfer.account.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  await applyTransferTo(em, account, transfer, now);
  return { state: transfer.status };
}
