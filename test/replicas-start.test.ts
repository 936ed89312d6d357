import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationsList } from '../migrations';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { companyCode } from './support/harness';
import { startDevServer, type DevServer } from './support/temporal-dev-server';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

let temporal: DevServer;
const name = `wfc_test_replicas_${randomBytes(4).toString('hex')}`;
const databaseUrl = `${serverUrl}/${name}`;
const replicas: ApiProcess[] = [];

beforeAll(async () => {
  temporal = await startDevServer();
});

afterAll(async () => {
  await Promise.allSettled(replicas.map((replica) => replica.stop()));
  await temporal?.stop();
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

it('three API processes started at once on an empty database all become ready, the migrations applied once', async () => {
  for (let i = 0; i < 3; i++) {
    replicas.push(startApiProcess({ databaseUrl, temporalAddress: temporal.address }));
  }
  const ports = await Promise.all(replicas.map((replica) => replica.listening));

  for (const port of ports) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect({ port, status: ready.status, body: await ready.json() }).toEqual({
      port,
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', temporal: 'ok' } },
    });
  }
  const applied = await query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id');
  expect(applied.map((row) => row.name)).toEqual(migrationsList.map((migration) => migration.name));
  const companies = await query<{ code: string }>('SELECT code FROM company');
  expect(companies).toEqual([{ code: companyCode }]);
  // Exactly one of them migrated; the others found the schema current.
  const migrating = replicas.filter((replica) => replica.lines.some((line) => line.includes('"migrations applied"')));
  expect(migrating).toHaveLength(1);
});
