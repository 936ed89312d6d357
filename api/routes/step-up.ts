import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../../domain/access/principal';
import { reauthenticate, type Reauthentication } from '../../domain/access/reauthentication';
import type { DomainServices } from '../../domain/services';
import type { RateLimits } from '../rate-limits';
import { ownLogin, totpCode } from './auth';

/** The step-up fields of a request that changes the caller's own security (domain/access/reauthentication.ts). */
export const stepUpFields = {
  currentPassword: z.string().min(1).max(200).optional().meta({
    description:
      'Step-up: the current password of the logged-in account, required to change its own mfaEnabled, azureAdId or emails, or reset its own MFA (403 STEP_UP_REQUIRED without)',
  }),
  mfaCode: totpCode.optional().meta({ description: 'Step-up: the TOTP code too, when the own account uses MFA' }),
};

/** The step-up of a request that gave the current password, throttled like a login; none otherwise. */
export async function stepUpOf(
  context: { em: EntityManager; auth: Principal; req: Request; rateLimits: RateLimits; services: DomainServices },
  given: { currentPassword?: string; mfaCode?: string },
): Promise<Reauthentication | undefined> {
  const { currentPassword, mfaCode } = given;
  if (!currentPassword) return undefined;
  const { em, auth, req, rateLimits, services } = context;
  return rateLimits.login(req.ip, ownLogin(auth), () =>
    reauthenticate(em, auth, { currentPassword, mfaCode }, services),
  );
}
