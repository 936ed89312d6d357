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
    // A new entity's fields stay plain properties until it is persisted, when MikroORM gives it its tracking
    // accessors (shared ones) as it does for every loaded entity. With the default, the first write of each field
    // of each new entity defined accessors of its own on the instance, two new closures per field: a third of
    // the CPU of checking an import's 10,000 new accounts, which are written in one INSERT and never persisted
    // (BENCH.md). Relations are typed Ref<> and set as references, so nothing relied on the wrapping either.
    propagationOnPrototype: false,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: 10 },
    ...overrides,
  });
}
