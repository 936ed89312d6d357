import type { EntityClass, FilterQuery, Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Company, wholeCompanyCode, type Department, type ReportingDepartment } from '../../entities';
import { isSelfOrDescendant, orderAsTree, type Placed, type TreeNode } from '../../lib/org-tree';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

type OrgUnit = Department | ReportingDepartment;

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
  basePath: string;
  tag: string;
  /** "department" or "reporting department", for messages. */
  noun: string;
  /** `DEPARTMENT` or `REPORTING_DEPARTMENT`: the prefix of every error code. */
  errorPrefix: string;
  schemaName: string;
  codeMaxLength: number;
  /** Fields only this chart has, writable on create and update and shown in the view. */
  extraFields: z.ZodRawShape;
  extraView(unit: E): Record<string, unknown>;
  extraViewSchema: z.ZodRawShape;
  /** Receives the extra fields of a create or update body, already validated by `extraFields`. */
  applyExtra(em: EntityManager, companyId: string, unit: E, input: Record<string, unknown>): Promise<void>;
  populate: readonly string[];
  create(company: Ref<Company>, code: string, name: string, parent: E): E;
  setParent(unit: E, parent: E): void;
  usedBy(em: EntityManager, unitId: string): Promise<UsageReason | undefined>;
}

function nodeOf(unit: OrgUnit): TreeNode {
  return { id: unit.id, code: unit.code, parentId: unit.parent?.id ?? null, sortOrder: unit.sortOrder };
}

interface CreateInput {
  code: string;
  name: string;
  parentCode: string;
  sortOrder?: number;
  [extra: string]: unknown;
}

interface UpdateInput {
  name?: string;
  parentCode?: string;
  sortOrder?: number;
  [extra: string]: unknown;
}

