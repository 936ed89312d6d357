import { createTestDatabase, type TestDatabase } from './support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

it('the committed migrations produce exactly the schema the entities describe', async () => {
  const drift = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  expect(drift.trim()).toBe('');
});
