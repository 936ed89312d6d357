import { z } from 'zod';
import { issuanceChannels } from '../../entities';
import { passwordText } from '../../domain/input-schemas';
import { describeSession, LoginService } from '../../domain/access/login';
import { MfaEnrolment } from '../../domain/access/mfa-enrolment';
import type { Principal } from '../../domain/access/principal';
import { errorBodySchema } from '../errors';
import type { RateLimits } from '../rate-limits';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

export const totpCode = z
  .string()
  .regex(/^[0-9]{6}$/, '6 digits')
  .meta({ example: '123456', description: 'The current code of the authenticator app' });

const loginBody = z
  .object({
    companyCode: z.string().min(1).max(32).meta({ example: 'demo' }),
    loginId: z.string().min(1).max(10).meta({ example: 'Admin', description: 'アカウントコード' }),
    password: z.string().min(1).max(200),
    mfaCode: totpCode
      .optional()
      .meta({ description: 'Required once the account uses MFA and has set it up (401 MFA_REQUIRED without it)' }),
  })
  .meta({ id: 'LoginRequest' });

const sessionResponse = z
  .object({
    token: z.string().optional().meta({
      description:
        'Bearer token for the Authorization header; absent for the admin console, whose session cookie carries it',
    }),
    expiresAt: z.iso.datetime(),
    mustChangePassword: z
      .boolean()
      .meta({ description: 'When true the token only allows POST /api/auth/password, /me and logout' }),
    mfaEnrolmentRequired: z.boolean().meta({
      description: 'When true the token has no permission until POST /api/auth/mfa/enrolment/confirm succeeds',
    }),
    account: z.object({ code: z.string(), lastName: z.string(), firstName: z.string(), roleCode: z.string() }),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Session' });

const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordText.min(1) })
  .meta({ id: 'ChangePasswordRequest' });

const enrolmentResponse = z
  .object({
    secret: z.string().meta({ description: 'Base32 TOTP secret; shown only in this answer' }),
    otpauthUri: z.string().meta({ description: 'otpauth:// URI for a QR code' }),
  })
  .meta({ id: 'MfaEnrolment' });

const confirmEnrolmentBody = z.object({ code: totpCode }).meta({ id: 'ConfirmMfaEnrolmentRequest' });

/** The account of a session, as the login limits key it. */
export const ownLogin = (auth: Principal) => ({ companyCode: auth.companyCode, loginId: auth.accountCode });

export function registerAuthRoutes(target: RouteTarget, rateLimits: RateLimits): void {
  const logins = new LoginService(target.services);
  const enrolment = new MfaEnrolment(target.services);

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in with company code, login id, password and, when the account uses MFA, its code',
    tag: 'Authentication',
    access: 'public',
    body: loginBody,
    responses: {
      200: { description: 'Logged in', schema: sessionResponse },
      401: {
        description:
          'INVALID_CREDENTIALS (also for a locked account with a wrong password), MFA_REQUIRED, INVALID_MFA_CODE',
        schema: errorBodySchema,
      },
      403: { description: 'Right password, but LOGIN_DISABLED or ACCOUNT_LOCKED', schema: errorBodySchema },
    },
    handler: async ({ body, em, req }) => ({
      status: 200,
      session: await rateLimits.login(req.ip, body, () => logins.logIn(em, body)),
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/session',
    summary: 'Log in to the admin console: the same login, with the session in an httpOnly SameSite=Strict cookie',
    tag: 'Authentication',
    access: 'public',
    body: loginBody,
    responses: {
      200: {
        description:
          'Logged in; Set-Cookie wc_session (httpOnly) and wc_csrf (to send back as X-CSRF-Token); no token in the body',
        schema: sessionResponse,
      },
      401: { description: 'As POST /api/auth/login', schema: errorBodySchema },
      403: { description: 'As POST /api/auth/login', schema: errorBodySchema },
    },
    handler: async ({ body, em, req }) => ({
      status: 200,
      session: await rateLimits.login(req.ip, body, () => logins.logIn(em, body)),
      sessionTransport: 'cookie',
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the own password (required at first login after an issuance)',
    tag: 'Authentication',
    access: 'session',
    body: changePasswordBody,
    responses: {
      200: { description: 'Changed; all earlier tokens are revoked, a new one is returned', schema: sessionResponse },
      400: {
        description:
          'WRONG_CURRENT_PASSWORD (counted as a failed login: the lockout applies), PASSWORD_TOO_SHORT, PASSWORD_UNCHANGED',
        schema: errorBodySchema,
      },
      429: {
        description: 'Too many wrong current passwords from this address (the login limits)',
        schema: errorBodySchema,
      },
    },
    handler: async ({ body, em, auth, req }) => ({
      status: 200,
      session: await rateLimits.login(req.ip, ownLogin(auth), () => logins.changePassword(em, auth.accountId, body)),
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke the session of this request (token or console cookie; the cookies are cleared)',
    tag: 'Authentication',
    access: 'session',
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ em, auth }) => {
      if (auth.sessionId) await logins.revoke(em, auth.sessionId);
      return { status: 204, sessionEnded: true };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who this session belongs to, and what it may do (the console shows only what the permissions allow)',
    tag: 'Authentication',
    access: 'session',
    responses: {
      200: {
        description: 'The logged-in account',
        schema: z.object({
          companyCode: z.string(),
          companyName: z.string(),
          accountCode: z.string(),
          lastName: z.string(),
          firstName: z.string(),
          locale: z.enum(['ja', 'en']).meta({ description: "The account's language, else the company's" }),
          roleCode: z.string(),
          permissions: z.array(z.string()),
          mustChangePassword: z.boolean(),
          mfaStatus: z
            .enum(['off', 'unset', 'set'])
            .meta({ description: 'MFA not used / 未設定 (enrolment required) / 設定済' }),
          issuanceChannel: z.enum(issuanceChannels).meta({
            description: "パスワードの発行手段 of the company: the console's issuance links and buttons follow it",
          }),
          timeZone: z.string().meta({ description: "The company's time zone: the console shows dates in it" }),
        }),
      },
    },
    handler: async ({ auth, em }) => ({ status: 200, body: await describeSession(em, auth) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/mfa/enrolment',
    summary: 'Start the own MFA set-up: a new TOTP secret (the status stays 未設定 until confirmed)',
    tag: 'Authentication',
    access: 'session',
    responses: {
      200: { description: 'The secret, shown only here', schema: enrolmentResponse },
      409: { description: 'MFA_NOT_ENABLED or MFA_ALREADY_CONFIGURED', schema: errorBodySchema },
    },
    handler: async ({ em, auth }) => ({ status: 200, body: await enrolment.start(em, auth.accountId) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/mfa/enrolment/confirm',
    summary: 'Finish the own MFA set-up with a code from the app (設定済)',
    tag: 'Authentication',
    access: 'session',
    body: confirmEnrolmentBody,
    responses: {
      200: { description: 'Set up; all earlier tokens are revoked, a full one is returned', schema: sessionResponse },
      409: {
        description: 'MFA_NOT_ENABLED, MFA_ALREADY_CONFIGURED or MFA_ENROLMENT_NOT_STARTED',
        schema: errorBodySchema,
      },
    },
    handler: async ({ em, auth, body }) => ({
      status: 200,
      session: await enrolment.confirm(em, auth.accountId, body.code),
    }),
  });
}
