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
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { recordAssignment } from '../transfers/assignment-history';
import type { CreateAccountInput, UpdateAccountInput } from './account-input';
import {
  accountCodeFor,
  applyEditableFields,
  assignTo,
  azureAdIdTaken,
  recordInitialRanks,
  resolveAssignment,
  resolvePartner,
} from './account-rules';
import { accountView, type AccountView } from './account-view';
import { queryReferences, type ReferenceLookup } from './references';
import { findAccount, targetOf } from './target';

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
 * ranks) is persisted in `tx`, which the caller flushes (one account, or a chunk of an import).
 */
export async function registerAccount(
  tx: EntityManager,
  principal: Principal,
  input: CreateAccountInput,
  refs: ReferenceLookup = queryReferences(tx, principal.companyId),
  lockedCompany?: Company,
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
  await recordInitialRanks(tx, created, input.ranks, refs);
  tx.persist(created);
  recordAssignment(tx, created, 'registration');
  return created;
}

export async function readAccount(em: EntityManager, principal: Principal, code: string): Promise<AccountView> {
  assertPermitted(principal, 'accounts:read');
  return accountView(em, await findAccount(em, principal, code));
}

/**
 * 修正モード: changes an account the caller may act on. A new password, a new role, or disabling ends
 * the account's open sessions.
 */
export async function updateAccount(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: UpdateAccountInput,
  services: Pick<DomainServices, 'clock'> = {},
): Promise<AccountView> {
  assertPermitted(principal, 'accounts:write');
  const account = await em.transactional(async (tx) => {
    const found = await findAccount(tx, principal, code);
    const { endSessions } = await changeAccount(tx, principal, found, input);
    await tx.flush().catch((error: unknown) => conflictOnDuplicate(error, found));
    if (endSessions) {
      await tx.flush();
      await revokeSessionsOf(tx, found.id, nowOf(services));
    }
    return found;
  });
  return accountView(em, account);
}

/**
 * The rules of 修正モード without the flush, on an account loaded with its role and company. Says
 * whether the change must end the account's sessions (new password, new role, newly disabled).
 */
export async function changeAccount(
  tx: EntityManager,
  principal: Principal,
  found: Account,
  input: UpdateAccountInput,
  refs: ReferenceLookup = queryReferences(tx, principal.companyId),
): Promise<{ endSessions: boolean }> {
  assertMayChangeAccount(principal, 'accounts:write', await targetOf(tx, found));
  const company = found.company.getEntity();
  if (input.password !== undefined && found.id === principal.accountId) {
    throw new ForbiddenError(
      'Change your own password with your current one (POST /api/auth/password).',
      'OWN_PASSWORD',
      'password',
    );
  }
  if (input.type !== undefined && input.type !== found.type) {
    throw new InputError('TYPE_IS_FIXED', 'The account type cannot change after creation.', 'type');
  }
  if (input.partnerCode !== undefined) {
    const partner = await resolvePartner(tx, principal.companyId, found.type, input.partnerCode, refs);
    found.partner = partner && tx.getReference(Partner, partner.id, { wrapped: true });
  }
  const roleBefore = found.role.getEntity().code;
  if (input.current !== undefined) {
    const current = await resolveAssignment(tx, principal.companyId, input.current, 'current', refs);
    if (found.code === systemAdministratorCode && current.role.code !== roleBefore) {
      throw new ConflictError('SYSTEM_ADMINISTRATOR', 'The system administrator keeps its role.', 'current.roleCode');
    }
    if (current.role.code !== roleBefore) {
      assertMayAssignRole(principal, current.role, { id: found.id, currentRoleCode: roleBefore }, 'current.roleCode');
    }
    await checkCurrentDate(tx, found, current.effectiveDate);
    assignTo(tx, found, current);
    recordAssignment(tx, found, 'edit');
  }
  const wasBlocked = found.disabled || found.loginDisabled;
  await applyEditableFields(tx, company, found, input, 'update');
  const roleChanged = input.current !== undefined && input.current.roleCode !== roleBefore;
  const blockedNow = !wasBlocked && (found.disabled || found.loginDisabled);
  return { endSessions: input.password !== undefined || roleChanged || blockedNow };
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
    tx.remove(account);
    return [...open.map((issuance) => issuance.workflowId), transferWorkflowId(principal.companyCode, account.code)];
  });
  // Nothing may run on for an account that no longer exists.
  await cancelWorkflows(services, workflowIds);
}

/**
 * A corrected current date must stay after the previous assignment in the history (旧所属の適用日) and
 * before a pending transfer.
 */
async function checkCurrentDate(em: EntityManager, account: Account, effectiveDate: string): Promise<void> {
  if (effectiveDate === account.effectiveDate) return;
  const previous = await em.getConnection().execute<{ effective_date: string }[]>(
    `select to_char(effective_date, 'YYYY-MM-DD') as effective_date from assignment_history
       where account_id = ? and effective_date < ? order by effective_date desc, created_at desc limit 1`,
    [account.id, account.effectiveDate],
  );
  const before = previous[0]?.effective_date;
  if (before && effectiveDate <= before) {
    throw new InputError(
      'EFFECTIVE_DATE_NOT_AFTER_PREVIOUS',
      `The date must be after ${before}, the previous assignment.`,
      'current.effectiveDate',
    );
  }
  const pending = await em.findOne(Transfer, { account, status: 'pending' });
  if (pending && effectiveDate >= pending.effectiveDate) {
    throw new InputError(
      'EFFECTIVE_DATE_NOT_BEFORE_TRANSFER',
      `The date must be before the pending transfer of ${pending.effectiveDate}.`,
      'current.effectiveDate',
    );
  }
}
