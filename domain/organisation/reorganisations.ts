import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  SearchAttributes,
  TaskQueues,
  reorganisationWorkflowId,
  workflowTypes,
  type ReorganisationInput,
} from '../../contract';
import {
  Account,
  AssignmentHistory,
  Company,
  Department,
  Reorganisation,
  ReorganisationChange,
  Transfer,
  wholeCompanyCode,
  type ReorganisationStatus,
  type TransferStatus,
} from '../../entities';
import { startOfDayIn, todayIn } from '../../lib/calendar';
import { cancelWorkflows } from '../../lib/workflow-control';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { calendarDate } from '../accounts/account-input';
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../errors';
import { plainText } from '../input-schemas';
import { nowOf, type DomainServices } from '../services';
import { enterTransfer, scheduleTransfer, withdrawTransferPlan } from '../transfers/transfers';
import { departmentChart } from './departments';
import { lockChart, orgChartInputs, type OrgUnitView } from './org-chart';
import { isSelfOrDescendant, orderAsTree } from './org-tree';

const { code } = orgChartInputs(departmentChart);
const name = plainText(30);

/** An account the reorganisation moves on its date: a new department, and a new control department if given. */
export const accountMove = z
  .object({
    accountCode: z.string().min(1).max(10),
    departmentCode: code,
    controlDepartmentCode: code.optional().meta({ description: 'Default: the current control department' }),
  })
  .strict();

/** 【組織変更データ登録】: the changes to the HR chart that take effect together on one date. */
export const reorganisationInput = z
  .object({
    effectiveDate: calendarDate.meta({ description: 'YYYY-MM-DD in the company time zone; today or later' }),
    note: plainText(100).optional(),
    changes: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('create'), code, name, parentCode: code }).strict(),
          z.object({ kind: z.literal('rename'), code, name }).strict(),
          z.object({ kind: z.literal('move'), code, parentCode: code }).strict(),
          z.object({ kind: z.literal('close'), code }).strict(),
        ]),
      )
      .max(500)
      .default([]),
    moves: z
      .array(accountMove)
      .max(500)
      .default([])
      .meta({ description: "Accounts moved on the date, each as a pending transfer shown in the account's 異動" }),
  })
  .strict()
  .refine((input) => input.changes.length + input.moves.length > 0, {
    message: 'A reorganisation changes at least one department or moves at least one account.',
    path: ['changes'],
  });
export type ReorganisationRequest = z.infer<typeof reorganisationInput>;

export interface ReorganisationView {
  id: string;
  effectiveDate: string;
  effectiveAt: string;
  status: ReorganisationStatus;
  note: string | null;
  workflowId: string | null;
  changes: { kind: string; code: string; name: string | null; parentCode: string | null }[];
  moves: {
    accountCode: string;
    accountName: string;
    departmentCode: string;
    controlDepartmentCode: string;
    status: TransferStatus;
  }[];
  appliedAt: string | null;
  cancelledAt: string | null;
}

/** A department as it stands on one date. */
export interface DatedDepartment {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  sortOrder: number;
  validFrom: string | null;
  validTo: string | null;
  approverCode: string | null;
}

export function validOn(department: Pick<DatedDepartment, 'validFrom' | 'validTo'>, date: string): boolean {
  return (!department.validFrom || department.validFrom <= date) && (!department.validTo || department.validTo >= date);
}

/** The day before a calendar date. */
function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The HR chart as of a date, every department with its name and parent on that date (valid or not: see
 * `validOn`). The rows hold today's state; renames and moves of applied reorganisations dated after the
 * date are undone, those of pending ones dated on or before it are done.
 */
