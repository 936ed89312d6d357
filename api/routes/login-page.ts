import type { EntityManager } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { Account, Company, type Locale } from '../../entities';
import { authenticateToken } from '../authentication';
import { DomainError, TooManyRequestsError } from '../../domain/errors';
import { findForbiddenText } from '../../domain/input-schemas';
import { httpStatusOf } from '../errors';
import { headerLanguage } from '../messages';
import { passwordText } from '../../domain/input-schemas';
import { LoginService, type OpenedSession } from '../../domain/access/login';
import { MfaEnrolment } from '../../domain/access/mfa-enrolment';
import { renderPage } from '../pages/layout';
import { fill, loginTexts } from '../pages/login-texts';
import type { RateLimits } from '../rate-limits';
import type { ApiServices } from '../services';
import { registerAzureLogin } from './azure-login';

type FormBody = Record<string, string | undefined>;

/** The page's language: the one chosen (the `lang` of a link or form), else the browser's, else Japanese. */
function localeOf(req: Request): Locale {
  const requested = (req.query.lang ?? (req.body as FormBody | undefined)?.lang) as string | undefined;
  if (requested === 'en' || requested === 'ja') return requested;
  return headerLanguage(req) ?? 'ja';
}

function field(body: FormBody, name: string, max = 200): string {
  return String(body[name] ?? '').slice(0, max);
}

/** A code as typed on a phone: a space pasted with it is not part of it. */
function codeField(body: FormBody, name: string, max: number): string {
  return String(body[name] ?? '')
    .trim()
    .slice(0, max);
}

/** The same page in the other language (a link at the foot of the login page). */
function otherLanguage(locale: Locale, companyCode: string) {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const company = companyCode ? `&company=${encodeURIComponent(companyCode)}` : '';
  return { href: `/login?lang=${other}${company}`, label: other === 'en' ? 'English' : '日本語', lang: other };
}

function html(res: Response, status: number, page: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page);
}

interface LoginFormState {
  companyCode: string;
  loginId?: string;
  /** The password was right and the account uses MFA: ask for the code (and the password again). */
  askCode?: boolean;
  error?: string;
  notice?: string;
}

/**
 * The employee's login page (the link in the credentials mail): a plain form, and at the first login
 * the forced password change, with the same rules as POST /api/auth/login and /api/auth/password.
 * With MFA the form asks for the code once the password proved right (the password is typed again:
 * the page keeps no half-finished login), and an employee who has not set MFA up does so here
 * (POST /api/auth/mfa/enrolment and …/confirm).
 */
