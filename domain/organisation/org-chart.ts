import type { EntityClass, FilterQuery, Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Company, wholeCompanyCode, type Department, type ReportingDepartment } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { plainText } from '../input-schemas';
import { isSelfOrDescendant, orderAsTree, type Placed, type TreeNode } from './org-tree';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

export type OrgUnit = Department | ReportingDepartment;

/** What a delete checks besides children; each names the reason given in the 409. */
export type UsageReason = 'ACCOUNTS' | 'TRANSFERS' | 'HISTORY';

/**
 * One organisation chart: the HR chart (部門) and the reporting chart (集計用組織図) share every rule
 * (a tree under the root `0`, codes unique per company, no cycles, no delete while in use) and differ
 * only in the entity, the code length and what refers to their units.
 */
export interface OrgChart<E extends OrgUnit> {
  entity: EntityClass<E>;
  table: 'department' | 'reporting_department';
  /** "department" or "reporting department", for messages. */
  noun: string;
  /** `DEPARTMENT` or `REPORTING_DEPARTMENT`: the prefix of every error code. */
  errorPrefix: string;
  codeMaxLength: number;
  /** Fields only this chart has, writable on create and update and shown in the view. */
  extraFields: z.ZodRawShape;
  extraView(unit: E): Record<string, unknown>;
  /** Receives the extra fields of a create or update input, already validated by `extraFields`. */
  applyExtra(em: EntityManager, companyId: string, unit: E, input: Record<string, unknown>): Promise<void>;
  populate: readonly string[];
  create(company: Ref<Company>, code: string, name: string, parent: E): E;
  setParent(unit: E, parent: E): void;
  usedBy(em: EntityManager, unitId: string): Promise<UsageReason | undefined>;
}

export interface CreateOrgUnitInput {
  code: string;
  name: string;
  parentCode: string;
  sortOrder?: number;
  [extra: string]: unknown;
}

export interface UpdateOrgUnitInput {
  name?: string;
  parentCode?: string;
  sortOrder?: number;
  [extra: string]: unknown;
}

export interface OrgUnitView {
  code: string;
  name: string;
  /** Empty only for the root. */
  parentCode: string | null;
  depth: number;
  /** Codes from the root down to this unit. */
  path: string[];
  sortOrder: number;
  [extra: string]: unknown;
}

/** The input schemas of one chart: its code format and the fields a create or an update accepts. */
export function orgChartInputs(chart: Pick<OrgChart<OrgUnit>, 'codeMaxLength' | 'extraFields'>) {
  const code = z
    .string()
    .min(1)
    .max(chart.codeMaxLength)
    .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
    .meta({ example: '100' });
  const name = plainText(30);
  const sortOrder = z.number().int().min(0).max(999_999).meta({ description: 'Order among siblings (then by code)' });
  const createInput = z
    .object({
      code,
      name,
      parentCode: code.meta({ description: `Every unit but the root ${wholeCompanyCode} (全社) has a parent` }),
      sortOrder: sortOrder.optional(),
      ...chart.extraFields,
    })
    .strict();
  const updateInput = z
    .object({ name, parentCode: code, sortOrder, ...chart.extraFields })
    .partial()
    .strict();
  return { code, createInput, updateInput };
}

function nodeOf(unit: OrgUnit): TreeNode {
  return { id: unit.id, code: unit.code, parentId: unit.parent?.id ?? null, sortOrder: unit.sortOrder };
}

const byCompany = <E extends OrgUnit>(companyId: string) => ({ company: companyId }) as FilterQuery<E>;
const byCode = <E extends OrgUnit>(companyId: string, unitCode: string) =>
  ({ company: companyId, code: unitCode }) as FilterQuery<E>;

async function loadChart<E extends OrgUnit>(
  em: EntityManager,
  chart: OrgChart<E>,
  companyId: string,
): Promise<Placed<TreeNode & { unit: E }>[]> {
  const units = await em.find(chart.entity, byCompany<E>(companyId), { populate: chart.populate as never });
  return orderAsTree(units.map((unit) => ({ ...nodeOf(unit), unit })));
}

