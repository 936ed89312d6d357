import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { principalOfToken } from '../domain/access/authenticate';
import { assertPermitted } from '../domain/access/policy';
import type { Principal } from '../domain/access/principal';
import { AuthenticationError } from '../domain/errors';
import type { Permission } from '../lib/permissions';
import { assertCsrfToken, sessionCookieToken } from './console-session';
import type { ApiServices } from './services';

/** The principal of the request's bearer token. */
export type AuthContext = Principal;

/** Who may call a route: anyone, any logged-in account (even one that must change its password first), or a permission. */
export type Access = 'public' | 'session' | { permission: Permission };

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match?.[1];
}

/** How the request carried its session: the Authorization header, or the admin console's cookie. */
export type SessionTransport = 'bearer' | 'cookie';

/**
 * The bearer header when there is one, else the console's session cookie (api/console-session.ts), whose
 * state-changing requests must also carry the CSRF token.
 */
export async function authenticate(
  req: Request,
  em: EntityManager,
  services: ApiServices,
): Promise<{ auth: AuthContext; via: SessionTransport }> {
  const bearer = bearerToken(req);
  if (bearer) return { auth: await principalOfToken(bearer, em, services), via: 'bearer' };
  const cookie = sessionCookieToken(req);
  if (!cookie) throw new AuthenticationError();
  const auth = await principalOfToken(cookie, em, services);
  assertCsrfToken(req, services.secretBox, cookie);
  return { auth, via: 'cookie' };
}

export const authenticateToken = principalOfToken;

/**
 * The route's first gate, so that a caller without the permission learns nothing of the data; the
 * domain operation asks the same policy again with the target in hand.
 */
export function authorize(auth: AuthContext, access: Exclude<Access, 'public'>): void {
  if (access === 'session') return;
  assertPermitted(auth, access.permission);
}
