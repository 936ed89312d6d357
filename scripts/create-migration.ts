/**
 * Writes a migration for the difference between the entities and the database at DATABASE_URL
 * (a scratch database is fine: it is migrated first). Add the new class to migrations/index.ts.
 *   npx tsx scripts/create-migration.ts
 */
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';

async function main(): Promise<void> {
  const databaseUrl =
    process.env.DATABASE_URL ?? loadConfig({ ...process.env, SERVICE_SECRET_KEY: 'A'.repeat(43) + '=' }).databaseUrl;
  const orm = await initOrm(databaseUrl);
  try {
    const result = await orm.getMigrator().createMigration('migrations', false, false);
    console.log(result.fileName ? `created migrations/${result.fileName}` : 'no changes');
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