function view<E extends OrgUnit>(
  chart: OrgChart<E>,
  placed: Placed<TreeNode & { unit: E }>,
  codeOf: Map<string, string>,
): OrgUnitView {
  const { unit, parentId } = placed.node;
  return {
    code: unit.code,
    name: unit.name,
    parentCode: parentId ? (codeOf.get(parentId) ?? null) : null,
    depth: placed.depth,
    path: placed.path,
    sortOrder: unit.sortOrder,
    ...chart.extraView(unit),
  };
}

const notFound = (chart: Pick<OrgChart<OrgUnit>, 'noun' | 'errorPrefix'>, unitCode: string) =>
  new NotFoundError(`No ${chart.noun} "${unitCode}".`, `${chart.errorPrefix}_NOT_FOUND`);

async function viewOne<E extends OrgUnit>(
  em: EntityManager,
  chart: OrgChart<E>,
  companyId: string,
  unitCode: string,
): Promise<OrgUnitView> {
  const placed = await loadChart(em, chart, companyId);
  const codeOf = new Map(placed.map(({ node }) => [node.id, node.code]));
  const found = placed.find(({ node }) => node.code === unitCode);
  if (!found) throw notFound(chart, unitCode);
  return view(chart, found, codeOf);
}

async function findUnit<E extends OrgUnit>(
  em: EntityManager,
  chart: OrgChart<E>,
  companyId: string,
  unitCode: string,
): Promise<E> {
  const unit = await em.findOne(chart.entity, byCode<E>(companyId, unitCode));
  if (!unit) throw notFound(chart, unitCode);
  return unit;
}

async function findParent<E extends OrgUnit>(
  em: EntityManager,
  chart: OrgChart<E>,
  companyId: string,
  parentCode: string,
): Promise<E> {
  const parent = await em.findOne(chart.entity, byCode<E>(companyId, parentCode));
  if (!parent) throw new InputError('UNKNOWN_PARENT', `No ${chart.noun} "${parentCode}".`, 'parentCode');
  return parent;
}

/** The audit trail's target type of a chart's units: `department`, `reporting-department`. */
function auditTypeOf(chart: Pick<OrgChart<OrgUnit>, 'table'>): string {
  return chart.table.replace(/_/g, '-');
}

/** Writes to one chart of one company run one at a time, so two moves cannot close a cycle together. */
export async function lockChart(
  em: EntityManager,
  chart: Pick<OrgChart<OrgUnit>, 'table'>,
  companyId: string,
): Promise<void> {
  await em.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`${chart.table}:${companyId}`]);
}

/** Every unit of the chart, ordered as the tree is drawn: parents before children. */
export async function listOrgUnits<E extends OrgUnit>(
  em: EntityManager,
  principal: Principal,
  chart: OrgChart<E>,
): Promise<OrgUnitView[]> {
  assertPermitted(principal, 'reference:read');
  const placed = await loadChart(em, chart, principal.companyId);
  const codeOf = new Map(placed.map(({ node }) => [node.id, node.code]));
  return placed.map((one) => view(chart, one, codeOf));
}

export async function getOrgUnit<E extends OrgUnit>(
  em: EntityManager,
  principal: Principal,
  chart: OrgChart<E>,
  unitCode: string,
): Promise<OrgUnitView> {
  assertPermitted(principal, 'reference:read');
  return viewOne(em, chart, principal.companyId, unitCode);
}

