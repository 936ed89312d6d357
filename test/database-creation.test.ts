import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../lib/db';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

it('creates a missing database once when several processes start together', async () => {
  const name = `wfc_test_race_${randomBytes(4).toString('hex')}`;
  try {
    await Promise.all(Array.from({ length: 4 }, () => ensureDatabase(`${serverUrl}/${name}`)));
    const client = new Client({ connectionString: `${serverUrl}/${name}` });
    await client.connect();
    await client.end();
  } finally {
    const admin = new Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});
