import express, { type Request, type Response, type Router } from 'express';
import { Account, Company, type Locale } from '../../entities';
import { authenticateToken } from '../authentication';
import { HttpError } from '../errors';
import { passwordText } from '../input-schemas';
import { LoginService, type OpenedSession } from '../login-service';
import { renderPage } from '../pages/layout';
import { fill, loginTexts } from '../pages/login-texts';
import type { ApiServices } from '../services';

type FormBody = Record<string, string | undefined>;

function localeOf(req: Request): Locale {
  const requested = (req.query.lang ?? (req.body as FormBody | undefined)?.lang) as string | undefined;
  return requested === 'en' ? 'en' : 'ja';
}

function field(body: FormBody, name: string, max = 200): string {
  return String(body[name] ?? '').slice(0, max);
}

function html(res: Response, status: number, page: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page);
}

/**
 * The employee's login page (the link in the credentials mail): a plain form, and at the first login
 * the forced password change, with the same rules as POST /api/auth/login and /api/auth/password.
 */
export function registerLoginPage(router: Router, services: ApiServices): void {
  const logins = new LoginService(services);
  const forms = express.urlencoded({ extended: false, limit: '10kb' });

  const loginForm = (res: Response, locale: Locale, status: number, companyCode: string, error?: string) => {
    const t = loginTexts[locale];
    html(
      res,
      status,
      renderPage({
        locale,
        title: t.title,
        tone: error ? 'error' : 'info',
        paragraphs: error ? [error] : [t.intro],
        form: {
          action: '/login',
          submit: t.submit,
          fields: [
            { name: 'lang', type: 'hidden', value: locale },
            {
              name: 'companyCode',
              label: t.companyCode,
              type: 'text',
              value: companyCode,
              autocomplete: 'organization',
            },
            { name: 'loginId', label: t.loginId, type: 'text', autocomplete: 'username' },
            { name: 'password', label: t.password, type: 'password', autocomplete: 'current-password' },
          ],
        },
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
            { name: 'currentPassword', label: t.password, type: 'password', autocomplete: 'current-password' },
            { name: 'newPassword', label: t.newPassword, type: 'password', autocomplete: 'new-password' },
            { name: 'confirmPassword', label: t.confirmPassword, type: 'password', autocomplete: 'new-password' },
          ],
        },
      }),
    );
  };

  const welcome = async (res: Response, locale: Locale, session: OpenedSession, companyCode: string) => {
    const t = loginTexts[locale];
    const company = await services.orm.em.fork().findOne(Company, { code: companyCode });
    html(
      res,
      200,
      renderPage({
        locale,
        title: t.doneTitle,
        tone: 'success',
        paragraphs: [fill(t.done, { name: `${session.account.lastName} ${session.account.firstName}` })],
        ...(company?.browserUrl ? { link: { href: company.browserUrl, label: t.portal } } : {}),
      }),
    );
  };

  router.get('/login', (req, res) => {
    const company = typeof req.query.company === 'string' ? req.query.company.slice(0, 32) : '';
    loginForm(res, localeOf(req), 200, company);
  });

  router.post('/login', forms, async (req, res) => {
    const locale = localeOf(req);
    const body = (req.body ?? {}) as FormBody;
    const companyCode = field(body, 'companyCode', 32);
    const em = services.orm.em.fork();
    try {
      const session = await logins.logIn(em, {
        companyCode,
        loginId: field(body, 'loginId', 10),
        password: field(body, 'password'),
      });
      if (!session.mustChangePassword) return welcome(res, locale, session, companyCode);
      const company = await em.findOneOrFail(Company, { code: companyCode });
      return changeForm(res, locale, 200, session.token, company.minPasswordLength);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const t = loginTexts[locale];
      return loginForm(res, locale, error.status, companyCode, error.status === 403 ? t.disabled : t.wrong);
    }
  });

  router.post('/login/password', forms, async (req, res) => {
    const locale = localeOf(req);
    const t = loginTexts[locale];
    const body = (req.body ?? {}) as FormBody;
    const token = field(body, 'token');
    const em = services.orm.em.fork();
    let auth;
    try {
      auth = await authenticateToken(token, em, services);
    } catch {
      return loginForm(res, locale, 401, '', t.expired);
    }
    const account = await em.findOneOrFail(Account, auth.accountId, { populate: ['company'] });
    const min = account.company.getEntity().minPasswordLength;
    const newPassword = field(body, 'newPassword');
    if (newPassword !== field(body, 'confirmPassword')) return changeForm(res, locale, 400, token, min, t.mismatch);
    if (!passwordText.safeParse(newPassword).success) return changeForm(res, locale, 400, token, min, t.invalid);
    try {
      const session = await logins.changePassword(em, auth.accountId, {
        currentPassword: field(body, 'currentPassword'),
        newPassword,
      });
      return welcome(res, locale, session, auth.companyCode);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const message =
        error.code === 'PASSWORD_TOO_SHORT'
          ? fill(t.tooShort, { min })
          : error.code === 'PASSWORD_UNCHANGED'
            ? t.unchanged
            : t.wrong;
      return changeForm(res, locale, 400, token, min, message);
    }
  });
}
