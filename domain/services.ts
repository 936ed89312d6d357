import type { AdminLockoutSettings } from './access/lockout';
import type { Client } from '@temporalio/client';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';

/**
 * The outside world a domain operation may use besides its unit of work (the EntityManager it is given):
 * the Temporal client to start and signal workflows, the service key, the logger and the clock.
 */
export interface DomainServices {
  temporal: Client;
  secretBox: SecretBox;
  logger: Logger;
  sessionTtlMinutes: number;
  clock?: () => Date;
  /** The temporary lock of accounts with administrator rights (domain/access/lockout.ts); its defaults if unset. */
  adminLockout?: AdminLockoutSettings;
}

export function nowOf(services: Pick<DomainServices, 'clock'>): Date {
  return services.clock?.() ?? new Date();
}
