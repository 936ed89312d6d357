import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  Account,
  Company,
  Department,
  Issuance,
  Partner,
  ProjectMember,
  Rank,
  ReportingDepartment,
  Role,
  Session,
  systemAdministratorCode,
  Transfer,
  openIssuanceStatuses,
} from '../../entities';
import { transferWorkflowId } from '../../contract';
import { cancelWorkflows } from '../workflow-control';
import { accountSchema, accountView } from '../account-view';
import { createAccountInput, updateAccountInput } from '../account-input';
import { accountCodeFor, applyEditableFields, assignTo, resolveAssignment, resolvePartner } from '../account-rules';
import { recordAssignment } from '../../lib/assignment-history';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { accountCodeParam } from '../input-schemas';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

export async function findAccount(em: EntityManager, companyId: string, code: string): Promise<Account> {
  const account = await em.findOne(Account, { company: companyId, code }, { populate: ['role', 'company'] });
  if (!account) throw new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
  return account;
}

function conflictOnDuplicate(error: unknown, code: string): never {
  if (error instanceof UniqueConstraintViolationException) {
    throw new ConflictError('ACCOUNT_CODE_TAKEN', `The account code "${code}" is already used.`, 'code');
  }
  throw error;
}

/** Why an account cannot be deleted, or undefined when it can (the seed: in use, or the system administrator). */
async function deletionBlocker(
  em: EntityManager,
  account: Account,
): Promise<{ code: string; message: string } | undefined> {
  if (account.code === systemAdministratorCode) {
    return { code: 'SYSTEM_ADMINISTRATOR', message: 'The system administrator cannot be deleted.' };
  }
  const memberships = await em.find(ProjectMember, { account }, { populate: ['project'] });
  if (memberships.length > 0) {
    const projects = memberships.map((m) => `${m.project.getEntity().code} (${m.projectRole.toUpperCase()})`);
    return { code: 'ACCOUNT_IN_USE_PROJECT', message: `The account is a member of: ${projects.join(', ')}.` };
  }
  const approverOf = await em.find(Department, { approver: account });
  if (approverOf.length > 0) {
    return {
      code: 'ACCOUNT_IN_USE_APPROVER',
      message: `The account approves for departments: ${approverOf.map((d) => d.code).join(', ')}.`,
    };
  }
  return undefined;
}

export function registerAccountRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'post',
    path: '/api/accounts',
    summary: 'Register an account (アカウント登録)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    body: createAccountInput,
    responses: {
      201: { description: 'Created', schema: accountSchema },
      409: { description: 'The code is taken' },
    },
    handler: async ({ em, auth, body }) => {
      const account = await em.transactional(async (tx) => {
        const code = await accountCodeFor(tx, auth.companyId, body.code);
        const company = await tx.findOneOrFail(Company, auth.companyId);
        const partner = await resolvePartner(tx, auth.companyId, body.type, body.partnerCode);
        const current = await resolveAssignment(tx, auth.companyId, body.current, 'current');
        if (body.type === 'own' && body.ranks === undefined && (await tx.count(Rank, { company, active: true })) > 0) {
          throw new InputError('RANK_REQUIRED', 'Own accounts need a rank (社員ランク).', 'ranks');
        }
        const created = new Account({
          company: tx.getReference(Company, company.id, { wrapped: true }),
          code,
          type: body.type,
          lastName: body.lastName,
          firstName: body.firstName,
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
        await applyEditableFields(tx, company, created, body, 'create');
        tx.persist(created);
        recordAssignment(tx, created, 'registration');
        try {
          await tx.flush();
        } catch (error) {
          conflictOnDuplicate(error, code);
        }
        return created;
      });
      return { status: 201, body: await accountView(em, account) };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code',
    summary: 'Read one account with its current assignment, pending transfer and rank history',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: { 200: { description: 'The account', schema: accountSchema }, 404: { description: 'No such account' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await accountView(em, await findAccount(em, auth.companyId, params.code)),
    }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/accounts/:code',
    summary: 'Change an account (修正モード); the type cannot change',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: updateAccountInput,
    responses: {
      200: { description: 'The changed account', schema: accountSchema },
      404: { description: 'No such account' },
      409: { description: 'Not allowed for the system administrator' },
    },
    handler: async ({ em, auth, params, body }) => {
      const account = await em.transactional(async (tx) => {
        const found = await findAccount(tx, auth.companyId, params.code);
        const company = found.company.getEntity();
        if (body.type !== undefined && body.type !== found.type) {
          throw new InputError('TYPE_IS_FIXED', 'The account type cannot change after creation.', 'type');
        }
        if (body.partnerCode !== undefined) {
          const partner = await resolvePartner(tx, auth.companyId, found.type, body.partnerCode);
          found.partner = partner && tx.getReference(Partner, partner.id, { wrapped: true });
        }
        if (body.current !== undefined) {
          const current = await resolveAssignment(tx, auth.companyId, body.current, 'current');
          if (found.code === systemAdministratorCode && current.role.code !== found.role.getEntity().code) {
            throw new ConflictError(
              'SYSTEM_ADMINISTRATOR',
              'The system administrator keeps its role.',
              'current.roleCode',
            );
          }
          await checkCurrentDate(tx, found, current.effectiveDate);
          assignTo(tx, found, current);
          recordAssignment(tx, found, 'edit');
        }
        await applyEditableFields(tx, company, found, body, 'update');
        return found;
      });
      return { status: 200, body: await accountView(em, account) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code',
    summary: 'Delete an account; refused while it is in use, and always for the system administrator',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such account' },
      409: { description: 'In use (the code and message say where) or the system administrator' },
    },
    handler: async ({ em, auth, params }) => {
      const workflowIds = await em.transactional(async (tx) => {
        const account = await findAccount(tx, auth.companyId, params.code);
        const blocker = await deletionBlocker(tx, account);
        if (blocker) throw new ConflictError(blocker.code, blocker.message);
        const open = await tx.find(Issuance, { account, status: { $in: [...openIssuanceStatuses] } });
        await tx.nativeDelete(Session, { account });
        await tx.nativeDelete(Issuance, { account });
        await tx.nativeDelete(Transfer, { account });
        tx.remove(account);
        return [...open.map((issuance) => issuance.workflowId), transferWorkflowId(auth.companyCode, account.code)];
      });
      // Nothing may run on for an account that no longer exists.
      await cancelWorkflows(target.services, workflowIds);
      return { status: 204 };
    },
  });
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
