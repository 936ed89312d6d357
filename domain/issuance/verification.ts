import type { EntityManager } from '@mikro-orm/postgresql';
import { Issuance } from '../../entities';
import { nowOf, type DomainServices } from '../services';
import { lockAccountThenIssuance } from './issuance-access';
import { endRoundAfterConfirmation } from './supersede';
import { withTransitions } from './issuance-events';
import { cancelWorkflows } from '../../lib/workflow-control';
import { bulkRunsOf, signalConfirmation } from './email-issuance';

/** What the employee's verification page shows for a link. */
export type VerificationPage = 'confirm' | 'confirmed' | 'expired' | 'used' | 'replaced' | 'unknown' | 'unavailable';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export interface Lookup {
  issuance: Issuance | null;
  page: VerificationPage;
}

function pageFor(issuance: Issuance | null, now: Date): VerificationPage {
  if (!issuance) return 'unknown';
  switch (issuance.status) {
    case 'sending':
    case 'pending':
      return issuance.expiresAt && issuance.expiresAt > now ? 'confirm' : 'expired';
    case 'verified':
    case 'issued':
      return 'used';
    case 'expired':
      return 'expired';
    case 'superseded':
      return 'replaced';
    case 'failed':
      return 'unknown';
  }
}

async function lookUp(
  em: EntityManager,
  services: Pick<DomainServices, 'secretBox' | 'clock'>,
  token: string,
  lock: boolean,
): Promise<Lookup> {
  if (!tokenPattern.test(token)) return { issuance: null, page: 'unknown' };
  const where = { tokenHash: services.secretBox.hashToken(token) };
  const issuance = lock
    ? await lockAccountThenIssuance(em, where)
    : await em.findOne(Issuance, where, { populate: ['account', 'company'] });
  return { issuance, page: pageFor(issuance, services.clock?.() ?? new Date()) };
}

/** The link as the employee sees it on opening; changes nothing (mail scanners open links too). */
export async function readVerification(
  em: EntityManager,
  services: Pick<DomainServices, 'secretBox' | 'clock'>,
  token: string,
): Promise<Lookup> {
  return lookUp(em, services, token, false);
}

/**
 * 認証する: consumes the token atomically (row lock, single use), ends the round's other links, and tells
 * the workflow by issuance id only. When the workflow cannot be told, the token is given back so the employee can press again.
 */
export async function confirmVerification(
  em: EntityManager,
  services: Pick<DomainServices, 'secretBox' | 'clock' | 'temporal' | 'logger'>,
  token: string,
): Promise<Lookup> {
  const now = nowOf(services);
  const consumed = await withTransitions(
    em,
    async (tx, transitions): Promise<Lookup & { ended?: string[]; bulkRunId?: string }> => {
      const found = await lookUp(tx, services, token, true);
      if (found.page !== 'confirm' || !found.issuance) return found;
      const { issuance } = found;
      transitions.confirm(issuance, issuance.account.getEntity(), now);
      // The first confirmed link of the round wins; the links to the employee's other addresses end here,
      // under the account lock, so two clicks at once on two links cannot both win.
      const others = await endRoundAfterConfirmation(tx, transitions, issuance, now);
      const bulkRunId = (await bulkRunsOf(tx, [issuance.id])).get(issuance.id);
      return {
        issuance,
        page: 'confirmed' as const,
        ended: others.map((row) => row.workflowId),
        ...(bulkRunId ? { bulkRunId } : {}),
      };
    },
  );
  if (consumed.page !== 'confirmed' || !consumed.issuance) return consumed;
  try {
    await signalConfirmation(services.temporal, consumed.issuance, consumed.bulkRunId);
  } catch (error) {
    // The click must not be lost: give the token back so the employee can press the button again.
    services.logger.error({ err: error, issuanceId: consumed.issuance.id }, 'could not signal the issuance workflow');
    await withTransitions(em.fork(), async (tx, transitions) => {
      const issuance = await lockAccountThenIssuance(tx, { id: consumed.issuance!.id });
      if (!issuance || issuance.status !== 'verified' || issuance.issuedAt) return;
      transitions.withdrawConfirmation(issuance, issuance.account.getEntity());
    });
    return { issuance: consumed.issuance, page: 'unavailable' };
  }
  services.logger.info({ issuanceId: consumed.issuance.id, event: 'verification-confirmed' }, 'employee confirmed');
  await cancelWorkflows(services, consumed.ended ?? []);
  return { issuance: consumed.issuance, page: consumed.page };
}
