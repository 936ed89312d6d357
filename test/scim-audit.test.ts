import { adminToken, defineRole, otherCompanyAdmin, readySession } from './support/api';
import { auditEvents, auditTrailText, latestAuditEvent } from './support/audit';
import { createHarness, type Harness } from './support/harness';

/*
 * SCIM in the audit trail: what a token writes is recorded with the actor kind `scim-token` and the token's name;
 * a SCIM request the policy refuses is recorded as refused, like the API's refusals; making and revoking a token
 * and changing the provisioning defaults are events of their own, by the administrator, the secret never kept.
 */
let h: Harness;
let admin: string;

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function makeToken(session: string, name: string, roleCode: string): Promise<{ id: string; token: string }> {
  const res = await h.http.post('/api/scim/tokens').set(bearer(session)).send({ name, roleCode });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; token: string };
}

const scimSend = (method: 'post' | 'patch', path: string, body: unknown, token: string) =>
  h.http[method](`/scim/v2${path}`)
    .set(bearer(token))
    .set('Content-Type', 'application/scim+json')
    .send(JSON.stringify(body));

const user = (userName: string, employeeNumber: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
  userName,
  name: { familyName: '佐藤', givenName: '花子' },
  emails: [{ value: `${employeeNumber.toLowerCase()}@example.test`, type: 'work', primary: true }],
  [enterprise]: { employeeNumber },
});

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  expect((await h.http.patch('/api/settings').set(bearer(admin)).send({ azureAdEnabled: true })).status).toBe(200);
});

afterAll(async () => {
  await h?.teardown();
});

it('records SCIM writes with the actor kind scim-token and the token’s name', async () => {
  const { token } = await makeToken(admin, 'Entra ID 本番', 'user-admin');
  const created = await scimSend('post', '/Users', user('audit1@example.test', 'SA01'), token);
  expect(created.status).toBe(201);
  const disabled = await scimSend(
    'patch',
    `/Users/${created.body.id}`,
    { schemas: [patchOp], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    token,
  );
  expect(disabled.status).toBe(200);

  const create = await latestAuditEvent(h, admin, 'account.create', { account: 'SA01' });
  expect(create).toMatchObject({
    outcome: 'succeeded',
    actor: { kind: 'scim-token', code: 'Entra ID 本番' },
    target: { type: 'account', code: 'SA01' },
  });
  const update = await latestAuditEvent(h, admin, 'account.update', { account: 'SA01' });
  expect(update.actor).toMatchObject({ kind: 'scim-token', code: 'Entra ID 本番' });
  expect(update.changes).toContainEqual({ field: 'disabled', before: false, after: true });
  // The filter by actor finds the token's events by its name.
  const byToken = await auditEvents(h, admin, { actor: 'Entra ID 本番' });
  expect(byToken.map((event) => event.action).sort()).toEqual(['account.create', 'account.update']);
});

it('records a SCIM request the policy refuses (403) as refused, with the operation and the fields, never values', async () => {
  await defineRole(h, admin, 'scim-viewer', ['accounts:read']);
  const { token } = await makeToken(admin, 'read only', 'scim-viewer');
  const refused = await scimSend('post', '/Users', user('refused@example.test', 'SR01'), token);
  expect(refused.status).toBe(403);
  const event = await latestAuditEvent(h, admin, 'access.refused', { actor: 'read only' });
  expect(event).toMatchObject({
    outcome: 'refused',
    actor: { kind: 'scim-token', code: 'read only' },
    target: { type: 'account' },
    details: { operation: 'POST /scim/v2/Users', fields: ['schemas', 'userName', 'name', 'emails', enterprise] },
  });
  expect(event.reason).toEqual(expect.any(String));
  expect(JSON.stringify(event)).not.toContain('refused@example.test');

  // A change to an account above the token's role: the SCIM id is the target, the route the operation.
  const adminId = (
    await h.http
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "Admin"')}`)
      .set(bearer(token))
      .expect(200)
  ).body.Resources[0].id as string;
  const { token: writer } = await makeToken(admin, 'writer', 'user-admin');
  const patch = await scimSend(
    'patch',
    `/Users/${adminId}`,
    { schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] },
    writer,
  );
  expect(patch.status).toBe(403);
  const onAdmin = await latestAuditEvent(h, admin, 'access.refused', { actor: 'writer' });
  expect(onAdmin).toMatchObject({
    outcome: 'refused',
    details: { operation: 'PATCH /scim/v2/Users/:id', fields: ['schemas', 'Operations'] },
  });
  expect(onAdmin.target).toMatchObject({ type: 'account' });

  // Not a refusal by the policy (an unknown token, bad input): no refusal event.
  const before = (await auditEvents(h, admin, { action: 'access.refused' })).length;
  expect((await scimSend('post', '/Users', user('x@example.test', 'SX01'), 'scim_unknownunknownunknown')).status).toBe(
    401,
  );
  expect((await scimSend('post', '/Users', { schemas: [], userName: 1 }, writer)).status).toBe(400);
  expect((await auditEvents(h, admin, { action: 'access.refused' })).length).toBe(before);
});

