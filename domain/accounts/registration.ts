import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { transferWorkflowId } from '../../contract';
import {
  Account,
  Company,
  Department,
  Issuance,
  Partner,
  ProjectMember,
  ReportingDepartment,
  Role,
  Session,
  systemAdministratorCode,
  Transfer,
  openIssuanceStatuses,
} from '../../entities';
import { cancelWorkflows } from '../../lib/workflow-control';
import { assertMayAssignRole, assertMayChangeAccount, assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { revokeSessionsOf } from '../access/sessions';
import { ConflictError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { assignmentOf } from '../transfers/assignment-history';
import type { NewRows } from '../../lib/new-rows';
import { accountSnapshot, recordAccountChange } from './account-audit';
import { changeAccountFields } from './account-change';
import type { CreateAccountInput, UpdateAccountInput } from './account-input';
import {
  accountCodeFor,
  applyEditableFields,
  azureAdIdTaken,
  initialRanks,
  resolveAssignment,
  resolvePartner,
} from './account-rules';
import { accountView, type AccountView } from './account-view';
import { queryReferences, type ReferenceLookup } from './references';
import { findAccount, targetOf } from './target';
import type { Reauthentication } from '../access/reauthentication';

/** A unique index refused the write: a concurrent request took the same code or Azure AD id first. */
export function conflictOnDuplicate(error: unknown, account: Account): never {
  if (error instanceof UniqueConstraintViolationException) {
    if (String(error.message).includes('account_azure_ad_id_unique')) throw azureAdIdTaken(account.azureAdId ?? '');
    throw new ConflictError('ACCOUNT_CODE_TAKEN', `The account code "${account.code}" is already used.`, 'code');
  }
  throw error;
}

/** 【アカウント登録】: a new account, never with a role above the caller's own. */
export async function createAccount(
  em: EntityManager,
  principal: Principal,
  input: CreateAccountInput,
): Promise<AccountView> {
  assertPermitted(principal, 'accounts:write');
  const account = await em.transactional(async (tx) => {
    const created = await registerAccount(tx, principal, input);
    try {
      await tx.flush();
    } catch (error) {
      conflictOnDuplicate(error, created);
    }
    return created;
  });
  return accountView(em, account);
}

/**
 * The rules of 【アカウント登録】 without the flush: the new account (with its assignment history and
 * ranks) is persisted in `tx`, which the caller flushes (one account), or added to `rows`, which the caller
 * writes with one INSERT per table (a chunk of an import).
 */
export async function registerAccount(
  tx: EntityManager,
  principal: Principal,
  input: CreateAccountInput,
  refs: ReferenceLookup = queryReferences(tx, principal.companyId),
  lockedCompany?: Company,
  rows?: NewRows,
): Promise<Account> {
  assertPermitted(principal, 'accounts:write');
  const code = await accountCodeFor(tx, principal.companyId, input.code, lockedCompany);
  const company = lockedCompany ?? (await tx.findOneOrFail(Company, principal.companyId));
  const partner = await resolvePartner(tx, principal.companyId, input.type, input.partnerCode, refs);
  const current = await resolveAssignment(tx, principal.companyId, input.current, 'current', refs);
  assertMayAssignRole(principal, current.role, {}, 'current.roleCode');
  const created = new Account({
    company: tx.getReference(Company, company.id, { wrapped: true }),
    code,
    type: input.type,
    lastName: input.lastName,
    firstName: input.firstName,
    effectiveDate: current.effectiveDate,
    department: tx.getReference(Department, current.department.id, { wrapped: true }),
    controlDepartment: tx.getReference(Department, current.controlDepartment.id, { wrapped: true }),
    reportingControlDepartment: tx.getReference(ReportingDepartment, current.reportingControlDepartment.id, {
      wrapped: true,
    }),
    role: tx.getReference(Role, current.role.id, { wrapped: true }),
  });
  if (partner) created.partner = tx.getReference(Partner, partner.id, { wrapped: true });
  created.mustChangePassword = true;
  await applyEditableFields(tx, company, created, input, 'create');
  const persist = rows ? (entity: object) => rows.add(entity) : (entity: object) => tx.persist(entity);
  const ranks = await initialRanks(tx, created, input.ranks, refs);
  persist(created);
  for (const rank of ranks) persist(rank);
  persist(assignmentOf(created, 'registration'));
  await recordAccountChange(tx, principal, 'account.create', created, {});
  return created;
}

export async function readAccount(em: EntityManager, principal: Principal, code: string): Promise<AccountView> {
  assertPermitted(principal, 'accounts:read');
  return accountView(em, await findAccount(em, principal, code));
}

/**
 * 修正モード (PATCH /api/accounts/:code): changes an account the caller may act on, through the one door
 * (`changeAccountFields`). A new password, a new role, or disabling ends the account's open sessions.
 */
export async function updateAccount(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: UpdateAccountInput,
  services: Pick<DomainServices, 'clock'> = {},
  reauthentication?: Reauthentication,
): Promise<AccountView> {
  assertPermitted(principal, 'accounts:write');
  const account = await em.transactional(async (tx) => {
    const found = await findAccount(tx, principal, code);
    const { endSessions } = await changeAccountFields(tx, principal, found, input, undefined, reauthentication);
    await tx.flush().catch((error: unknown) => conflictOnDuplicate(error, found));
    if (endSessions) {
      await tx.flush();
      await revokeSessionsOf(tx, found.id, nowOf(services));
    }
    return found;
  });
  return accountView(em, account);
}

/** Why an account cannot be deleted, or undefined when it can (the seed: in use, or the system administrator). */
async function deletionBlocker(
  em: EntityManager,
  account: Account,
): Promise<{ code: string; message: string; params?: Record<string, string> } | undefined> {
  if (account.code === systemAdministratorCode) {
    return { code: 'SYSTEM_ADMINISTRATOR', message: 'The system administrator cannot be deleted.' };
  }
  const memberships = await em.find(ProjectMember, { account }, { populate: ['project'] });
  if (memberships.length > 0) {
    const projects = memberships.map((m) => `${m.project.getEntity().code} (${m.projectRole.toUpperCase()})`);
    return {
      code: 'ACCOUNT_IN_USE_PROJECT',
      message: `The account is a member of: ${projects.join(', ')}.`,
      params: { projects: projects.join(', ') },
    };
  }
  const approverOf = await em.find(Department, { approver: account });
  if (approverOf.length > 0) {
    return {
      code: 'ACCOUNT_IN_USE_APPROVER',
      message: `The account approves for departments: ${approverOf.map((d) => d.code).join(', ')}.`,
      params: { departments: approverOf.map((d) => d.code).join(', ') },
    };
  }
  // The seed forbids deleting an account already in use: one that has logged in or has an issuance
  // history would take that history with it. Disabling (無効) keeps both.
  if (account.lastLoginAt) {
    return {
      code: 'ACCOUNT_IN_USE_LOGGED_IN',
      message: 'The account has logged in; disable it (disabled: true) instead of deleting it.',
    };
  }
  if ((await em.count(Issuance, { account })) > 0) {
    return {
      code: 'ACCOUNT_IN_USE_ISSUANCE_HISTORY',
      message: 'The account has an issuance history; disable it (disabled: true) instead of deleting it.',
    };
  }
  return undefined;
}

/** Deletes an account that is not in use; its open issuances and pending transfer stop with it. */
export async function deleteAccount(
  em: EntityManager,
  principal: Principal,
  code: string,
  services: Pick<DomainServices, 'temporal' | 'logger'>,
): Promise<void> {
  assertPermitted(principal, 'accounts:write');
  const workflowIds = await em.transactional(async (tx) => {
    const account = await findAccount(tx, principal, code);
    assertMayChangeAccount(principal, 'accounts:write', await targetOf(tx, account));
    const blocker = await deletionBlocker(tx, account);
    if (blocker) throw new ConflictError(blocker.code, blocker.message).withParams(blocker.params ?? {});
    if (account.id === principal.accountId) {
      throw new ConflictError('OWN_ACCOUNT', 'Nobody may delete their own account.');
    }
    const open = await tx.find(Issuance, { account, status: { $in: [...openIssuanceStatuses] } });
    await tx.nativeDelete(Session, { account });
    await tx.nativeDelete(Issuance, { account });
    await tx.nativeDelete(Transfer, { account });
    await recordAccountChange(tx, principal, 'account.delete', account, accountSnapshot(account), {});
    tx.remove(account);
    return [...open.map((issuance) => issuance.workflowId), transferWorkflowId(principal.companyCode, account.code)];
  });
  // Nothing may run on for an account that no longer exists.
  await cancelWorkflows(services, workflowIds);
}
