import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { AccountRank, Company, Rank } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { plainText } from '../input-schemas';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

export const rankCode = z
  .string()
  .min(1)
  .max(10)
  .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
  .meta({ example: 'S1' });
const rankName = plainText(30);
const sortOrder = z.number().int().min(0).max(999_999);

export const createRankInput = z
  .object({ code: rankCode, name: rankName, active: z.boolean().optional(), sortOrder: sortOrder.optional() })
  .strict();
export type CreateRankInput = z.infer<typeof createRankInput>;

export const updateRankInput = z.object({ name: rankName, active: z.boolean(), sortOrder }).partial().strict();
export type UpdateRankInput = z.infer<typeof updateRankInput>;

export interface RankView {
  code: string;
  name: string;
  active: boolean;
  sortOrder: number;
}

function rankView(rank: Rank): RankView {
  return { code: rank.code, name: rank.name, active: rank.active, sortOrder: rank.sortOrder };
}

async function findRank(em: EntityManager, companyId: string, code: string): Promise<Rank> {
  const rank = await em.findOne(Rank, { company: companyId, code });
  if (!rank) throw new NotFoundError(`No rank "${code}".`, 'RANK_NOT_FOUND');
  return rank;
}

const codeTaken = (code: string) => new ConflictError('RANK_CODE_TAKEN', `The rank "${code}" exists.`, 'code');

/** 社員ランク by sort order, then code; `active` narrows to active or inactive ranks. */
export async function listRanks(
  em: EntityManager,
  principal: Principal,
  filter: { active?: boolean },
): Promise<RankView[]> {
  assertPermitted(principal, 'reference:read');
  const ranks = await em.find(
    Rank,
    { company: principal.companyId, ...(filter.active === undefined ? {} : { active: filter.active }) },
    { orderBy: { sortOrder: 'asc', code: 'asc' } },
  );
  return ranks.map(rankView);
}

export async function getRank(em: EntityManager, principal: Principal, code: string): Promise<RankView> {
  assertPermitted(principal, 'reference:read');
  return rankView(await findRank(em, principal.companyId, code));
}

export async function createRank(em: EntityManager, principal: Principal, input: CreateRankInput): Promise<RankView> {
  assertPermitted(principal, 'reference:write');
  if (await em.findOne(Rank, { company: principal.companyId, code: input.code })) throw codeTaken(input.code);
  const rank = new Rank(em.getReference(Company, principal.companyId, { wrapped: true }), input.code, input.name);
  if (input.active !== undefined) rank.active = input.active;
  if (input.sortOrder !== undefined) rank.sortOrder = input.sortOrder;
  recordEntityChange(em, principal, principal.companyId, { type: 'rank', kind: 'create' }, rank, {});
  await refusingConflicts(() => em.persist(rank).flush(), { unique: () => codeTaken(input.code) });
  return rankView(rank);
}

export async function updateRank(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: UpdateRankInput,
): Promise<RankView> {
  assertPermitted(principal, 'reference:write');
  const rank = await findRank(em, principal.companyId, code);
  const before = snapshotOf(rank);
  if (input.name !== undefined) rank.name = input.name;
  if (input.active !== undefined) rank.active = input.active;
  if (input.sortOrder !== undefined) rank.sortOrder = input.sortOrder;
  recordEntityChange(em, principal, principal.companyId, { type: 'rank', kind: 'update' }, rank, before);
  await em.flush();
  return rankView(rank);
}

/** A rank some account has held stays, so that rank histories keep their meaning; deactivating it is the way out. */
export async function deleteRank(em: EntityManager, principal: Principal, code: string): Promise<void> {
  assertPermitted(principal, 'reference:write');
  const rank = await findRank(em, principal.companyId, code);
  const inUse = () =>
    new ConflictError('RANK_IN_USE', `The rank "${rank.code}" is in accounts' rank history; deactivate it instead.`);
  if (await em.count(AccountRank, { rank })) throw inUse();
  recordEntityChange(em, principal, principal.companyId, { type: 'rank', kind: 'delete' }, rank, snapshotOf(rank));
  await refusingConflicts(() => em.remove(rank).flush(), { foreignKey: inUse });
}
