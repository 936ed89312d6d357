import type { Request, Response, Router } from 'express';
import { confirmVerification, readVerification } from '../../domain/issuance/verification';
import type { Issuance, Locale } from '../../entities';
import { formatDateTime } from '../../lib/mail/format';
import { renderPage } from '../pages/layout';
import { verificationPage, type VerificationPage } from '../pages/verification-texts';
import type { RateLimits } from '../rate-limits';
import type { ApiServices } from '../services';

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
    tooMany: 429,
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
export function registerVerificationRoutes(router: Router, services: ApiServices, rateLimits: RateLimits): void {
  const limit = rateLimits.pages((error, req, res) => {
    res.set('Retry-After', String(error.retryAfterSeconds));
    send(res, null, 'tooMany');
  });
  router.get('/verify/:token', limit, async (req: Request<{ token: string }>, res) => {
    const { issuance, page } = await readVerification(services.orm.em.fork(), services, req.params.token);
    send(res, issuance, page);
  });

  router.post('/verify/:token', limit, async (req: Request<{ token: string }>, res) => {
    const { issuance, page } = await confirmVerification(services.orm.em.fork(), services, req.params.token);
    send(res, issuance, page);
  });
}
