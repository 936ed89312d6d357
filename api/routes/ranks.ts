import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { AccountRank, Company, Rank } from '../../entities';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const rankCode = z
  .string()
  .min(1)
  .max(10)
  .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
  .meta({ example: 'S1' });
const rankName = z.string().trim().min(1).max(30);
const sortOrder = z.number().int().min(0).max(999_999);

const rankSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    active: z.boolean().meta({ description: 'An inactive rank cannot be chosen for a new account (shown with *)' }),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'Rank' });

const createRankBody = z
  .object({ code: rankCode, name: rankName, active: z.boolean().optional(), sortOrder: sortOrder.optional() })
  .strict()
  .meta({ id: 'CreateRankRequest' });
const updateRankBody = z
  .object({ name: rankName, active: z.boolean(), sortOrder })
  .partial()
  .strict()
  .meta({ id: 'UpdateRankRequest' });
const listQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'Only active (true) or only inactive (false) ranks' }),
});

function rankView(rank: Rank): z.infer<typeof rankSchema> {
  return { code: rank.code, name: rank.name, active: rank.active, sortOrder: rank.sortOrder };
}

async function findRank(em: EntityManager, companyId: string, code: string): Promise<Rank> {
  const rank = await em.findOne(Rank, { company: companyId, code });
  if (!rank) throw new NotFoundError(`No rank "${code}".`, 'RANK_NOT_FOUND');
  return rank;
}

/** 社員ランク: the ranks an own account's rank history may name. */
export function registerRankRoutes(target: RouteTarget): void {
  const rankCodeParam = z.object({ code: rankCode });
  const codeTaken = (code: string) => new ConflictError('RANK_CODE_TAKEN', `The rank "${code}" exists.`, 'code');

  defineRoute(target, {
    method: 'get',
    path: '/api/ranks',
    summary: 'Every employee rank, by sort order',
    tag: 'Ranks',
    access: { permission: 'reference:read' },
    query: listQuery,
    responses: { 200: { description: 'By sort order, then code', schema: z.object({ items: z.array(rankSchema) }) } },
    handler: async ({ em, auth, query }) => {
      const ranks = await em.find(
        Rank,
        { company: auth.companyId, ...(query.active === undefined ? {} : { active: query.active }) },
        { orderBy: { sortOrder: 'asc', code: 'asc' } },
      );
      return { status: 200, body: { items: ranks.map(rankView) } };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/ranks/:code',
    summary: 'One employee rank',
    tag: 'Ranks',
    access: { permission: 'reference:read' },
    params: rankCodeParam,
    responses: { 200: { description: 'The rank', schema: rankSchema }, 404: { description: 'No such rank' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: rankView(await findRank(em, auth.companyId, params.code)),
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/ranks',
    summary: 'Add an employee rank',
    tag: 'Ranks',
    access: { permission: 'reference:write' },
    body: createRankBody,
    responses: { 201: { description: 'Created', schema: rankSchema }, 409: { description: 'The code is used' } },
    handler: async ({ em, auth, body }) => {
      if (await em.findOne(Rank, { company: auth.companyId, code: body.code })) throw codeTaken(body.code);
      const rank = new Rank(em.getReference(Company, auth.companyId, { wrapped: true }), body.code, body.name);
      if (body.active !== undefined) rank.active = body.active;
      if (body.sortOrder !== undefined) rank.sortOrder = body.sortOrder;
      await refusingConflicts(() => em.persist(rank).flush(), { unique: () => codeTaken(body.code) });
      return { status: 201, body: rankView(rank) };
    },
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/ranks/:code',
    summary: 'Rename, reorder, activate or deactivate an employee rank',
    tag: 'Ranks',
    access: { permission: 'reference:write' },
    params: rankCodeParam,
    body: updateRankBody,
    responses: { 200: { description: 'Changed', schema: rankSchema }, 404: { description: 'No such rank' } },
    handler: async ({ em, auth, params, body }) => {
      const rank = await findRank(em, auth.companyId, params.code);
      if (body.name !== undefined) rank.name = body.name;
      if (body.active !== undefined) rank.active = body.active;
      if (body.sortOrder !== undefined) rank.sortOrder = body.sortOrder;
      await em.flush();
      return { status: 200, body: rankView(rank) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/ranks/:code',
    summary: 'Delete an employee rank that no rank history row names',
    tag: 'Ranks',
    access: { permission: 'reference:write' },
    params: rankCodeParam,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such rank' },
      409: { description: 'RANK_IN_USE: an account has had this rank; deactivate it instead' },
    },
    handler: async ({ em, auth, params }) => {
      const rank = await findRank(em, auth.companyId, params.code);
      const inUse = () =>
        new ConflictError(
          'RANK_IN_USE',
          `The rank "${rank.code}" is in accounts' rank history; deactivate it instead.`,
        );
      if (await em.count(AccountRank, { rank })) throw inUse();
      await refusingConflicts(() => em.remove(rank).flush(), { foreignKey: inUse });
      return { status: 204 };
    },
  });
}
