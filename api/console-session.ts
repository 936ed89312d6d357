import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { OpenedSession } from '../domain/access/login';
import { ForbiddenError } from '../domain/errors';
import type { SecretBox } from '../lib/secret-box';

/**
 * The admin console's session: the same session row as a bearer token (domain/access/login.ts), carried in a
 * cookie the page's scripts cannot read, so an injected script cannot take it away (localStorage could).
 *
 * CSRF: the cookie is SameSite=Strict, so another site's page never makes the browser send it. On top of that
 * (older browsers, a sibling subdomain under attacker control), every cookie-authenticated request other than
 * GET/HEAD must carry `X-CSRF-Token` equal to a second, readable cookie: an HMAC of the session token under the
 * service key (OWASP's "signed double-submit cookie"). Another origin can neither read that cookie nor set a
 * custom header without a CORS preflight, which this service never allows; and the value is bound to the
 * session, so a cookie planted by a sibling subdomain does not match.
 */
export const sessionCookieName = 'wc_session';
export const csrfCookieName = 'wc_csrf';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parseCookies(header)[sessionCookieName];
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : undefined;
}

export function csrfTokenFor(secretBox: SecretBox, sessionToken: string): string {
  return secretBox.hashToken(`csrf:${sessionToken}`);
}

/** Refuses a cookie-authenticated state-changing request without the session's CSRF token. */
export function assertCsrfToken(req: Request, secretBox: SecretBox, sessionToken: string): void {
  if (safeMethods.has(req.method)) return;
  const sent = req.headers[csrfHeaderName];
  const expected = Buffer.from(csrfTokenFor(secretBox, sessionToken));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ForbiddenError('The request lacks the console session’s CSRF token.', 'CSRF_TOKEN_INVALID');
  }
}

/** `Secure` whenever the browser reached the service over TLS (directly or behind a trusted proxy) or should have. */
function secureCookies(req: Request, publicBaseUrl: string): boolean {
  return req.secure || new URL(publicBaseUrl).protocol === 'https:';
}

/** Puts a new session into the cookies; what the answer's body keeps is the session without its token. */
export function setSessionCookies(
  req: Request,
  res: Response,
  options: { secretBox: SecretBox; publicBaseUrl: string },
  session: OpenedSession,
): Omit<OpenedSession, 'token'> {
  const { token, ...rest } = session;
  const common = {
    secure: secureCookies(req, options.publicBaseUrl),
    sameSite: 'strict' as const,
    path: '/',
    expires: new Date(session.expiresAt),
  };
  res.cookie(sessionCookieName, token, { ...common, httpOnly: true });
  res.cookie(csrfCookieName, csrfTokenFor(options.secretBox, token), { ...common, httpOnly: false });
  return rest;
}

export function clearSessionCookies(req: Request, res: Response, publicBaseUrl: string): void {
  const common = { secure: secureCookies(req, publicBaseUrl), sameSite: 'strict' as const, path: '/' };
  res.clearCookie(sessionCookieName, { ...common, httpOnly: true });
  res.clearCookie(csrfCookieName, common);
}
