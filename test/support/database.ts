import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { initOrm, type MikroORM } from '../../lib/db';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  orm: MikroORM;
  /** Every row of every table of the public schema, as text, for the secret checks. */
  dumpAllTables(): Promise<string>;
  drop(): Promise<void>;
}

/** A fresh database per test file, created and migrated the way the service does it at start-up. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `wfc_test_${randomBytes(6).toString('hex')}`;
  const url = `${serverUrl}/${name}`;
  const orm = await initOrm(url);
  return {
    url,
    orm,
    async dumpAllTables() {
      const connection = orm.em.getConnection();
      const tables = await connection.execute<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
      const parts: string[] = [];
      for (const { tablename } of tables) {
        const rows = await connection.execute<{ row: string }[]>(`SELECT t::text AS row FROM "${tablename}" t`);
        parts.push(`-- ${tablename}\n${rows.map((r) => r.row).join('\n')}`);
      }
      return parts.join('\n');
    },
    async drop() {
      await orm.close(true);
      const admin = new Client({ connectionString: `${serverUrl}/postgres` });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
