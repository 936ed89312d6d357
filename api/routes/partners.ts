import { z } from 'zod';
import {
  createPartner,
  createPartnerInput,
  deletePartner,
  getPartner,
  listPartners,
  partnerCode,
  partnerKind,
  renamePartner,
  updatePartnerInput,
} from '../../domain/organisation/partners';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const partnerSchema = z.object({ kind: partnerKind, code: z.string(), name: z.string() }).meta({ id: 'Partner' });
const createPartnerBody = createPartnerInput.meta({ id: 'CreatePartnerRequest' });
const updatePartnerBody = updatePartnerInput.meta({ id: 'UpdatePartnerRequest' });
const partnerParams = z.object({ kind: partnerKind, code: partnerCode });

/** 委託先 and 顧客: the companies contractor and customer accounts belong to. */
export function registerPartnerRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/partners',
    summary: 'Contractors and customers',
    tag: 'Partners',
    access: { permission: 'reference:read' },
    query: z.object({ kind: partnerKind.optional() }),
    responses: { 200: { description: 'By kind, then code', schema: z.object({ items: z.array(partnerSchema) }) } },
    handler: async ({ em, auth, query }) => ({ status: 200, body: { items: await listPartners(em, auth, query) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/partners/:kind/:code',
    summary: 'One contractor or customer',
    tag: 'Partners',
    access: { permission: 'reference:read' },
    params: partnerParams,
    responses: { 200: { description: 'The partner', schema: partnerSchema }, 404: { description: 'No such partner' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await getPartner(em, auth, params) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/partners',
    summary: 'Add a contractor or customer',
    tag: 'Partners',
    access: { permission: 'reference:write' },
    body: createPartnerBody,
    responses: {
      201: { description: 'Created', schema: partnerSchema },
      409: { description: 'The code is used for this kind' },
    },
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createPartner(em, auth, body) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/partners/:kind/:code',
    summary: 'Rename a contractor or customer',
    tag: 'Partners',
    access: { permission: 'reference:write' },
    params: partnerParams,
    body: updatePartnerBody,
    responses: { 200: { description: 'Changed', schema: partnerSchema }, 404: { description: 'No such partner' } },
    handler: async ({ em, auth, params, body }) => ({ status: 200, body: await renamePartner(em, auth, params, body) }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/partners/:kind/:code',
    summary: 'Delete a contractor or customer no account belongs to',
    tag: 'Partners',
    access: { permission: 'reference:write' },
    params: partnerParams,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such partner' },
      409: { description: 'PARTNER_IN_USE: accounts belong to it' },
    },
    handler: async ({ em, auth, params }) => {
      await deletePartner(em, auth, params);
      return { status: 204 };
    },
  });
}