export function registerOrgChartRoutes<E extends OrgUnit>(target: RouteTarget, chart: OrgChart<E>): void {
  const { entity, noun, errorPrefix: prefix } = chart;
  const code = z
    .string()
    .min(1)
    .max(chart.codeMaxLength)
    .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
    .meta({ example: '100' });
  const codeParam = z.object({ code });
  const name = z.string().trim().min(1).max(30);
  const sortOrder = z.number().int().min(0).max(999_999).meta({ description: 'Order among siblings (then by code)' });

  const unitSchema = z
    .object({
      code: z.string(),
      name: z.string(),
      parentCode: z
        .string()
        .nullable()
        .meta({ description: `Empty only for the root ${wholeCompanyCode} (全社)` }),
      depth: z.number().int().meta({ description: 'The root is 0' }),
      path: z.array(z.string()).meta({ description: 'Codes from the root down to this unit' }),
      sortOrder: z.number().int(),
      ...chart.extraViewSchema,
    })
    .meta({ id: chart.schemaName });
  const createBody = z
    .object({
      code,
      name,
      parentCode: code.meta({ description: `Every unit but the root ${wholeCompanyCode} (全社) has a parent` }),
      sortOrder: sortOrder.optional(),
      ...chart.extraFields,
    })
    .strict()
    .meta({ id: `Create${chart.schemaName}Request` });
  const updateBody = z
    .object({ name, parentCode: code, sortOrder, ...chart.extraFields })
    .partial()
    .strict()
    .meta({ id: `Update${chart.schemaName}Request` });

  const byCompany = (companyId: string) => ({ company: companyId }) as FilterQuery<E>;
  const byCode = (companyId: string, unitCode: string) => ({ company: companyId, code: unitCode }) as FilterQuery<E>;

  async function loadChart(em: EntityManager, companyId: string): Promise<Placed<TreeNode & { unit: E }>[]> {
    const units = await em.find(entity, byCompany(companyId), { populate: chart.populate as never });
    return orderAsTree(units.map((unit) => ({ ...nodeOf(unit), unit })));
  }

  function view(placed: Placed<TreeNode & { unit: E }>, codeOf: Map<string, string>): z.infer<typeof unitSchema> {
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

  async function viewOne(em: EntityManager, companyId: string, unitCode: string): Promise<z.infer<typeof unitSchema>> {
    const placed = await loadChart(em, companyId);
    const codeOf = new Map(placed.map(({ node }) => [node.id, node.code]));
    const found = placed.find(({ node }) => node.code === unitCode);
    if (!found) throw new NotFoundError(`No ${noun} "${unitCode}".`, `${prefix}_NOT_FOUND`);
    return view(found, codeOf);
  }

  async function findUnit(em: EntityManager, companyId: string, unitCode: string): Promise<E> {
    const unit = await em.findOne(entity, byCode(companyId, unitCode));
    if (!unit) throw new NotFoundError(`No ${noun} "${unitCode}".`, `${prefix}_NOT_FOUND`);
    return unit;
  }

  async function findParent(em: EntityManager, companyId: string, parentCode: string): Promise<E> {
    const parent = await em.findOne(entity, byCode(companyId, parentCode));
    if (!parent) throw new InputError('UNKNOWN_PARENT', `No ${noun} "${parentCode}".`, 'parentCode');
    return parent;
  }

  /** Writes to one chart of one company run one at a time, so two moves cannot close a cycle together. */
  async function lockChart(em: EntityManager, companyId: string): Promise<void> {
    await em.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`${chart.table}:${companyId}`]);
  }

  const codeTaken = (unitCode: string) =>
    new ConflictError(`${prefix}_CODE_TAKEN`, `The ${noun} code "${unitCode}" is already used.`, 'code');

  defineRoute(target, {
    method: 'get',
    path: chart.basePath,
    summary: `Every ${noun} of the chart, parents before children`,
    tag: chart.tag,
    access: { permission: 'reference:read' },
    responses: {
      200: { description: 'Ordered as the tree is drawn', schema: z.object({ items: z.array(unitSchema) }) },
    },
    handler: async ({ em, auth }) => {
      const placed = await loadChart(em, auth.companyId);
      const codeOf = new Map(placed.map(({ node }) => [node.id, node.code]));
      return { status: 200, body: { items: placed.map((one) => view(one, codeOf)) } };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: `${chart.basePath}/:code`,
    summary: `One ${noun}`,
    tag: chart.tag,
    access: { permission: 'reference:read' },
    params: codeParam,
    responses: { 200: { description: `The ${noun}`, schema: unitSchema }, 404: { description: `No such ${noun}` } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await viewOne(em, auth.companyId, params.code) }),
  });

  defineRoute(target, {
    method: 'post',
    path: chart.basePath,
    summary: `Add a ${noun} under an existing one`,
    tag: chart.tag,
    access: { permission: 'reference:write' },
    body: createBody,
    responses: {
      201: { description: 'Created', schema: unitSchema },
      409: { description: 'The code is already used' },
    },
    handler: async ({ em, auth, body }) => {
      const { code: unitCode, name: unitName, parentCode, sortOrder: order, ...extra } = body as CreateInput;
      await refusingConflicts(
        () =>
          em.fork().transactional(async (tx) => {
            await lockChart(tx, auth.companyId);
            if (await tx.findOne(entity, byCode(auth.companyId, unitCode))) throw codeTaken(unitCode);
            const parent = await findParent(tx, auth.companyId, parentCode);
            const unit = chart.create(
              tx.getReference(Company, auth.companyId, { wrapped: true }),
              unitCode,
              unitName,
              parent,
            );
            if (order !== undefined) unit.sortOrder = order;
            await chart.applyExtra(tx, auth.companyId, unit, extra);
            tx.persist(unit);
          }),
        { unique: () => codeTaken(unitCode) },
      );
      return { status: 201, body: await viewOne(em, auth.companyId, unitCode) };
    },
  });

  defineRoute(target, {
    method: 'patch',
    path: `${chart.basePath}/:code`,
    summary: `Rename, reorder or move a ${noun}`,
    tag: chart.tag,
    access: { permission: 'reference:write' },
    params: codeParam,
    body: updateBody,
    responses: {
      200: { description: 'Changed', schema: unitSchema },
      404: { description: `No such ${noun}` },
      409: { description: 'The move would put the unit under itself (CYCLE), or the root would move' },
    },
    handler: async ({ em, auth, params, body }) => {
      const { name: unitName, parentCode, sortOrder: order, ...extra } = body as UpdateInput;
      await em.fork().transactional(async (tx) => {
        await lockChart(tx, auth.companyId);
        const unit = await findUnit(tx, auth.companyId, params.code);
        if (parentCode !== undefined) {
          if (!unit.parent) {
            throw new ConflictError('ROOT_CANNOT_MOVE', `The root ${noun} has no parent.`, 'parentCode');
          }
          const parent = await findParent(tx, auth.companyId, parentCode);
          const nodes = (await tx.find(entity, byCompany(auth.companyId))).map(nodeOf);
          if (isSelfOrDescendant(nodes, unit.id, parent.id)) {
            throw new ConflictError(
              'CYCLE',
              `"${parentCode}" is "${unit.code}" itself or lies below it; a ${noun} cannot move under itself.`,
              'parentCode',
            );
          }
          chart.setParent(unit, parent);
        }
        if (unitName !== undefined) unit.name = unitName;
        if (order !== undefined) unit.sortOrder = order;
        await chart.applyExtra(tx, auth.companyId, unit, extra);
      });
      return { status: 200, body: await viewOne(em, auth.companyId, params.code) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: `${chart.basePath}/:code`,
    summary: `Delete a ${noun} that has no children and that nothing refers to`,
    tag: chart.tag,
    access: { permission: 'reference:write' },
    params: codeParam,
    responses: {
      204: { description: 'Deleted' },
      404: { description: `No such ${noun}` },
      409: {
        description:
          `Refused; the code says why: ${prefix}_IS_ROOT, ${prefix}_HAS_CHILDREN, ` +
          `${prefix}_USED_BY_ACCOUNTS, ${prefix}_USED_BY_TRANSFERS, ${prefix}_USED_BY_HISTORY`,
      },
    },
    handler: async ({ em, auth, params }) => {
      const inUse = () => new ConflictError(`${prefix}_IN_USE`, `The ${noun} "${params.code}" is in use.`);
      await refusingConflicts(
        () =>
          em.fork().transactional(async (tx) => {
            await lockChart(tx, auth.companyId);
            const unit = await findUnit(tx, auth.companyId, params.code);
            if (!unit.parent || unit.code === wholeCompanyCode) {
              throw new ConflictError(`${prefix}_IS_ROOT`, `The root ${noun} (全社) cannot be deleted.`);
            }
            if (await tx.count(entity, { parent: unit.id } as FilterQuery<E>)) {
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
            tx.remove(unit);
          }),
        { foreignKey: inUse },
      );
      return { status: 204 };
    },
  });
}
