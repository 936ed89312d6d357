import type { HousekeepingResult } from '../contract';
import { purgeExpired } from '../domain/housekeeping';
import type { ActivityDependencies } from './dependencies';

/** The daily sweep (purgeExpired) of what the workflows normally clean up themselves. */
export function createPurgeExpired(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function purgeExpiredActivity(): Promise<HousekeepingResult> {
    const report = await purgeExpired(deps.orm.em.fork(), now());
    deps.logger.info({ event: 'housekeeping', ...report }, 'housekeeping done');
    return report;
  };
}
