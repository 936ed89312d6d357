import type { Request, Response, Router } from 'express';
import { confirmVerification, readVerification } from '../../domain/issuance/verification';
import type { Issuance, Locale } from '../../entities';
import { formatDateTime } from '../../lib/mail/format';
import { headerLanguage } from '../messages';
import { renderPage } from '../pages/layout';
import { verificationPage, type VerificationPage } from '../pages/verification-texts';
import type { RateLimits } from '../rate-limits';
import type { ApiServices } from '../services';

/** The language of the mail the link came in; for a link that names no issuance, the browser's. */
function localeOf(issuance: Issuance | null, req: Request): Locale {
  if (!issuance) return headerLanguage(req) ?? 'ja';
  return issuance.account.getEntity().locale ?? issuance.company.getEntity().locale;
}

/** Where an employee goes on from a page that ends the link's use: the login page of the company. */
const toLogin = { ja: 'ログイン画面へ', en: 'Go to the login page' } as const;
const pagesWithLogin: readonly VerificationPage[] = ['confirmed', 'used', 'replaced', 'expired'];

function send(req: Request, res: Response, issuance: Issuance | null, page: VerificationPage): void {
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
  const locale = localeOf(issuance, req);
  const values: Record<string, string> = {};
  if (issuance) {
    const account = issuance.account.getEntity();
    const company = issuance.company.getEntity();
    values.name = `${account.lastName} ${account.firstName}`;
    values.service = company.serviceName;
    if (issuance.expiresAt) values.expires = formatDateTime(issuance.expiresAt, locale, company.timeZone);
  }
  const companyCode = issuance?.company.getEntity().code;
  const footer =
    companyCode && pagesWithLogin.includes(page)
      ? [{ href: `/login?company=${encodeURIComponent(companyCode)}&lang=${locale}`, label: toLogin[locale] }]
      : [];
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(renderPage({ ...verificationPage(locale, page, values), footer }));
}

/**
 * The employee's side of verification. GET only shows the 認証する button and changes nothing, so a
 * mail scanner that opens the link does not consume it; POST consumes the token atomically and then
 * tells the workflow, by issuance id only.
 */
export function registerVerificationRoutes(router: Router, services: ApiServices, rateLimits: RateLimits): void {
  const limit = rateLimits.pages((error, req, res) => {
    res.set('Retry-After', String(error.retryAfterSeconds));
    send(req, res, null, 'tooMany');
  });
  router.get('/verify/:token', limit, async (req: Request<{ token: string }>, res) => {
    const { issuance, page } = await readVerification(services.orm.em.fork(), services, req.params.token);
    send(req, res, issuance, page);
  });

  router.post('/verify/:token', limit, async (req: Request<{ token: string }>, res) => {
    const { issuance, page } = await confirmVerification(services.orm.em.fork(), services, req.params.token);
    send(req, res, issuance, page);
  });
}
