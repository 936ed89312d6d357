import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
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
  ReportingDepartment,
  Role,
  systemAdministratorCode,
  Transfer,
  transferStatuses,
} from '../../entities';
import { startOfDayIn, todayIn } from '../../lib/calendar';
import { accountSchema, accountView } from '../account-view';
import { assignmentInput } from '../account-input';
import { recordAssignment } from '../../lib/assignment-history';
import { assignTo, resolveAssignment } from '../account-rules';
import type { AuthContext } from '../authentication';
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../errors';
import { accountCodeParam } from '../input-schemas';
import { defineRoute } from '../route';
import type { ApiServices } from '../services';
import type { RouteTarget } from './types';

const transferResponse = z
  .object({
    status: z.enum(transferStatuses).meta({ description: 'applied at once (dated today or earlier) or pending' }),
    effectiveDate: z.iso.date(),
    effectiveAt: z.iso.datetime().meta({ description: "When the date begins in the company's time zone" }),
    workflowId: z.string().nullable().meta({ description: 'The run that applies it, for the Temporal UI' }),
    account: accountSchema,
  })
  .meta({ id: 'TransferPlan' });

const historySchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(['assignment', 'transfer']),
        effectiveDate: z.iso.date(),
        departmentCode: z.string(),
        controlDepartmentCode: z.string(),
        reportingControlDepartmentCode: z.string(),
        roleCode: z.string(),
        source: z.string().meta({ description: 'registration | edit | transfer, or the transfer status' }),
        recordedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'AssignmentHistory' });

async function lockAccount(em: EntityManager, auth: AuthContext, code: string): Promise<Account> {
  const account = await em.findOne(
    Account,
    { company: auth.companyId, code },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
  );
  if (!account) throw new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
  return account;
}

async function cancelPending(em: EntityManager, account: Account): Promise<boolean> {
  const pending = await em.findOne(Transfer, { account, status: 'pending' });
  if (!pending) return false;
  pending.status = 'cancelled';
  pending.cancelledAt = new Date();
  await em.flush();
  return true;
}