export function registerLoginPage(router: Router, services: ApiServices, rateLimits: RateLimits): void {
  const logins = new LoginService(services);
  const enrolment = new MfaEnrolment(services);
  const forms = express.urlencoded({ extended: false, limit: '10kb' });

  /**
   * Azure AD sign-in is offered when the company (from the mail's link or the form) has it on; without a
   * company, when some company has it on (the next page asks for the company code).
   */
  const azureOffered = async (companyCode: string): Promise<boolean> => {
    try {
      const em = services.orm.em.fork();
      if (!companyCode) return (await em.count(Company, { azureAdEnabled: true })) > 0;
      return (await em.findOne(Company, { code: companyCode }))?.azureAdEnabled ?? false;
    } catch {
      return false;
    }
  };

  const loginForm = async (res: Response, locale: Locale, status: number, state: LoginFormState) => {
    const t = loginTexts[locale];
    const azure = await azureOffered(state.companyCode);
    const message = state.error ?? state.notice;
    html(
      res,
      status,
      renderPage({
        locale,
        title: t.title,
        tone: state.error ? 'error' : 'info',
        paragraphs: message ? [message] : [t.intro],
        form: {
          action: '/login',
          submit: t.submit,
          fields: [
            { name: 'lang', type: 'hidden', value: locale },
            {
              name: 'companyCode',
              label: t.companyCode,
              type: 'text',
              value: state.companyCode,
              autocomplete: 'organization',
              verbatim: true,
            },
            {
              name: 'loginId',
              label: t.loginId,
              type: 'text',
              autocomplete: 'username',
              verbatim: true,
              ...(state.loginId ? { value: state.loginId } : {}),
            },
            { name: 'password', label: t.password, type: 'password', autocomplete: 'current-password' },
            ...(state.askCode
              ? [{ name: 'mfaCode', label: t.mfaCode, type: 'text' as const, autocomplete: 'one-time-code' }]
              : []),
          ],
        },
        ...(azure
          ? {
              link: {
                href: `/login/azure?lang=${locale}${state.companyCode ? `&company=${encodeURIComponent(state.companyCode)}` : ''}`,
                label: t.azureLink,
              },
            }
          : {}),
        footer: [otherLanguage(locale, state.companyCode)],
      }),
    );
  };

  const changeForm = (res: Response, locale: Locale, status: number, token: string, min: number, error?: string) => {
    const t = loginTexts[locale];
    html(
      res,
      status,
      renderPage({
        locale,
        title: t.changeTitle,
        tone: error ? 'error' : 'info',
        paragraphs: [...(error ? [error] : [t.changeIntro]), fill(t.minimum, { min })],
        form: {
          action: '/login/password',
          submit: t.changeSubmit,
          fields: [
            { name: 'lang', type: 'hidden', value: locale },
            { name: 'token', type: 'hidden', value: token },
            {
              name: 'currentPassword',
              label: t.currentPassword,
              type: 'password',
              autocomplete: 'current-password',
            },
            { name: 'newPassword', label: t.newPassword, type: 'password', autocomplete: 'new-password' },
            { name: 'confirmPassword', label: t.confirmPassword, type: 'password', autocomplete: 'new-password' },
          ],
        },
      }),
    );
  };

  /** A retry (`retryError`) shows no new secret: the employee may already have added the first one to the app. */
  const enrolForm = async (
    res: Response,
    locale: Locale,
    status: number,
    token: string,
    retryError?: string,
    changed = false,
  ) => {
    const t = loginTexts[locale];
    const em = services.orm.em.fork();
    const started = retryError
      ? undefined
      : await enrolment.start(em, (await authenticateToken(token, em, services)).accountId);
    html(
      res,
      status,
      renderPage({
        locale,
        title: t.enrolTitle,
        tone: retryError ? 'error' : 'info',
        paragraphs: started
          ? [...(changed ? [t.passwordChanged] : []), t.enrolIntro, fill(t.enrolSecret, { secret: started.secret })]
          : [retryError ?? ''],
        ...(started ? { link: { href: started.otpauthUri, label: t.enrolLink } } : {}),
        form: {
          action: '/login/mfa',
          submit: t.enrolSubmit,
          fields: [
            { name: 'lang', type: 'hidden', value: locale },
            { name: 'token', type: 'hidden', value: token },
            { name: 'code', label: t.mfaCode, type: 'text', autocomplete: 'one-time-code' },
          ],
        },
      }),
    );
  };

  /**
   * Where a new session leads: the password change first, then the MFA set-up, then the welcome page.
   * `changed`: the password was just changed, which the next page says first.
   */
  const next = async (res: Response, locale: Locale, session: OpenedSession, companyCode: string, changed = false) => {
    if (session.mustChangePassword) {
      const company = await services.orm.em.fork().findOneOrFail(Company, { code: companyCode });
      return changeForm(res, locale, 200, session.token, company.minPasswordLength);
    }
    if (session.mfaEnrolmentRequired) return enrolForm(res, locale, 200, session.token, undefined, changed);
    return welcome(res, locale, session, companyCode, changed);
  };

  const welcome = async (
    res: Response,
    locale: Locale,
    session: OpenedSession,
    companyCode: string,
    changed = false,
  ) => {
    const t = loginTexts[locale];
    const company = await services.orm.em.fork().findOne(Company, { code: companyCode });
    html(
      res,
      200,
      renderPage({
        locale,
        title: t.doneTitle,
        tone: 'success',
        paragraphs: [
          ...(changed ? [t.passwordChanged] : []),
          fill(t.done, { name: `${session.account.lastName} ${session.account.firstName}` }),
        ],
        ...(company?.browserUrl ? { link: { href: company.browserUrl, label: t.portal } } : {}),
      }),
    );
  };

  const limit = rateLimits.pages((error, req, res) => {
    res.set('Retry-After', String(error.retryAfterSeconds));
    void loginForm(res, localeOf(req), 429, { companyCode: '', error: loginTexts[localeOf(req)].tooMany });
  });
  router.use('/login', limit);
  // Text with control characters or bidi overrides is refused before anything reads it, as in the API.
  for (const path of ['/login', '/login/password', '/login/mfa']) {
    router.post(path, forms, (req, res, next) => {
      if (findForbiddenText(req.body) === undefined) return next();
      void loginForm(res, localeOf(req), 400, { companyCode: '', error: loginTexts[localeOf(req)].badCharacters });
    });
  }

  // After the rate limit, like every page under /login.
  registerAzureLogin(router, services, { html, next });

  router.get('/login', async (req, res) => {
    const company = typeof req.query.company === 'string' ? req.query.company.slice(0, 32) : '';
    await loginForm(res, localeOf(req), 200, { companyCode: company });
  });

  router.post('/login', forms, async (req, res) => {
    const locale = localeOf(req);
    const body = (req.body ?? {}) as FormBody;
    const companyCode = codeField(body, 'companyCode', 32);
    const loginId = codeField(body, 'loginId', 10);
    const mfaCode = field(body, 'mfaCode', 6);
    const em = services.orm.em.fork();
    let session: OpenedSession;
    try {
      session = await rateLimits.login(req.ip, { companyCode, loginId }, () =>
        logins.logIn(em, {
          companyCode,
          loginId,
          password: field(body, 'password'),
          ...(mfaCode ? { mfaCode } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const t = loginTexts[locale];
      const retry = { companyCode, loginId, askCode: true };
      if (error instanceof TooManyRequestsError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
        return loginForm(res, locale, 429, { companyCode, loginId, error: t.tooMany });
      }
      if (error.code === 'MFA_REQUIRED') return loginForm(res, locale, 401, { ...retry, notice: t.mfaPrompt });
      if (error.code === 'INVALID_MFA_CODE') return loginForm(res, locale, 401, { ...retry, error: t.mfaWrong });
      // The login id stays filled: only the password is typed again.
      return loginForm(res, locale, httpStatusOf(error), { companyCode, loginId, error: t.wrong });
    }
    return next(res, locale, session, companyCode);
  });

  /** The session a follow-up form carries in its hidden token; an expired one gets the login form again. */
  const formSession = async (res: Response, locale: Locale, token: string, em: EntityManager) => {
    try {
      return await authenticateToken(token, em, services);
    } catch {
      await loginForm(res, locale, 401, { companyCode: '', error: loginTexts[locale].expired });
      return undefined;
    }
  };

  router.post('/login/password', forms, async (req, res) => {
    const locale = localeOf(req);
    const t = loginTexts[locale];
    const body = (req.body ?? {}) as FormBody;
    const token = field(body, 'token');
    const em = services.orm.em.fork();
    const auth = await formSession(res, locale, token, em);
    if (!auth) return;
    const account = await em.findOneOrFail(Account, auth.accountId, { populate: ['company'] });
    const min = account.company.getEntity().minPasswordLength;
    const newPassword = field(body, 'newPassword');
    if (newPassword !== field(body, 'confirmPassword')) return changeForm(res, locale, 400, token, min, t.mismatch);
    if (!passwordText.safeParse(newPassword).success) return changeForm(res, locale, 400, token, min, t.invalid);
    let session: OpenedSession;
    try {
      session = await logins.changePassword(em, auth.accountId, {
        currentPassword: field(body, 'currentPassword'),
        newPassword,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message =
        error.code === 'PASSWORD_TOO_SHORT'
          ? fill(t.tooShort, { min })
          : error.code === 'PASSWORD_UNCHANGED'
            ? t.unchanged
            : error.code === 'WRONG_CURRENT_PASSWORD'
              ? t.wrongCurrent
              : t.wrong;
      return changeForm(res, locale, 400, token, min, message);
    }
    return next(res, locale, session, auth.companyCode, true);
  });

  router.post('/login/mfa', forms, async (req, res) => {
    const locale = localeOf(req);
    const t = loginTexts[locale];
    const body = (req.body ?? {}) as FormBody;
    const token = field(body, 'token');
    const em = services.orm.em.fork();
    const auth = await formSession(res, locale, token, em);
    if (!auth) return;
    try {
      const session = await enrolment.confirm(em, auth.accountId, field(body, 'code', 6));
      return await welcome(res, locale, session, auth.companyCode);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'INVALID_MFA_CODE') return enrolForm(res, locale, 400, token, t.enrolRetry);
      return loginForm(res, locale, httpStatusOf(error), { companyCode: auth.companyCode, error: t.expired });
    }
  });
}
