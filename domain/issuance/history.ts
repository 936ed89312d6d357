import type { EntityManager } from '@mikro-orm/postgresql';
import { Issuance } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { findAccount } from '../accounts/target';

/** Every issuance of one account, newest first, with who started it. */
export async function issuanceHistory(em: EntityManager, principal: Principal, code: string): Promise<Issuance[]> {
  assertPermitted(principal, 'accounts:read');
  const account = await findAccount(em, principal, code);
  return em.find(Issuance, { account }, { orderBy: { sequence: 'desc' }, populate: ['requestedBy'] });
}
