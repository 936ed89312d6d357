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
  options: { migrate?: boolean; logger?: Pick<Logger, 'info' | 'warn'> } = {},
): Promise<MikroORM> {
  await ensureDatabase(databaseUrl);
  // knex prints pool and connection warnings with console.log unless given a log: they go to the service's
  // logger (a caller without one, a test or a script, has them dropped: its own errors say what failed).
  const knexLog = (message: unknown) => options.logger?.warn({ knex: String(message) }, 'database driver warning');
  const orm = await MikroORM.init(
    ormConfig(databaseUrl, {
      driverOptions: { log: { warn: knexLog, error: knexLog, deprecate: knexLog, debug() {} } },
    }),
  );
  if (options.migrate ?? true) {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) options.logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  return orm;
}
