import { adminToken } from './api';
import { createHarness, type Harness } from './harness';

/**
 * A test file's harness on the local Temporal dev server with the system administrator's token, set up before
 * its tests and torn down after them. Read `t.h` and `t.admin` inside tests (they are set by beforeAll).
 */
export function withAdminHarness(options: Parameters<typeof createHarness>[0] = { temporal: 'local' }): {
  h: Harness;
  admin: string;
} {
  const t = {} as { h: Harness; admin: string };
  beforeAll(async () => {
    t.h = await createHarness(options);
    t.admin = await adminToken(t.h);
  });
  afterAll(async () => {
    await t.h?.teardown();
  });
  return t;
}