export async function departmentsAsOf(
  em: EntityManager,
  companyId: string,
  date: string,
): Promise<Map<string, DatedDepartment>> {
  const rows = await em.find(Department, { company: companyId }, { populate: ['approver'] });
  const state = new Map<string, DatedDepartment>(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        code: row.code,
        name: row.name,
        parentId: row.parent?.id ?? null,
        sortOrder: row.sortOrder,
        validFrom: row.validFrom ?? null,
        validTo: row.validTo ?? null,
        approverCode: row.approver?.getEntity().code ?? null,
      },
    ]),
  );
  const changes = await em.find(
    ReorganisationChange,
    {
      reorganisation: { company: companyId, status: { $in: ['pending', 'applied'] } },
      kind: { $in: ['rename', 'move'] },
    },
    { populate: ['reorganisation'] },
  );
  const dated = (change: ReorganisationChange) => change.reorganisation.getEntity();
  const undo = changes
    .filter((c) => dated(c).status === 'applied' && dated(c).effectiveDate > date)
    .sort((a, b) => dated(b).effectiveDate.localeCompare(dated(a).effectiveDate) || b.position - a.position);
  for (const change of undo) {
    const department = state.get(change.department.id);
    if (!department) continue;
    if (change.kind === 'rename' && change.previousName) department.name = change.previousName;
    if (change.kind === 'move' && change.previousParent) department.parentId = change.previousParent.id;
  }
  const redo = changes
    .filter((c) => dated(c).status === 'pending' && dated(c).effectiveDate <= date)
    .sort((a, b) => dated(a).effectiveDate.localeCompare(dated(b).effectiveDate) || a.position - b.position);
  for (const change of redo) {
    const department = state.get(change.department.id);
    if (!department) continue;
    if (change.kind === 'rename' && change.name) department.name = change.name;
    if (change.kind === 'move' && change.parent) department.parentId = change.parent.id;
  }
  return state;
}

async function companyToday(em: EntityManager, companyId: string, now: Date) {
  const company = await em.findOneOrFail(Company, companyId);
  return { company, today: todayIn(company.timeZone, now) };
}

/** 部門一覧 as of a date (default: today in the company's time zone): the departments valid that day. */
export async function listDepartmentsAsOf(
  em: EntityManager,
  principal: Principal,
  asOf: string | undefined,
): Promise<(OrgUnitView & { validFrom: string | null; validTo: string | null })[]> {
  assertPermitted(principal, 'reference:read');
  const date = asOf ?? (await companyToday(em, principal.companyId, new Date())).today;
  const valid = [...(await departmentsAsOf(em, principal.companyId, date)).values()].filter((d) => validOn(d, date));
  const codeOf = new Map(valid.map((d) => [d.id, d.code]));
  return orderAsTree(valid).map(({ node, depth, path }) => ({
    code: node.code,
    name: node.name,
    parentCode: node.parentId ? (codeOf.get(node.parentId) ?? null) : null,
    depth,
    path,
    sortOrder: node.sortOrder,
    approverCode: node.approverCode,
    validFrom: node.validFrom,
    validTo: node.validTo,
  }));
}

/**
 * Whether a department is still someone's on a date: an account assigned to it (as department or control
 * department) without a pending transfer out dated on or before the date, or a pending transfer into it.
 */
