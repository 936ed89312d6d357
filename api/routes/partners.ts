import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Partner, partnerKinds, type PartnerKind } from '../../entities';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

/** 委託先/顧客コード: code and branch joined by a hyphen (コードと枝番の間はハイフン), 半角 11. */
const partnerCode = z
  .string()
  .max(11)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH: half-width letters and digits joined by one hyphen')
  .meta({ example: 'C001-01' });
const partnerName = z.string().trim().min(1).max(30);
const kind = z.enum(partnerKinds).meta({ description: '委託先 (contractor) or 顧客 (customer)' });

const partnerSchema = z.object({ kind, code: z.string(), name: z.string() }).meta({ id: 'Partner' });
const createPartnerBody = z
  .object({ kind, code: partnerCode, name: partnerName })
  .strict()
  .meta({ id: 'CreatePartnerRequest' });
const updatePartnerBody = z.object({ name: partnerName }).strict().meta({ id: 'UpdatePartnerRequest' });
const partnerParams = z.object({ kind, code: partnerCode });

function partnerView(partner: Partner): z.infer<typeof partnerSchema> {
  return { kind: partner.kind, code: partner.code, name: partner.name };
}

async function findPartner(em: EntityManager, companyId: string, partnerKind: PartnerKind, code: string) {
  const partner = await em.findOne(Partner, { company: companyId, kind: partnerKind, code });
  if (!partner) throw new NotFoundError(`No ${partnerKind} "${code}".`, 'PARTNER_NOT_FOUND');
  return partner;
}

/** 委託先 and 顧客: the companies contractor and customer accounts belong to. */
export function registerPartnerRoutes(target: RouteTarget): void {
  const codeTaken = (partnerKind: PartnerKind, code: string) =>
    new ConflictError('PARTNER_CODE_TAKEN', `The ${partnerKind} "${code}" exists.`, 'code');

  defineRoute(target, {
    method: 'get',
    path: '/api/partners',
    summary: 'Contractors and customers',
    tag: 'Partners',
    access: { permission: 'reference:read' },
    query: z.object({ kind: kind.optional() }),
    responses: { 200: { description: 'By kind, then code', schema: z.object({ items: z.array(partnerSchema) }) } },
    handler: async ({ em, auth, query }) => {
      const partners = await em.find(
        Partner,
        { company: auth.companyId, ...(query.kind ? { kind: query.kind } : {}) },
        { orderBy: { kind: 'asc', code: 'asc' } },
      );
      return { status: 200, body: { items: partners.map(partnerView) } };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/partners/:kind/:code',
    summary: 'One contractor or customer',
    tag: 'Partners',
    access: { permission: 'reference:read' },
    params: partnerParams,
    responses: { 200: { description: 'The partner', schema: partnerSchema }, 404: { description: 'No such partner' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: partnerView(await findPartner(em, auth.companyId, params.kind, params.code)),
    }),
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
    handler: async ({ em, auth, body }) => {
      const taken = () => codeTaken(body.kind, body.code);
      if (await em.findOne(Partner, { company: auth.companyId, kind: body.kind, code: body.code })) throw taken();
      const partner = new Partner(
        em.getReference(Company, auth.companyId, { wrapped: true }),
        body.kind,
        body.code,
        body.name,
      );
      await refusingConflicts(() => em.persist(partner).flush(), { unique: taken });
      return { status: 201, body: partnerView(partner) };
    },
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
    handler: async ({ em, auth, params, body }) => {
      const partner = await findPartner(em, auth.companyId, params.kind, params.code);
      partner.name = body.name;
      await em.flush();
      return { status: 200, body: partnerView(partner) };
    },
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
      const partner = await findPartner(em, auth.companyId, params.kind, params.code);
      const inUse = () =>
        new ConflictError('PARTNER_IN_USE', `Accounts belong to the ${partner.kind} "${partner.code}".`);
      if (await em.count(Account, { partner })) throw inUse();
      await refusingConflicts(() => em.remove(partner).flush(), { foreignKey: inUse });
      return { status: 204 };
    },
  });
}
