import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Partner, partnerKinds, type PartnerKind } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { plainText } from '../input-schemas';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

/** 委託先/顧客コード: code and branch joined by a hyphen (コードと枝番の間はハイフン), 半角 11. */
export const partnerCode = z
  .string()
  .max(11)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH: half-width letters and digits joined by one hyphen')
  .meta({ example: 'C001-01' });
const partnerName = plainText(30);
export const partnerKind = z.enum(partnerKinds).meta({ description: '委託先 (contractor) or 顧客 (customer)' });

export const createPartnerInput = z.object({ kind: partnerKind, code: partnerCode, name: partnerName }).strict();
export type CreatePartnerInput = z.infer<typeof createPartnerInput>;

export const updatePartnerInput = z.object({ name: partnerName }).strict();
export type UpdatePartnerInput = z.infer<typeof updatePartnerInput>;

/** A partner is named by its kind and code together: a contractor and a customer may share a code. */
export interface PartnerKey {
  kind: PartnerKind;
  code: string;
}

export interface PartnerView {
  kind: PartnerKind;
  code: string;
  name: string;
}

function partnerView(partner: Partner): PartnerView {
  return { kind: partner.kind, code: partner.code, name: partner.name };
}

async function findPartner(em: EntityManager, companyId: string, key: PartnerKey): Promise<Partner> {
  const partner = await em.findOne(Partner, { company: companyId, kind: key.kind, code: key.code });
  if (!partner) throw new NotFoundError(`No ${key.kind} "${key.code}".`, 'PARTNER_NOT_FOUND');
  return partner;
}

/** 委託先 and 顧客 by kind, then code; `kind` narrows to one of them. */
export async function listPartners(
  em: EntityManager,
  principal: Principal,
  filter: { kind?: PartnerKind },
): Promise<PartnerView[]> {
  assertPermitted(principal, 'reference:read');
  const partners = await em.find(
    Partner,
    { company: principal.companyId, ...(filter.kind ? { kind: filter.kind } : {}) },
    { orderBy: { kind: 'asc', code: 'asc' } },
  );
  return partners.map(partnerView);
}

export async function getPartner(em: EntityManager, principal: Principal, key: PartnerKey): Promise<PartnerView> {
  assertPermitted(principal, 'reference:read');
  return partnerView(await findPartner(em, principal.companyId, key));
}

export async function createPartner(
  em: EntityManager,
  principal: Principal,
  input: CreatePartnerInput,
): Promise<PartnerView> {
  assertPermitted(principal, 'reference:write');
  const taken = () => new ConflictError('PARTNER_CODE_TAKEN', `The ${input.kind} "${input.code}" exists.`, 'code');
  if (await em.findOne(Partner, { company: principal.companyId, kind: input.kind, code: input.code })) throw taken();
  const partner = new Partner(
    em.getReference(Company, principal.companyId, { wrapped: true }),
    input.kind,
    input.code,
    input.name,
  );
  recordEntityChange(em, principal, principal.companyId, { type: 'partner', kind: 'create' }, partner, {});
  await refusingConflicts(() => em.persist(partner).flush(), { unique: taken });
  return partnerView(partner);
}

export async function renamePartner(
  em: EntityManager,
  principal: Principal,
  key: PartnerKey,
  input: UpdatePartnerInput,
): Promise<PartnerView> {
  assertPermitted(principal, 'reference:write');
  const partner = await findPartner(em, principal.companyId, key);
  const before = snapshotOf(partner);
  partner.name = input.name;
  recordEntityChange(em, principal, principal.companyId, { type: 'partner', kind: 'update' }, partner, before);
  await em.flush();
  return partnerView(partner);
}

/** Only a partner no account belongs to: an account's partner is part of its identity. */
export async function deletePartner(em: EntityManager, principal: Principal, key: PartnerKey): Promise<void> {
  assertPermitted(principal, 'reference:write');
  const partner = await findPartner(em, principal.companyId, key);
  const inUse = () => new ConflictError('PARTNER_IN_USE', `Accounts belong to the ${partner.kind} "${partner.code}".`);
  if (await em.count(Account, { partner })) throw inUse();
  const before = snapshotOf(partner);
  recordEntityChange(em, principal, principal.companyId, { type: 'partner', kind: 'delete' }, partner, before);
  await refusingConflicts(() => em.remove(partner).flush(), { foreignKey: inUse });
}