async function inUseOn(em: EntityManager, departmentId: string, date: string): Promise<boolean> {
  // em.execute, not getConnection().execute: the reorganisation's own moves are not committed yet.
  const rows = await em.execute<{ n: string }[]>(
    `select (select count(*) from account a
              where (a.department_id = ? or a.control_department_id = ?)
                and not exists (select 1 from transfer t where t.account_id = a.id and t.status = 'pending'
                  and t.effective_date <= ? and t.department_id <> ? and t.control_department_id <> ?))
          + (select count(*) from transfer t where t.status = 'pending'
              and (t.department_id = ? or t.control_department_id = ?)) as n`,
    [departmentId, departmentId, date, departmentId, departmentId, departmentId, departmentId],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

function view(
  reorganisation: Reorganisation,
  changes: ReorganisationChange[],
  moves: Transfer[],
  timeZone: string,
): ReorganisationView {
  return {
    id: reorganisation.id,
    effectiveDate: reorganisation.effectiveDate,
    effectiveAt: startOfDayIn(reorganisation.effectiveDate, timeZone).toISOString(),
    status: reorganisation.status,
    note: reorganisation.note ?? null,
    workflowId:
      reorganisation.status === 'pending'
        ? reorganisationWorkflowId(reorganisation.company.getEntity().code, reorganisation.id)
        : null,
    changes: changes
      .sort((a, b) => a.position - b.position)
      .map((change) => ({
        kind: change.kind,
        code: change.department.getEntity().code,
        name: change.name ?? null,
        parentCode: change.parent?.getEntity().code ?? null,
      })),
    moves: moves
      .map((move) => {
        const account = move.account.getEntity();
        return {
          accountCode: account.code,
          accountName: `${account.lastName} ${account.firstName}`,
          departmentCode: move.department.getEntity().code,
          controlDepartmentCode: move.controlDepartment.getEntity().code,
          status: move.status,
        };
      })
      .sort((a, b) => a.accountCode.localeCompare(b.accountCode)),
    appliedAt: reorganisation.appliedAt?.toISOString() ?? null,
    cancelledAt: reorganisation.cancelledAt?.toISOString() ?? null,
  };
}

async function viewOf(em: EntityManager, companyId: string, id: string): Promise<ReorganisationView> {
  const fresh = em.fork();
  const reorganisation = await fresh.findOne(Reorganisation, { id, company: companyId }, { populate: ['company'] });
  if (!reorganisation) throw new NotFoundError(`No reorganisation "${id}".`, 'REORGANISATION_NOT_FOUND');
  const changes = await fresh.find(ReorganisationChange, { reorganisation }, { populate: ['department', 'parent'] });
  const moves = await fresh.find(Transfer, { reorganisation }, { populate: movePopulate });
  return view(reorganisation, changes, moves, reorganisation.company.getEntity().timeZone);
}

const movePopulate = ['account', 'department', 'controlDepartment'] as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getReorganisation(
  em: EntityManager,
  principal: Principal,
  id: string,
): Promise<ReorganisationView> {
  assertPermitted(principal, 'reference:read');
  if (!uuidPattern.test(id)) throw new NotFoundError(`No reorganisation "${id}".`, 'REORGANISATION_NOT_FOUND');
  return viewOf(em, principal.companyId, id);
}

/** Every reorganisation of the company, the latest date first. */
export async function listReorganisations(em: EntityManager, principal: Principal): Promise<ReorganisationView[]> {
  assertPermitted(principal, 'reference:read');
  const rows = await em.find(
    Reorganisation,
    { company: principal.companyId },
    { orderBy: { effectiveDate: 'desc', createdAt: 'desc' }, populate: ['company'] },
  );
  const changes = await em.find(
    ReorganisationChange,
    { reorganisation: { $in: rows.map((row) => row.id) } },
    { populate: ['department', 'parent'] },
  );
  const moves = await em.find(
    Transfer,
    { reorganisation: { $in: rows.map((row) => row.id) } },
    { populate: movePopulate },
  );
  return rows.map((row) =>
    view(
      row,
      changes.filter((change) => change.reorganisation.id === row.id),
      moves.filter((move) => move.reorganisation?.id === row.id),
      row.company.getEntity().timeZone,
    ),
  );
}

/**
 * The date's half of a reorganisation: renames and moves change the departments (keeping what they
 * replaced, for earlier dates), and the reorganisation is applied. The caller holds the chart lock.
 */
async function applyReorganisationTo(em: EntityManager, reorganisation: Reorganisation, now: Date): Promise<void> {
  const changes = await em.find(
    ReorganisationChange,
    { reorganisation, kind: { $in: ['rename', 'move'] } },
    { orderBy: { position: 'asc' }, populate: ['department'] },
  );
  const nodes = (await em.find(Department, { company: reorganisation.company.id })).map((d) => ({
    id: d.id,
    code: d.code,
    parentId: d.parent?.id ?? null,
    sortOrder: d.sortOrder,
  }));
  for (const change of changes) {
    const department = change.department.getEntity();
    if (change.kind === 'rename' && change.name) {
      change.previousName = department.name;
      department.name = change.name;
    }
    // A move that a later manual edit of the chart turned into a cycle is left out rather than closing it.
    if (change.kind === 'move' && change.parent && !isSelfOrDescendant(nodes, department.id, change.parent.id)) {
      change.previousParent = department.parent;
      department.parent = change.parent;
      const node = nodes.find((n) => n.id === department.id);
      if (node) node.parentId = change.parent.id;
    }
  }
  reorganisation.status = 'applied';
  reorganisation.appliedAt = now;
}

/** The workflow's step: applies the reorganisation if it is still pending (a cancelled one is left alone). */
export async function applyPendingReorganisation(
  em: EntityManager,
  reorganisationId: string,
  now: Date,
): Promise<{ state: ReorganisationStatus } | undefined> {
  const unlocked = await em.findOne(Reorganisation, reorganisationId, { fields: ['company'] });
  if (!unlocked) return undefined;
  await lockChart(em, departmentChart, unlocked.company.id);
  const reorganisation = await em.findOneOrFail(Reorganisation, reorganisationId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (reorganisation.status !== 'pending') return { state: reorganisation.status };
  await applyReorganisationTo(em, reorganisation, now);
  return { state: reorganisation.status };
}

/** The checks and rows of a new reorganisation, inside the caller's transaction (chart locked). */
async function recordReorganisation(
  tx: EntityManager,
  principal: Principal,
  input: ReorganisationRequest,
  now: Date,
): Promise<{ reorganisation: Reorganisation; effectiveAt: Date; moved: EnteredTransfer[] }> {
  const { companyId } = principal;
  await lockChart(tx, departmentChart, companyId);
  const { company, today } = await companyToday(tx, companyId, now);
  const date = input.effectiveDate;
  if (date < today) {
    throw new InputError(
      'EFFECTIVE_DATE_IN_PAST',
      `A reorganisation takes effect today (${today}) or later.`,
      'effectiveDate',
    );
  }
  const state = await departmentsAsOf(tx, companyId, date);
  const byCode = new Map([...state.values()].map((d) => [d.code, d]));
  const validByCode = (value: string) => {
    const found = byCode.get(value);
    return found && validOn(found, date) ? found : undefined;
  };
  const reorganisation = new Reorganisation(tx.getReference(Company, companyId, { wrapped: true }), date);
  reorganisation.note = input.note;
  reorganisation.requestedBy = tx.getReference(Account, principal.accountId, { wrapped: true });
  tx.persist(reorganisation);

  const seen = new Set<string>();
  const closed: { department: Department; field: string }[] = [];
  for (const [index, change] of input.changes.entries()) {
    const field = (part: string) => `changes.${index}.${part}`;
    if (seen.has(change.code)) {
      throw new InputError('DUPLICATE_CHANGE', `"${change.code}" is changed twice.`, field('code'));
    }
    seen.add(change.code);
    const parentOf = (parentCode: string) => {
      const parent = validByCode(parentCode);
      if (!parent) {
        throw new InputError('UNKNOWN_PARENT', `No department "${parentCode}" on ${date}.`, field('parentCode'));
      }
      return parent;
    };
    let department: Department;
    if (change.kind === 'create') {
      if (byCode.has(change.code)) {
        throw new ConflictError(
          'DEPARTMENT_CODE_TAKEN',
          `The department code "${change.code}" is already used.`,
          field('code'),
        );
      }
      const parent = parentOf(change.parentCode);
      department = new Department(
        tx.getReference(Company, companyId, { wrapped: true }),
        change.code,
        change.name,
        tx.getReference(Department, parent.id, { wrapped: true }),
      );
      department.validFrom = date;
      tx.persist(department);
      const added: DatedDepartment = {
        id: department.id,
        code: change.code,
        name: change.name,
        parentId: parent.id,
        sortOrder: 0,
        validFrom: date,
        validTo: null,
        approverCode: null,
      };
      state.set(added.id, added);
      byCode.set(added.code, added);
    } else {
      const current = validByCode(change.code);
      if (!current)
        throw new InputError('UNKNOWN_DEPARTMENT', `No department "${change.code}" on ${date}.`, field('code'));
      if (change.kind !== 'rename' && (current.code === wholeCompanyCode || !current.parentId)) {
        throw new ConflictError(
          'ROOT_CANNOT_CHANGE',
          'The root department (全社) is neither moved nor closed.',
          field('code'),
        );
      }
      department = await tx.findOneOrFail(Department, current.id);
      if (change.kind === 'rename') current.name = change.name;
      if (change.kind === 'move') {
        const parent = parentOf(change.parentCode);
        if (isSelfOrDescendant([...state.values()], current.id, parent.id)) {
          throw new ConflictError(
            'CYCLE',
            `"${change.parentCode}" is "${change.code}" itself or lies below it.`,
            field('parentCode'),
          );
        }
        current.parentId = parent.id;
      }
      if (change.kind === 'close') {
        current.validTo = dayBefore(date);
        closed.push({ department, field: field('code') });
      }
    }
    tx.persist(
      new ReorganisationChange({
        reorganisation: ref(reorganisation),
        position: index,
        kind: change.kind,
        department: ref(department),
        name: 'name' in change ? change.name : undefined,
        parent:
          'parentCode' in change
            ? tx.getReference(Department, byCode.get(change.parentCode)!.id, { wrapped: true })
            : undefined,
      }),
    );
  }
  await tx.flush();
  const moved = await recordMoves(tx, principal, reorganisation, input.moves, now);
  for (const { department, field } of closed) {
    const child = [...state.values()].find((d) => d.parentId === department.id && validOn(d, date));
    if (child) {
      throw new ConflictError(
        'DEPARTMENT_HAS_CHILDREN',
        `"${department.code}" still has "${child.code}" below it on ${date}; move or close it in the same reorganisation.`,
        field,
      );
    }
    if (await inUseOn(tx, department.id, date)) {
      throw new ConflictError(
        'DEPARTMENT_IN_USE',
        `Accounts or pending transfers still use "${department.code}" on ${date}; move them in the same reorganisation or transfer them first.`,
        field,
      );
    }
    department.validTo = dayBefore(date);
  }
  await tx.flush();
  if (date <= today) await applyReorganisationTo(tx, reorganisation, now);
  return { reorganisation, effectiveAt: startOfDayIn(date, company.timeZone), moved };
}

interface EnteredTransfer {
  accountCode: string;
  transfer: Transfer;
  effectiveAt: Date;
}

/**
 * The reorganisation's account moves, each a transfer on its date entered through the transfers domain (the
 * policy asked for every account, as for any 異動): department and control department change, the reporting
 * control department and the role stay. An account with a pending transfer already is refused.
 */
async function recordMoves(
  tx: EntityManager,
  principal: Principal,
  reorganisation: Reorganisation,
  moves: ReorganisationRequest['moves'],
  now: Date,
): Promise<EnteredTransfer[]> {
  if (moves.length > 0) assertPermitted(principal, 'accounts:write');
  const entered: EnteredTransfer[] = [];
  const seen = new Set<string>();
  for (const [index, move] of moves.entries()) {
    const prefix = `moves.${index}`;
    if (seen.has(move.accountCode)) {
      throw new InputError('DUPLICATE_MOVE', `"${move.accountCode}" is moved twice.`, `${prefix}.accountCode`);
    }
    seen.add(move.accountCode);
    const account = await tx.findOne(
      Account,
      { company: principal.companyId, code: move.accountCode },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
    );
    if (!account) {
      throw new InputError('UNKNOWN_ACCOUNT', `No account "${move.accountCode}".`, `${prefix}.accountCode`);
    }
    await tx.populate(account, ['controlDepartment', 'reportingControlDepartment', 'role']);
    const { transfer, effectiveAt } = await enterTransfer(
      tx,
      principal,
      account,
      {
        effectiveDate: reorganisation.effectiveDate,
        departmentCode: move.departmentCode,
        controlDepartmentCode: move.controlDepartmentCode ?? account.controlDepartment.getEntity().code,
        reportingControlDepartmentCode: account.reportingControlDepartment.getEntity().code,
        roleCode: account.role.getEntity().code,
      },
      now,
      { prefix, field: () => `${prefix}.accountCode`, reorganisation },
    );
    entered.push({ accountCode: account.code, transfer, effectiveAt });
  }
  await tx.flush();
  return entered;
}

/**
 * Undoes what registering a pending reorganisation changed at once: its account moves are cancelled, its new
 * departments go (refused while something else uses them), its closed ones are open-ended again. The caller
 * holds the chart lock. Says whose transfers were cancelled, for their workflows.
 */
async function withdrawReorganisation(tx: EntityManager, reorganisation: Reorganisation, now: Date): Promise<string[]> {
  const moves = await tx.find(Transfer, { reorganisation, status: 'pending' }, { populate: ['account'] });
  for (const move of moves) {
    move.status = 'cancelled';
    move.cancelledAt = now;
  }
  await tx.flush();
  const changes = await tx.find(ReorganisationChange, { reorganisation }, { populate: ['department'] });
  const created: Department[] = [];
  for (const change of changes) {
    const department = change.department.getEntity();
    if (change.kind === 'close') department.validTo = undefined;
    if (change.kind !== 'create') continue;
    if (await liveUse(tx, reorganisation, department.id)) {
      throw new ConflictError(
        'REORGANISATION_DEPARTMENT_IN_USE',
        `The new department "${department.code}" is already used (accounts, pending transfers or departments); change those first.`,
      );
    }
    created.push(department);
  }
  reorganisation.status = 'cancelled';
  reorganisation.cancelledAt = now;
  for (const department of created) {
    const either = { $or: [{ department: department.id }, { controlDepartment: department.id }] };
    if (await tx.count(Transfer, either)) {
      // Cancelled transfers still name it: the row stays, valid on no day at all.
      department.validTo = dayBefore(department.validFrom ?? reorganisation.effectiveDate);
    } else {
      tx.remove(department);
    }
  }
  await tx.flush();
  return moves.map((move) => move.account.getEntity().code);
}

/** Whether anything that counts now uses a department: accounts, pending transfers, history, children, other reorganisations. */
async function liveUse(tx: EntityManager, reorganisation: Reorganisation, departmentId: string): Promise<boolean> {
  const either = { $or: [{ department: departmentId }, { controlDepartment: departmentId }] };
  return (
    (await tx.count(Account, either)) > 0 ||
    (await tx.count(Transfer, { ...either, status: 'pending' })) > 0 ||
    (await tx.count(AssignmentHistory, either)) > 0 ||
    (await tx.count(Department, { parent: departmentId })) > 0 ||
    (await tx.count(ReorganisationChange, {
      $or: [{ parent: departmentId }, { department: departmentId }],
      reorganisation: { $ne: reorganisation.id },
    })) > 0
  );
}

/**
 * 【組織変更データ登録】: registers a reorganisation. Dated today it applies at once; later, the workflow
 * `reorganisation-<company>-<id>` applies it when the date begins in the company's time zone.
 */
export async function registerReorganisation(
  em: EntityManager,
  principal: Principal,
  input: ReorganisationRequest,
  services: DomainServices,
): Promise<ReorganisationView> {
  assertPermitted(principal, 'reference:write');
  const now = nowOf(services);
  const { reorganisation, effectiveAt, moved } = await em
    .fork()
    .transactional((tx) => recordReorganisation(tx, principal, input, now));
  try {
    for (const move of moved) {
      await scheduleTransfer(services, principal.companyCode, move.accountCode, move.transfer, move.effectiveAt);
    }
  } catch (error) {
    services.logger.error({ err: error }, 'could not schedule the account moves of a reorganisation');
    await withdrawUnscheduled(em, principal, reorganisation.id, services);
  }
  if (reorganisation.status === 'pending') {
    const workflowId = reorganisationWorkflowId(principal.companyCode, reorganisation.id);
    const workflowInput: ReorganisationInput = {
      reorganisationId: reorganisation.id,
      effectiveDate: reorganisation.effectiveDate,
      effectiveAt: effectiveAt.getTime(),
    };
    try {
      await services.temporal.workflow.start(workflowTypes.reorganisation, {
        workflowId,
        taskQueue: TaskQueues.main,
        args: [workflowInput],
        typedSearchAttributes: [{ key: SearchAttributes.companyCode, value: principal.companyCode }],
        memo: { purpose: 'effective-dated reorganisation' },
      });
    } catch (error) {
      services.logger.error({ err: error, workflowId }, 'could not schedule the reorganisation');
      await withdrawUnscheduled(em, principal, reorganisation.id, services);
    }
  }
  return viewOf(em, principal.companyId, reorganisation.id);
}

/** Takes back a reorganisation whose workflows could not start, and says so. */
async function withdrawUnscheduled(
  em: EntityManager,
  principal: Principal,
  id: string,
  services: DomainServices,
): Promise<never> {
  const moved = await em.fork().transactional(async (tx) => {
    await lockChart(tx, departmentChart, principal.companyId);
    const row = await tx.findOneOrFail(Reorganisation, id);
    return withdrawReorganisation(tx, row, new Date());
  });
  await withdrawPlans(services, principal.companyCode, moved).catch(() => undefined);
  throw new UnavailableError('The workflow service is not reachable; the reorganisation was not registered.');
}

/** The transfer workflows of the accounts whose moves were cancelled learn that nothing is pending. */
async function withdrawPlans(services: DomainServices, companyCode: string, accountCodes: string[]): Promise<void> {
  for (const accountCode of accountCodes) await withdrawTransferPlan(services, companyCode, accountCode);
}

/** With the chart locked, the company's reorganisation that is still pending (only such a one changes). */
async function lockPending(
  tx: EntityManager,
  principal: Principal,
  id: string,
  action: 'cancelled' | 'changed',
): Promise<Reorganisation> {
  if (!uuidPattern.test(id)) throw new NotFoundError(`No reorganisation "${id}".`, 'REORGANISATION_NOT_FOUND');
  await lockChart(tx, departmentChart, principal.companyId);
  const reorganisation = await tx.findOne(Reorganisation, { id, company: principal.companyId });
  if (!reorganisation) throw new NotFoundError(`No reorganisation "${id}".`, 'REORGANISATION_NOT_FOUND');
  if (reorganisation.status !== 'pending') {
    throw new ConflictError(
      'REORGANISATION_NOT_PENDING',
      `The reorganisation is ${reorganisation.status}; only a pending one can be ${action}.`,
    );
  }
  return reorganisation;
}

/** Cancels a reorganisation before its date; one already applied stays (register another to change back). */
export async function cancelReorganisation(
  em: EntityManager,
  principal: Principal,
  id: string,
  services: DomainServices,
): Promise<ReorganisationView> {
  assertPermitted(principal, 'reference:write');
  const moved = await em.fork().transactional(async (tx) => {
    const reorganisation = await lockPending(tx, principal, id, 'cancelled');
    return withdrawReorganisation(tx, reorganisation, nowOf(services));
  });
  await cancelWorkflows(services, [reorganisationWorkflowId(principal.companyCode, id)]);
  await withdrawPlans(services, principal.companyCode, moved);
  return viewOf(em, principal.companyId, id);
}

export const reorganisationMovesInput = z.object({ moves: z.array(accountMove).max(500) }).strict();

/**
 * Changes the account moves of a pending reorganisation: its transfers are replaced by the new list (an
 * account left out keeps its assignment), each asked of the policy again; the departments it closes must still
 * be left by everyone on the date.
 */
export async function changeReorganisationMoves(
  em: EntityManager,
  principal: Principal,
  id: string,
  input: z.infer<typeof reorganisationMovesInput>,
  services: DomainServices,
): Promise<ReorganisationView> {
  assertPermitted(principal, 'reference:write');
  const now = nowOf(services);
  const { moved, withdrawn } = await em.fork().transactional(async (tx) => {
    const reorganisation = await lockPending(tx, principal, id, 'changed');
    const previous = await tx.find(Transfer, { reorganisation, status: 'pending' }, { populate: ['account'] });
    for (const transfer of previous) {
      transfer.status = 'cancelled';
      transfer.cancelledAt = now;
    }
    await tx.flush();
    const entered = await recordMoves(tx, principal, reorganisation, input.moves, now);
    const closes = await tx.find(ReorganisationChange, { reorganisation, kind: 'close' }, { populate: ['department'] });
    for (const change of closes) {
      if (await inUseOn(tx, change.department.id, reorganisation.effectiveDate)) {
        throw new ConflictError(
          'DEPARTMENT_IN_USE',
          `Accounts still use "${change.department.getEntity().code}", which the reorganisation closes; move them too.`,
          'moves',
        );
      }
    }
    const kept = new Set(entered.map((move) => move.accountCode));
    const left = previous.map((transfer) => transfer.account.getEntity().code).filter((code) => !kept.has(code));
    return { moved: entered, withdrawn: left };
  });
  try {
    for (const move of moved) {
      await scheduleTransfer(services, principal.companyCode, move.accountCode, move.transfer, move.effectiveAt);
    }
    await withdrawPlans(services, principal.companyCode, withdrawn);
  } catch (error) {
    services.logger.error({ err: error }, 'could not schedule the changed account moves of a reorganisation');
    await cancelWorkflows(services, [reorganisationWorkflowId(principal.companyCode, id)]).catch(() => undefined);
    await withdrawUnscheduled(em, principal, id, services);
  }
  return viewOf(em, principal.companyId, id);
}
