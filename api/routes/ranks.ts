import { z } from 'zod';
import {
  createRank,
  createRankInput,
  deleteRank,
  getRank,
  listRanks,
  rankCode,
  updateRank,
  updateRankInput,
} from '../../domain/organisation/ranks';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const rankSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    active: z.boolean().meta({ description: 'An inactive rank cannot be chosen for a new account (shown with *)' }),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'Rank' });

const createRankBody = createRankInput.meta({ id: 'CreateRankRequest' });
const updateRankBody = updateRankInput.meta({ id: 'UpdateRankRequest' });
const listQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'Only active (true) or only inactive (false) ranks' }),
});
const rankCodeParam = z.object({ code: rankCode });

/** 社員ランク: the ranks an own account's rank history may name. */
export function registerRankRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/ranks',
    summary: 'Every employee rank, by sort order',
    tag: 'Ranks',
    access: { permission: 'reference:read' },
    query: listQuery,
    responses: { 200: { description: 'By sort order, then code', schema: z.object({ items: z.array(rankSchema) }) } },
    handler: async ({ em, auth, query }) => ({ status: 200, body: { items: await listRanks(em, auth, query) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/ranks/:code',
    summary: 'One employee rank',
    tag: 'Ranks',
    access: { permission: 'reference:read' },
    params: rankCodeParam,
    responses: { 200: { description: 'The rank', schema: rankSchema }, 404: { description: 'No such rank' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await getRank(em, auth, params.code) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/ranks',
    summary: 'Add an employee rank',
    tag: 'Ranks',
    access: { permission: 'reference:write' },
    body: createRankBody,
    responses: { 201: { description: 'Created', schema: rankSchema }, 409: { description: 'The code is used' } },
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createRank(em, auth, body) }),
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
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await updateRank(em, auth, params.code, body),
    }),
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
      await deleteRank(em, auth, params.code);
      return { status: 204 };
    },
  });
}