it('records the making and the revocation of a token by the administrator, the secret only as changed', async () => {
  const made = await makeToken(admin, 'Okta', 'user-admin');
  const create = await latestAuditEvent(h, admin, 'scim-token.create', { actor: 'Admin' });
  expect(create).toMatchObject({
    actionText: 'SCIMトークン作成',
    actor: { kind: 'account', code: 'Admin' },
    target: { type: 'scim-token', code: 'Okta' },
  });
  expect(create.changes).toEqual(
    expect.arrayContaining([
      { field: 'name', before: null, after: 'Okta' },
      { field: 'role', before: null, after: 'user-admin' },
      { field: 'token', changed: true },
    ]),
  );
  expect(await auditTrailText(h)).not.toContain(made.token);

  expect((await h.http.delete(`/api/scim/tokens/${made.id}`).set(bearer(admin))).status).toBe(200);
  const revoke = await latestAuditEvent(h, admin, 'scim-token.revoke');
  expect(revoke).toMatchObject({
    actor: { kind: 'account', code: 'Admin' },
    target: { type: 'scim-token', code: 'Okta' },
  });
  expect(revoke.changes).toEqual([{ field: 'revokedAt', before: null, after: expect.any(String) }]);
  // Revoking again changes nothing and records nothing.
  expect((await h.http.delete(`/api/scim/tokens/${made.id}`).set(bearer(admin))).status).toBe(200);
  expect(await auditEvents(h, admin, { action: 'scim-token.revoke' })).toHaveLength(1);
});

it('records a change of the provisioning defaults with the fields before → after, and refusals of others', async () => {
  const changed = await h.http
    .patch('/api/scim/provisioning')
    .set(bearer(admin))
    .send({ issueOnCreate: true, type: 'own' });
  expect(changed.status).toBe(200);
  const event = await latestAuditEvent(h, admin, 'scim-provisioning.update');
  expect(event).toMatchObject({
    actionText: 'SCIM既定値の変更',
    actor: { kind: 'account', code: 'Admin' },
    target: { type: 'scim-provisioning' },
    changes: [{ field: 'issueOnCreate', before: false, after: true }],
  });
  // The same values again: nothing changed, nothing recorded.
  await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ issueOnCreate: true }).expect(200);
  expect(await auditEvents(h, admin, { action: 'scim-provisioning.update' })).toHaveLength(1);

  // A role without settings:write (a custom role, an employee) and another company's administrator: refused,
  // recorded as refused, and nothing changed.
  await defineRole(h, admin, 'settings-reader', ['settings:read', 'accounts:read']);
  const reader = await readySession(h, admin, 'SAR1', 'settings-reader');
  const employee = await readySession(h, admin, 'SAE1', 'employee');
  for (const session of [reader, employee]) {
    expect(
      (await h.http.patch('/api/scim/provisioning').set(bearer(session)).send({ issueOnCreate: false })).status,
    ).toBe(403);
    expect(
      (await h.http.post('/api/scim/tokens').set(bearer(session)).send({ name: 'n', roleCode: 'employee' })).status,
    ).toBe(403);
  }
  const refusals = await auditEvents(h, admin, { action: 'access.refused', actor: 'SAR1' });
  expect(refusals.map((refusal) => refusal.details?.operation).sort()).toEqual([
    'PATCH /api/scim/provisioning',
    'POST /api/scim/tokens',
  ]);
  const other = await otherCompanyAdmin(h);
  await h.http.patch('/api/scim/provisioning').set(bearer(other)).send({ issueOnCreate: true }).expect(200);
  expect((await h.http.get('/api/scim/provisioning').set(bearer(admin))).body.issueOnCreate).toBe(true);
  await h.http.patch('/api/scim/provisioning').set(bearer(other)).send({ issueOnCreate: false }).expect(200);
  expect((await h.http.get('/api/scim/provisioning').set(bearer(admin))).body.issueOnCreate).toBe(true);
  expect(await auditEvents(h, admin, { action: 'scim-provisioning.update' })).toHaveLength(1);
  expect(await auditEvents(h, other, { action: 'scim-provisioning.update' })).toHaveLength(2);
});
