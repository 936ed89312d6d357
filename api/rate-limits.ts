import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, TooManyRequestsError } from '../domain/errors';
import { isInfrastructureUnavailable } from '../lib/infrastructure-errors';

/**
 * How much one client may ask. The counters live in PostgreSQL (table `rate_limit`), so several API
 * processes share them.
 *
 * - Login (JSON and page), per IP: every attempt counts.
 * - Login, and every check of a logged-in account's current password or code (password change, step-up), per
 *   account and IP: failed attempts only. Keyed by the pair, so an attacker's burst against an
 *   account from one address never slows the employee logging in from another (the account's own
 *   lockout policy, counted in the database by the domain, is what ends guessing from many addresses).
 * - Employee pages (`/verify/…`, `/login`), per IP.
 */
export interface RateLimitSettings {
  loginPerIpPerMinute: number;
  loginFailuresPerAccountPerQuarterHour: number;
  pagesPerIpPerMinute: number;
  /** SCIM requests per SCIM token (api/scim); unset: `defaultScimRequestsPerTokenPerMinute`. */
  scimRequestsPerTokenPerMinute?: number;
}

/** Enough for Entra ID's and Okta's provisioning cycles, which send a few requests a second per connection. */
export const defaultScimRequestsPerTokenPerMinute = 1200;

export const defaultRateLimits: RateLimitSettings = {
  loginPerIpPerMinute: 30,
  loginFailuresPerAccountPerQuarterHour: 10,
  pagesPerIpPerMinute: 60,
};

const tableName = 'rate_limit';

function tooMany(result: RateLimiterRes): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return new TooManyRequestsError(`Too many requests; try again in ${seconds} seconds.`, seconds);
}

/**
 * rate-limiter-flexible rejects with its result when the points are used up, with an Error otherwise.
 * When the counters cannot be reached (the database is down) the request goes on uncounted: the work it
 * asks for needs the same database and answers 503 itself, in the page's or the API's own way.
 */
async function consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooMany(rejection);
    if (isInfrastructureUnavailable(rejection)) return;
    throw rejection;
  }
}

/** Codes of a wrong password or TOTP code asked again of a logged-in account (password change, step-up). */
const wrongSecretCodes = new Set(['WRONG_CURRENT_PASSWORD', 'INVALID_MFA_CODE']);

/** A failure the caller's credentials caused: it counts against the account and address. */
function isCredentialFailure(error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  if (wrongSecretCodes.has(error.code)) return true;
  return error.code !== 'MFA_REQUIRED' && ['unauthenticated', 'forbidden'].includes(error.kind);
}

export class RateLimits {
  private readonly loginByIp: RateLimiterPostgres;
  private readonly loginFailures: RateLimiterPostgres;
  private readonly pagesByIp: RateLimiterPostgres;
  private readonly scimByToken: RateLimiterPostgres;

  constructor(orm: MikroORM, settings: RateLimitSettings) {
    const storeClient = orm.em.getConnection().getKnex();
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({
        storeClient,
        storeType: 'knex',
        tableName,
        // The table comes with the migrations; expired rows are purged by housekeeping, not by a timer here.
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
      });
    this.loginByIp = limiter('login-ip', settings.loginPerIpPerMinute, 60);
    this.loginFailures = limiter('login-account', settings.loginFailuresPerAccountPerQuarterHour, 15 * 60);
    this.pagesByIp = limiter('page-ip', settings.pagesPerIpPerMinute, 60);
    this.scimByToken = limiter(
      'scim-token',
      settings.scimRequestsPerTokenPerMinute ?? defaultScimRequestsPerTokenPerMinute,
      60,
    );
  }

  /** Counts one SCIM request of a token; past the limit a TooManyRequestsError (429 with Retry-After). */
  async scimRequest(tokenId: string): Promise<void> {
    await consume(this.scimByToken, tokenId);
  }

  /** Express middleware for the employee pages; `onLimit` answers in the page's language. */
  pages(
    onLimit: (
      error: TooManyRequestsError,
      req: Parameters<RequestHandler>[0],
      res: Parameters<RequestHandler>[1],
    ) => void,
  ): RequestHandler {
    return async (req, res, next) => {
      try {
        await consume(this.pagesByIp, req.ip ?? 'unknown');
        next();
      } catch (error) {
        if (error instanceof TooManyRequestsError) return onLimit(error, req, res);
        next(error);
      }
    };
  }

  /**
   * Runs one login attempt under both login limits. A failure that the caller's credentials caused
   * (wrong password or code) counts against the account and address; a success clears that count.
   */
  async login<T>(
    ip: string | undefined,
    account: { companyCode: string; loginId: string },
    attempt: () => Promise<T>,
  ): Promise<T> {
    const address = ip ?? 'unknown';
    await consume(this.loginByIp, address);
    const key = `${account.companyCode}\u001f${account.loginId}\u001f${address}`;
    const failures = await this.loginFailures.get(key).catch((error: unknown) => {
      if (isInfrastructureUnavailable(error)) return null;
      throw error;
    });
    if (failures && failures.consumedPoints >= this.loginFailures.points) throw tooMany(failures);
    try {
      const result = await attempt();
      if (failures) await this.loginFailures.delete(key);
      return result;
    } catch (error) {
      if (isCredentialFailure(error)) {
        await this.loginFailures.penalty(key, 1).catch((failure: unknown) => {
          if (!isInfrastructureUnavailable(failure)) throw failure;
        });
      }
      throw error;
    }
  }
}
