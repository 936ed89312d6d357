import { z } from 'zod';
import { wholeCompanyCode } from '../../entities';
import {
  createOrgUnit,
  deleteOrgUnit,
  getOrgUnit,
  listOrgUnits,
  orgChartInputs,
  updateOrgUnit,
  type OrgChart,
  type OrgUnit,
  type OrgUnitView,
} from '../../domain/organisation/org-chart';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/principal';
import { calendarDate } from '../../domain/accounts/account-input';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

/** How one organisation chart appears in the API. */
export interface OrgChartRoutes {
  basePath: string;
  tag: string;
  schemaName: string;
  /** The response fields of the chart's `extraView`. */
  extraViewSchema: z.ZodRawShape;
  /** A dated chart lists the units valid on a day (`asOf`, default today) instead of every unit. */
  datedList?: (em: EntityManager, auth: Principal, asOf: string | undefined) => Promise<OrgUnitView[]>;
}

export function registerOrgChartRoutes<E extends OrgUnit>(
  target: RouteTarget,
  chart: OrgChart<E>,
  routes: OrgChartRoutes,
): void {
  const { noun, errorPrefix: prefix } = chart;
  const { code, createInput, updateInput } = orgChartInputs(chart);
  const codeParam = z.object({ code });

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
      ...routes.extraViewSchema,
    })
    .meta({ id: routes.schemaName });
  const createBody = createInput.meta({ id: `Create${routes.schemaName}Request` });
  const updateBody = updateInput.meta({ id: `Update${routes.schemaName}Request` });

  const { datedList } = routes;
  const listResponses = {
    200: { description: 'Ordered as the tree is drawn', schema: z.object({ items: z.array(unitSchema) }) },
  };
  if (datedList) {
    defineRoute(target, {
      method: 'get',
      path: routes.basePath,
      summary: `The ${noun}s valid on a day (default today in the company's time zone), parents before children`,
      tag: routes.tag,
      access: { permission: 'reference:read' },
      query: z
        .object({ asOf: calendarDate.optional().meta({ description: 'YYYY-MM-DD: the chart as of that day' }) })
        .strict(),
      responses: listResponses,
      handler: async ({ em, auth, query }) => ({ status: 200, body: { items: await datedList(em, auth, query.asOf) } }),
    });
  } else {
    defineRoute(target, {
      method: 'get',
      path: routes.basePath,
      summary: `Every ${noun} of the chart, parents before children`,
      tag: routes.tag,
      access: { permission: 'reference:read' },
      responses: listResponses,
      handler: async ({ em, auth }) => ({ status: 200, body: { items: await listOrgUnits(em, auth, chart) } }),
    });
  }

  defineRoute(target, {
    method: 'get',
    path: `${routes.basePath}/:code`,
    summary: `One ${noun}`,
    tag: routes.tag,
    access: { permission: 'reference:read' },
    params: codeParam,
    responses: { 200: { description: `The ${noun}`, schema: unitSchema }, 404: { description: `No such ${noun}` } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await getOrgUnit(em, auth, chart, params.code) }),
  });

  defineRoute(target, {
    method: 'post',
    path: routes.basePath,
    summary: `Add a ${noun} under an existing one`,
    tag: routes.tag,
    access: { permission: 'reference:write' },
    body: createBody,
    responses: {
      201: { description: 'Created', schema: unitSchema },
      409: { description: 'The code is already used' },
    },
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createOrgUnit(em, auth, chart, body) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: `${routes.basePath}/:code`,
    summary: `Rename, reorder or move a ${noun}`,
    tag: routes.tag,
    access: { permission: 'reference:write' },
    params: codeParam,
    body: updateBody,
    responses: {
      200: { description: 'Changed', schema: unitSchema },
      404: { description: `No such ${noun}` },
      409: { description: 'The move would put the unit under itself (CYCLE), or the root would move' },
    },
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await updateOrgUnit(em, auth, chart, params.code, body),
    }),
  });

  defineRoute(target, {
    method: 'delete',
    path: `${routes.basePath}/:code`,
    summary: `Delete a ${noun} that has no children and that nothing refers to`,
    tag: routes.tag,
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
      await deleteOrgUnit(em, auth, chart, params.code);
      return { status: 204 };
    },
  });
}
