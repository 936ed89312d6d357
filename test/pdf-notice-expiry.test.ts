import type { BulkPdfProgress, PdfIssuanceResult } from '../contract';
import { Account, Issuance } from '../entities';
import { adminToken, createAccount, getAccount } from './support/api';
import { createHarness, type Harness } from './support/harness';

/** A PDF notice nobody downloaded before its link expired, on the time-skipping server. */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'time-skipping' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const expiredLabels = { password: 'PDF未取得/期限切れ', auth: '未' };

function download(url: string) {
  return h.http.get(new URL(url).pathname).set('Authorization', `Bearer ${admin}`);
}

async function passwordHashOf(code: string): Promise<string | null> {
  const account = await h.db.orm.em.fork().findOneOrFail(Account, { code }, { populate: ['passwordHash'] as never });
  return account.passwordHash ?? null;
}

async function listed(code: string) {
  const res = await h.http.get('/api/accounts').query({ code }).set('Authorization', `Bearer ${admin}`);
  expect(res.status).toBe(200);
  return (res.body.items as { code: string; passwordStatus: string; statusLabels: unknown }[]).find(
    (item) => item.code === code,
  );
}

it('an unfetched single notice becomes PDF未取得/期限切れ when its link expires: no password works, a first issuance follows', async () => {
  await createAccount(h, admin, { code: 'N0001' });
  const started = await h.http.post('/api/accounts/N0001/pdf-issuances').set('Authorization', `Bearer ${admin}`);
  expect(started.status).toBe(202);
  expect(started.body.kind).toBe('initial');
  expect((await getAccount(h, admin, 'N0001')).statusLabels).toEqual({ password: 'PDF発行済', auth: '未' });
  expect(await passwordHashOf('N0001')).not.toBeNull();

  // Waiting for the result lets the server skip past the 15-minute link.
  const result: PdfIssuanceResult = await h.env.client.workflow.getHandle(started.body.workflowId).result();
  expect(result.outcome).toBe('issued');

  const account = await getAccount(h, admin, 'N0001');
  expect(account.passwordStatus).toBe('notice-expired');
  expect(account.statusLabels).toEqual(expiredLabels);
  expect(await listed('N0001')).toMatchObject({ passwordStatus: 'notice-expired', statusLabels: expiredLabels });
  expect(await passwordHashOf('N0001')).toBeNull();
  expect((await download(started.body.download.url)).status).toBe(410);
  const history = await h.db.orm.em.fork().find(Issuance, { account: { code: 'N0001' } });
  expect(history.map((row) => row.status)).toEqual(['expired']);

  // Nobody ever received a password: the next issuance is a first issuance again, and it works.
  const again = await h.http.post('/api/accounts/N0001/pdf-issuances').set('Authorization', `Bearer ${admin}`);
  expect(again.status).toBe(202);
  expect(again.body.kind).toBe('initial');
  expect((await download(again.body.download.url)).status).toBe(200);
  expect((await getAccount(h, admin, 'N0001')).statusLabels.password).toBe('発行済');
});

it('an unfetched bulk notice leaves every employee of it PDF未取得/期限切れ; a fetched one stays 発行済', async () => {
  for (const code of ['N0002', 'N0003', 'N0004']) await createAccount(h, admin, { code });
  const fetched = await h.http
    .post('/api/pdf-issuances')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accountCodes: ['N0004'] });
  expect(fetched.status).toBe(202);
  expect(fetched.body.download.ready).toBe(true);
  expect((await download(fetched.body.download.url)).status).toBe(200);

  const unfetched = await h.http
    .post('/api/pdf-issuances')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accountCodes: ['N0002', 'N0003'] });
  expect(unfetched.status).toBe(202);
  const result: BulkPdfProgress = await h.env.client.workflow.getHandle(unfetched.body.workflowId).result();
  expect(result.stage).toBe('discarded');

  for (const code of ['N0002', 'N0003']) {
    expect((await getAccount(h, admin, code)).statusLabels).toEqual(expiredLabels);
    expect(await passwordHashOf(code)).toBeNull();
  }
  expect((await getAccount(h, admin, 'N0004')).statusLabels.password).toBe('発行済');
  expect(await passwordHashOf('N0004')).not.toBeNull();
  const preview = await h.http
    .post('/api/pdf-issuances/preview')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accountCodes: ['N0002'] });
  expect(preview.body.lines[0]).toMatchObject({ action: 'first-issuance', included: true });
});
