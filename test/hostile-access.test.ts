import { Account } from '../entities';
import { adminToken, defineRole, login, otherCompanyAdmin, registerReady, readySession } from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';

/**
 * Issue 17, access: what an outsider or a stolen session can do to an account, tried through HTTP as an
 * attacker would. Setting another account's password is the reissue right; refused roles, a custom role and
 * another company are asked for each operation.
 */

let h: Harness;
let admin: string;
const tokens: Record<string, string> = {};

const register = (code: string, roleCode: string, extra: Record<string, unknown> = {}) =>
  registerReady(h, admin, code, roleCode, extra);

async function stored(code: string) {
  return h.db.orm.em
    .fork()
    .findOneOrFail(Account, { company: { code: companyCode }, code }, { populate: ['passwordHash'] });
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await defineRole(h, admin, 'writer', ['accounts:read', 'accounts:write']);
  for (const [code, role] of [
    ['UA01', 'user-admin'],
    ['EM01', 'employee'],
    ['WR01', 'writer'],
  ] as const) {
    tokens[role] = await readySession(h, admin, code, role);
  }
  tokens.other = await otherCompanyAdmin(h);
});

afterAll(async () => {
  await h?.teardown();
});

describe("another account's password is the reissue right (issuance:reissue), not accounts:write", () => {
  const setPassword = (token: string, code: string) =>
    h.http
      .patch(`/api/accounts/${code}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ note: 'changed', password: 'Chosen-by-4dmin' });

  it.each([
    ['employee', 403, 'FORBIDDEN', undefined],
    ['writer', 403, 'REISSUE_NOT_PERMITTED', 'password'],
    ['other', 404, 'ACCOUNT_NOT_FOUND', undefined],
  ] as const)('%s → %i %s, nothing changed', async (actor, status, code, field) => {
    await register(`P${actor.slice(0, 3).toUpperCase()}`, 'employee');
    const before = await stored(`P${actor.slice(0, 3).toUpperCase()}`);
    const res = await setPassword(tokens[actor]!, before.code);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, ...(field ? { field } : {}) });
    const after = await stored(before.code);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.note ?? null).toBe(before.note ?? null);
  });

  it('the custom role keeps every other field it may write; a user administrator (reissue) sets the password', async () => {
    await register('P0001', 'employee');
    const note = await h.http
      .patch('/api/accounts/P0001')
      .set('Authorization', `Bearer ${tokens.writer}`)
      .send({ note: 'writer may' });
    expect(note.status).toBe(200);
    const set = await setPassword(tokens['user-admin']!, 'P0001');
    expect(set.status).toBe(200);
    expect((await login(h, 'P0001', 'Chosen-by-4dmin')).status).toBe(200);
  });

  it('answers in English with the same code and field', async () => {
    await register('P0002', 'employee');
    const res = await setPassword(tokens.writer!, 'P0002').set('Accept-Language', 'en');
    expect(res.body.error).toMatchObject({ code: 'REISSUE_NOT_PERMITTED', field: 'password' });
    expect(res.body.error.message).toContain('issuance:reissue');
  });
});
