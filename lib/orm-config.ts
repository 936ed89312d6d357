import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { AuditTrailSubscriber } from '../domain/audit/audit-trail';
import { entities } from '../entities';
import { migrationsList } from '../migrations';

/** The one ORM configuration; tests and scripts override the URL, nothing else. */
export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: 'migrations',
      pathTs: 'migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // initOrm logs what it applied through the service's logger instead of a console line per migration.
      silent: true,
    },
    // The audit trail's events are written as the last statement of the transaction that made the change.
    subscribers: [new AuditTrailSubscriber()],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: 10 },
    ...overrides,
  });
}
