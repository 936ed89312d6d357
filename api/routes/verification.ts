import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { verificationConfirmedSignal } from '../../contract';
import { Issuance, type Locale } from '../../entities';
import { formatDateTime } from '../../lib/mail/format';
import { renderPage } from '../pages/layout';
import { verificationPage, type VerificationPage } from '../pages/verification-texts';
import type { ApiServices } from '../services';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

interface Lookup {
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

async function lookUp(em: EntityManager, services: ApiServices, token: string, lock: boolean): Promise<Lookup> {
  if (!tokenPattern.test(token)) return { issuance: null, page: 'unknown' };
  const issuance = await em.findOne(
    Issuance,
    { tokenHash: services.secretBox.hashToken(token) },
    {
      populate: ['account', 'company'],
      ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['i0'] } : {}),
    },
  );
  return { issuance, page: pageFor(issuance, services.clock?.() ?? new Date()) };
}

function localeOf(issuance: Issuance | null): Locale {
  if (!issuance) return 'ja';
  return issuance.account.getEntity().locale ?? issuance.company.getEntity().locale;
}

function send(res: Response, issuance: Issuance | null, page: VerificationPage): void {
  const status = {
    confirm: 200,
    confirmed: 200,
    expired: 410,
    used: 410,
    replaced: 410,
    unknown: 404,
    unavailable: 503,
  }[page];
  const values: Record<string, string> = {};
  if (issuance) {
    const account = issuance.account.getEntity();
    const company = issuance.company.getEntity();
    values.name = `${account.lastName} ${account.firstName}`;
    values.service = company.serviceName;
    if (issuance.expiresAt) values.expires = formatDateTime(issuance.expiresAt, localeOf(issuance), company.timeZone);
  }
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(renderPage(verificationPage(localeOf(issuance), page, values)));
}

/**
 * The employee's side of verification. GET only shows the 認証する button and changes nothing, so a
 * mail scanner that opens the link does not consume it; POST consumes the token atomically and then
 * tells the workflow, by issuance id only.
 */
export function registerVerificationRoutes(router: Router, services: ApiServices): void {
  router.get('/verify/:token', async (req: Request<{ token: string }>, res) => {
    const { issuance, page } = await lookUp(services.orm.em.fork(), services, req.params.token, false);
    send(res, issuance, page);
  });

  router.post('/verify/:token', async (req: Request<{ token: string }>, res) => {
    const em = services.orm.em.fork();
    const now = services.clock?.() ?? new Date();
    const consumed = await em.transactional(async (tx) => {
      const found = await lookUp(tx, services, req.params.token, true);
      if (found.page !== 'confirm' || !found.issuance) return found;
      const { issuance } = found;
      issuance.status = 'verified';
      issuance.verifiedAt = now;
      issuance.tokenConsumedAt = now;
      issuance.account.getEntity().authStatus = 'verified';
      return { issuance, page: 'confirmed' as const };
    });
    if (consumed.page !== 'confirmed' || !consumed.issuance) return send(res, consumed.issuance, consumed.page);

    try {
      await services.temporal.workflow
        .getHandle(consumed.issuance.workflowId)
        .signal(verificationConfirmedSignal, { issuanceId: consumed.issuance.id });
    } catch (error) {
      // The click must not be lost: give the token back so the employee can press the button again.
      services.logger.error({ err: error, issuanceId: consumed.issuance.id }, 'could not signal the issuance workflow');
      await em.fork().transactional(async (tx) => {
        const issuance = await tx.findOneOrFail(Issuance, consumed.issuance!.id, { populate: ['account'] });
        if (issuance.status !== 'verified' || issuance.issuedAt) return;
        issuance.status = 'pending';
        issuance.verifiedAt = undefined;
        issuance.tokenConsumedAt = undefined;
        issuance.account.getEntity().authStatus = 'pending';
      });
      return send(res, consumed.issuance, 'unavailable');
    }
    services.logger.info({ issuanceId: consumed.issuance.id, event: 'verification-confirmed' }, 'employee confirmed');
    send(res, consumed.issuance, 'confirmed');
  });
}