/** Tells a running transfer workflow that nothing is pending any more; none running is fine. */
async function withdrawPlan(services: ApiServices, workflowId: string): Promise<void> {
  try {
    await services.temporal.workflow.getHandle(workflowId).signal(transferPlanSignal, null);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

export function registerTransferRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'put',
    path: '/api/accounts/:code/transfer',
    summary: 'Enter or change the pending transfer (異動); dated today or earlier it applies at once',
    tag: 'Transfers',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: assignmentInput,
    responses: {
      200: { description: 'The accepted plan', schema: transferResponse },
      404: { description: 'No such account' },
      409: { description: 'The system administrator keeps its role' },
      503: { description: 'The workflow service is unreachable; nothing changed' },
    },
    handler: async ({ em, auth, params, body }) => {
      const workflowId = transferWorkflowId(auth.companyCode, params.code);
      const outcome = await em.transactional(async (tx) => {
        const account = await lockAccount(tx, auth, params.code);
        const company = await tx.findOneOrFail(Company, auth.companyId);
        const resolved = await resolveAssignment(tx, auth.companyId, body, '');
        if (body.effectiveDate <= account.effectiveDate) {
          throw new InputError(
            'TRANSFER_NOT_AFTER_CURRENT',
            `A transfer must be dated after the current assignment (${account.effectiveDate}).`,
            'effectiveDate',
          );
        }
        if (account.code === systemAdministratorCode && resolved.role.id !== account.role.id) {
          throw new ConflictError('SYSTEM_ADMINISTRATOR', 'The system administrator keeps its role.', 'roleCode');
        }
        await cancelPending(tx, account);
        const transfer = new Transfer({
          company: tx.getReference(Company, company.id, { wrapped: true }),
          account: tx.getReference(Account, account.id, { wrapped: true }),
          effectiveDate: body.effectiveDate,
          department: tx.getReference(Department, resolved.department.id, { wrapped: true }),
          controlDepartment: tx.getReference(Department, resolved.controlDepartment.id, { wrapped: true }),
          reportingControlDepartment: tx.getReference(ReportingDepartment, resolved.reportingControlDepartment.id, {
            wrapped: true,
          }),
          role: tx.getReference(Role, resolved.role.id, { wrapped: true }),
          requestedBy: tx.getReference(Account, auth.accountId, { wrapped: true }),
        });
        const effectiveAt = startOfDayIn(body.effectiveDate, company.timeZone);
        if (body.effectiveDate <= todayIn(company.timeZone)) {
          assignTo(tx, account, resolved);
          recordAssignment(tx, account, 'transfer');
          transfer.status = 'applied';
          transfer.appliedAt = new Date();
        }
        tx.persist(transfer);
        await tx.flush();
        return { account, transfer, effectiveAt };
      });

      const { transfer, effectiveAt } = outcome;
      if (transfer.status === 'applied') {
        await withdrawPlan(services, workflowId);
      } else {
        const plan: TransferPlan = {
          transferId: transfer.id,
          effectiveDate: transfer.effectiveDate,
          effectiveAt: effectiveAt.getTime(),
        };
        const input: AccountTransferInput = { companyCode: auth.companyCode, accountCode: params.code };
        try {
          await services.temporal.workflow.signalWithStart(workflowTypes.accountTransfer, {
            workflowId,
            taskQueue: TaskQueues.main,
            args: [input],
            signal: transferPlanSignal,
            signalArgs: [plan],
            typedSearchAttributes: [
              { key: SearchAttributes.companyCode, value: auth.companyCode },
              { key: SearchAttributes.accountCode, value: params.code },
            ],
            memo: { purpose: 'effective-dated transfer' },
          });
        } catch (error) {
          services.logger.error({ err: error, workflowId }, 'could not schedule the transfer');
          await em
            .fork()
            .nativeUpdate(
              Transfer,
              { id: transfer.id, status: 'pending' },
              { status: 'cancelled', cancelledAt: new Date() },
            );
          throw new UnavailableError('The workflow service is not reachable; the transfer was not entered.');
        }
      }
      const account = await em.fork().findOneOrFail(Account, outcome.account.id);
      return {
        status: 200,
        body: {
          status: transfer.status,
          effectiveDate: transfer.effectiveDate,
          effectiveAt: effectiveAt.toISOString(),
          workflowId: transfer.status === 'pending' ? workflowId : null,
          account: await accountView(em, account),
        },
      };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/transfer',
    summary: 'Cancel the pending transfer',
    tag: 'Transfers',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: { 204: { description: 'Cancelled' }, 404: { description: 'No such account, or nothing pending' } },
    handler: async ({ em, auth, params }) => {
      const cancelled = await em.transactional(async (tx) =>
        cancelPending(tx, await lockAccount(tx, auth, params.code)),
      );
      if (!cancelled) throw new NotFoundError('The account has no pending transfer.', 'NO_PENDING_TRANSFER');
      await withdrawPlan(services, transferWorkflowId(auth.companyCode, params.code));
      return { status: 204 };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code/assignments',
    summary: 'Assignment history (所属の履歴) and transfers, newest first',
    tag: 'Transfers',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: { 200: { description: 'History', schema: historySchema }, 404: { description: 'No such account' } },
    handler: async ({ em, auth, params }) => {
      const account = await em.findOne(Account, { company: auth.companyId, code: params.code });
      if (!account) throw new NotFoundError(`No account "${params.code}".`, 'ACCOUNT_NOT_FOUND');
      const populate = ['department', 'controlDepartment', 'reportingControlDepartment', 'role'] as const;
      const history = await em.find(AssignmentHistory, { account }, { populate });
      const transfers = await em.find(Transfer, { account, status: { $ne: 'applied' } }, { populate });
      const row = (
        kind: 'assignment' | 'transfer',
        item: AssignmentHistory | Transfer,
        source: string,
      ): z.infer<typeof historySchema>['items'][number] => ({
        kind,
        effectiveDate: item.effectiveDate,
        departmentCode: item.department.getEntity().code,
        controlDepartmentCode: item.controlDepartment.getEntity().code,
        reportingControlDepartmentCode: item.reportingControlDepartment.getEntity().code,
        roleCode: item.role.getEntity().code,
        source,
        recordedAt: item.createdAt.toISOString(),
      });
      const items = [
        ...history.map((h) => row('assignment', h, h.source)),
        ...transfers.map((t) => row('transfer', t, t.status)),
      ].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.recordedAt.localeCompare(a.recordedAt));
      return { status: 200, body: { items } };
    },
  });
}
