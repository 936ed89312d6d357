import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from './logger';
import { ormConfig } from './orm-config';

export type { MikroORM } from '@mikro-orm/postgresql';

/** Creates the database named in the URL when it does not exist yet (a fresh machine has only `postgres`). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another process (the API and the worker start together) may have created it between the check
        // and here: PostgreSQL then answers duplicate_database, or unique_violation when both raced.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Connects, creating the database when missing and applying the committed migrations. */
export async function initOrm(
  databaseUrl: string,
  options: { migrate?: boolean; logger?: Pick<Logger, 'info' | 'warn'>; poolMax?: number } = {},
): Promise<MikroORM> {
  await ensureDatabase(databaseUrl);
  // knex prints pool and connection warnings with console.log unless given a log: they go to the service's
  // logger (a caller without one, a test or a script, has them dropped: its own errors say what failed).
  const knexLog = (message: unknown) => options.logger?.warn({ knex: String(message) }, 'database driver warning');
  const orm = await MikroORM.init(
    ormConfig(databaseUrl, {
      driverOptions: { log: { warn: knexLog, error: knexLog, deprecate: knexLog, debug() {} } },
      ...(options.poolMax ? { pool: { min: 0, max: options.poolMax } } : {}),
    }),
  );
  if (options.migrate ?? true) {
    try {
      await migrateUnderLock(orm, databaseUrl, options.logger);
    } catch (error) {
      await orm.close(true);
      throw error;
    }
  }
  return orm;
}

/**
 * The advisory lock every migrating process takes (an arbitrary constant, the same in every version): replicas
 * starting together on an empty database would otherwise each create the migrations table and run the same
 * migration, and all but one die on a duplicate key of PostgreSQL's catalogue.
 */
export const migrationLockKey = 7_351_960_218;

/**
 * Applies the pending migrations while holding the migration lock on a session of its own, so one replica
 * migrates and the others wait, then find nothing left to do. Refuses to go on when a migration of the code is
 * still pending afterwards: the process never serves on a schema older than its code.
 */
async function migrateUnderLock(orm: MikroORM, databaseUrl: string, logger?: Pick<Logger, 'info' | 'warn'>) {
  const lockSession = new Client({ connectionString: databaseUrl });
  await lockSession.connect();
  try {
    await lockSession.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    const migrator = orm.getMigrator();
    const applied = await migrator.up();
    if (applied.length > 0) logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    const pending = await migrator.getPendingMigrations();
    if (pending.length > 0) {
      throw new Error(`migrations still pending after migrating: ${pending.map((m) => m.name).join(', ')}`);
    }
  } finally {
    // Ending the session releases the lock too; unlocking first lets a waiting replica go on without delay.
    await lockSession.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await lockSession.end();
  }
}
