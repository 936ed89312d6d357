import express, { type Request, type Response, type Router } from 'express';
import { AzureSignIn } from '../../domain/access/azure-sign-in';
import type { OpenedSession } from '../../domain/access/login';
import { DomainError } from '../../domain/errors';
import { findForbiddenText } from '../../domain/input-schemas';
import type { Locale } from '../../entities';
import { httpStatusOf } from '../errors';
import { renderPage } from '../pages/layout';
import { loginTexts } from '../pages/login-texts';
import type { ApiServices } from '../services';

const flowCookie = 'azure_login';
const cookiePath = '/login/azure';

type Texts = (typeof loginTexts)[Locale];

/** What the login page lends the Azure AD routes: its answer pages and where a new session leads. */
export interface LoginPages {
  html(res: Response, status: number, page: string): void;
  next(res: Response, locale: Locale, session: OpenedSession, companyCode: string): Promise<void>;
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const asLocale = (value: unknown): Locale => (value === 'en' ? 'en' : 'ja');

/**
 * Azure AD sign-in pages: GET /login/azure?company=… sends the browser to the company's issuer (PKCE,
 * state and nonce kept sealed in an HttpOnly cookie for ten minutes); GET /login/azure/callback checks the
 * answer and opens the session as the login form does; POST /login/azure/mfa takes the TOTP code when the
 * company and the account use MFA.
 */
export function registerAzureLogin(router: Router, services: ApiServices, pages: LoginPages): void {
  const azure = new AzureSignIn(services);
  const secure = services.publicBaseUrl.startsWith('https:');
  const forms = express.urlencoded({ extended: false, limit: '10kb' });

  const refusal = (res: Response, locale: Locale, error: unknown, companyCode?: string) => {
    if (!(error instanceof DomainError)) throw error;
    const t: Texts = loginTexts[locale];
    const message =
      {
        AZURE_ACCOUNT_NOT_FOUND: t.azureUnknown,
        ACCOUNT_CANNOT_LOG_IN: t.azureCannotLogIn,
        AZURE_AD_NOT_ENABLED: t.azureNotEnabled,
        AZURE_AD_NOT_CONFIGURED: t.azureNotEnabled,
        SERVICE_UNAVAILABLE: t.azureUnavailable,
        INVALID_MFA_CODE: t.mfaWrong,
      }[error.code] ?? t.azureFailed;
    const company = companyCode ? `company=${encodeURIComponent(companyCode)}&` : '';
    // Switched off or unknown: a way back to the login form; otherwise a new try.
    const offNow = ['AZURE_AD_NOT_ENABLED', 'AZURE_AD_NOT_CONFIGURED'].includes(error.code) || !companyCode;
    const link = offNow
      ? { href: `/login?${company}lang=${locale}`, label: t.backToLogin }
      : { href: `/login/azure?${company}lang=${locale}`, label: t.azureAgain };
    pages.html(
      res,
      httpStatusOf(error),
      renderPage({
        locale,
        title: t.azureTitle,
        tone: 'error',
        paragraphs: [message],
        link,
      }),
    );
  };

  const mfaForm = (res: Response, locale: Locale, status: number, ticket: string, error?: string) => {
    const t: Texts = loginTexts[locale];
    pages.html(
      res,
      status,
      renderPage({
        locale,
        title: t.azureTitle,
        tone: error ? 'error' : 'info',
        paragraphs: [error ?? t.azureMfaIntro],
        form: {
          action: '/login/azure/mfa',
          submit: t.submit,
          fields: [
            { name: 'lang', type: 'hidden', value: locale },
            { name: 'ticket', type: 'hidden', value: ticket },
            { name: 'mfaCode', label: t.mfaCode, type: 'text', autocomplete: 'one-time-code' },
          ],
        },
      }),
    );
  };

  router.get('/login/azure', async (req, res) => {
    const locale = asLocale(req.query.lang);
    const companyCode = typeof req.query.company === 'string' ? req.query.company.slice(0, 32) : '';
    if (!companyCode) {
      // Reached from the login page's link: ask which company's Azure AD to go to.
      const t: Texts = loginTexts[locale];
      pages.html(
        res,
        200,
        renderPage({
          locale,
          title: t.azureTitle,
          paragraphs: [t.azureIntro],
          form: {
            action: '/login/azure',
            method: 'get',
            submit: t.azureContinue,
            fields: [
              { name: 'lang', type: 'hidden', value: locale },
              { name: 'company', label: t.companyCode, type: 'text', autocomplete: 'organization' },
            ],
          },
        }),
      );
      return;
    }
    try {
      const { redirectTo, flow } = await azure.begin(services.orm.em.fork(), companyCode, locale);
      res.cookie(flowCookie, flow, { httpOnly: true, sameSite: 'lax', secure, path: cookiePath, maxAge: 10 * 60_000 });
      res.set('Cache-Control', 'no-store').redirect(303, redirectTo);
    } catch (error) {
      refusal(res, locale, error, companyCode);
    }
  });

  router.get('/login/azure/callback', async (req, res) => {
    const sealed = readCookie(req, flowCookie);
    // Single use: the flow cookie goes whatever the outcome.
    res.clearCookie(flowCookie, { httpOnly: true, sameSite: 'lax', secure, path: cookiePath });
    const locale = asLocale(azure.localeOf(sealed));
    const callbackUrl = new URL(req.originalUrl, services.publicBaseUrl);
    try {
      const outcome = await azure.complete(services.orm.em.fork(), sealed, callbackUrl);
      if (outcome.kind === 'mfa') return mfaForm(res, locale, 200, outcome.ticket);
      return await pages.next(res, locale, outcome.session, outcome.companyCode);
    } catch (error) {
      return refusal(res, locale, error);
    }
  });

  router.post('/login/azure/mfa', forms, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const locale = asLocale(body.lang);
    const ticket = String(body.ticket ?? '').slice(0, 2000);
    if (findForbiddenText(body) !== undefined)
      return mfaForm(res, locale, 400, ticket, loginTexts[locale].badCharacters);
    const em = services.orm.em.fork();
    try {
      const { session, companyCode } = await azure.completeMfa(em, ticket, String(body.mfaCode ?? '').slice(0, 6));
      return await pages.next(res, locale, session, companyCode);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_MFA_CODE') {
        return mfaForm(res, locale, 401, ticket, loginTexts[locale].mfaWrong);
      }
      return refusal(res, locale, error);
    }
  });
}