/** Adds a unit under an existing one; only the root has no parent, so every new unit needs one. */
export async function createOrgUnit<E extends OrgUnit>(
  em: EntityManager,
  principal: Principal,
  chart: OrgChart<E>,
  input: CreateOrgUnitInput,
): Promise<OrgUnitView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  const { code: unitCode, name, parentCode, sortOrder, ...extra } = input;
  const codeTaken = () =>
    new ConflictError(
      `${chart.errorPrefix}_CODE_TAKEN`,
      `The ${chart.noun} code "${unitCode}" is already used.`,
      'code',
    );
  await refusingConflicts(
    () =>
      em.fork().transactional(async (tx) => {
        await lockChart(tx, chart, companyId);
        if (await tx.findOne(chart.entity, byCode<E>(companyId, unitCode))) throw codeTaken();
        const parent = await findParent(tx, chart, companyId, parentCode);
        const unit = chart.create(tx.getReference(Company, companyId, { wrapped: true }), unitCode, name, parent);
        if (sortOrder !== undefined) unit.sortOrder = sortOrder;
        await chart.applyExtra(tx, companyId, unit, extra);
        tx.persist(unit);
        recordEntityChange(tx, principal, companyId, { type: auditTypeOf(chart), kind: 'create' }, unit, {});
      }),
    { unique: codeTaken },
  );
  return viewOne(em, chart, companyId, unitCode);
}

/** Renames, reorders or moves a unit; a move never puts a unit under itself and never moves the root. */
export async function updateOrgUnit<E extends OrgUnit>(
  em: EntityManager,
  principal: Principal,
  chart: OrgChart<E>,
  unitCode: string,
  input: UpdateOrgUnitInput,
): Promise<OrgUnitView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  const { name, parentCode, sortOrder, ...extra } = input;
  await em.fork().transactional(async (tx) => {
    await lockChart(tx, chart, companyId);
    const unit = await findUnit(tx, chart, companyId, unitCode);
    const before = snapshotOf(unit);
    if (parentCode !== undefined) {
      if (!unit.parent) {
        throw new ConflictError('ROOT_CANNOT_MOVE', `The root ${chart.noun} has no parent.`, 'parentCode');
      }
      const parent = await findParent(tx, chart, companyId, parentCode);
      const nodes = (await tx.find(chart.entity, byCompany<E>(companyId))).map(nodeOf);
      if (isSelfOrDescendant(nodes, unit.id, parent.id)) {
        throw new ConflictError(
          'CYCLE',
          `"${parentCode}" is "${unit.code}" itself or lies below it; a ${chart.noun} cannot move under itself.`,
          'parentCode',
        );
      }
      chart.setParent(unit, parent);
    }
    if (name !== undefined) unit.name = name;
    if (sortOrder !== undefined) unit.sortOrder = sortOrder;
    await chart.applyExtra(tx, companyId, unit, extra);
    recordEntityChange(tx, principal, companyId, { type: auditTypeOf(chart), kind: 'update' }, unit, before);
  });
  return viewOne(em, chart, companyId, unitCode);
}

/** Deletes a unit that is not the root, has no children and that nothing refers to. */
export async function deleteOrgUnit<E extends OrgUnit>(
  em: EntityManager,
  principal: Principal,
  chart: OrgChart<E>,
  unitCode: string,
): Promise<void> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  const { noun, errorPrefix: prefix } = chart;
  const inUse = () => new ConflictError(`${prefix}_IN_USE`, `The ${noun} "${unitCode}" is in use.`);
  await refusingConflicts(
    () =>
      em.fork().transactional(async (tx) => {
        await lockChart(tx, chart, companyId);
        const unit = await findUnit(tx, chart, companyId, unitCode);
        if (!unit.parent || unit.code === wholeCompanyCode) {
          throw new ConflictError(`${prefix}_IS_ROOT`, `The root ${noun} (全社) cannot be deleted.`);
        }
        if (await tx.count(chart.entity, { parent: unit.id } as FilterQuery<E>)) {
          throw new ConflictError(
            `${prefix}_HAS_CHILDREN`,
            `The ${noun} "${unit.code}" has ${noun}s below it; move or delete them first.`,
          );
        }
        const reason = await chart.usedBy(tx, unit.id);
        if (reason) {
          throw new ConflictError(
            `${prefix}_USED_BY_${reason}`,
            `The ${noun} "${unit.code}" is still referred to by ${reason.toLowerCase()}.`,
          );
        }
        const before = snapshotOf(unit);
        recordEntityChange(tx, principal, companyId, { type: auditTypeOf(chart), kind: 'delete' }, unit, before);
        tx.remove(unit);
      }),
    { foreignKey: inUse },
  );
}
