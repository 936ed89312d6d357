import { ref } from '@mikro-orm/postgresql';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createIssueBulkNoticeChunk } from '../activities/bulk-password-notice';
import { createIssuePasswordNotice } from '../activities/issue-password-notice';
import { bulkPdfProgressQuery, bulkPdfWorkflowId, TaskQueues, workflowTypes } from '../contract';
import { passwordNoticePath } from '../domain/issuance/password-notice-download';
import { generateToken } from '../lib/secret-box';
import { Account, Issuance, PasswordNotice, PasswordNoticeItem } from '../entities';
import { adminToken, createAccount, eventually, getAccount, login, startIssuance } from './support/api';
import { createHarness, publicBaseUrl, testSecretBox, type Harness } from './support/harness';
import { collectPayloadText } from './support/history';
import { insertAccount } from './support/rows';

// pdf-parse's package entry point reads a sample file when required; its library module does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

function startPdfIssuance(code: string, token = admin) {
  return h.http.post(`/api/accounts/${code}/pdf-issuances`).set('Authorization', `Bearer ${token}`).send({});
}

function download(url: string, token: string | null = admin) {
  const req = h.http.get(new URL(url).pathname);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

async function readNotice(url: string): Promise<{ text: string; pages: number; password: string }> {
  const res = await download(url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="password-notices?-.+\.pdf"$/);
  const parsed = await pdfParse(res.body as Buffer);
  const password = /パスワード: (\S+)/.exec(parsed.text)?.[1] ?? /Password: (\S+)/.exec(parsed.text)?.[1];
  if (!password) throw new Error(`no password in the notice: ${parsed.text}`);
  return { text: parsed.text, pages: parsed.numpages, password };
}

async function issued(code: string, token = admin) {
  const res = await startPdfIssuance(code, token);
  expect(res.status).toBe(202);
  expect(res.body.download.ready).toBe(true);
  return res.body as { workflowId: string; kind: string; download: { url: string; expiresAt: string } };
}

const passwords: string[] = [];
const links: string[] = [];
const workflowIds: string[] = [];

describe('PDF issuance for one employee (●PDFで且つ個別発行)', () => {
  it('renders a notice that is downloaded once, holds the name and login id, and whose password logs in', async () => {
    await createAccount(h, admin, { code: 'P0001', lastName: '佐藤', firstName: '花子' });

    const started = await issued('P0001');
    expect(started).toMatchObject({ workflowId: 'pdf-acme-P0001-1', kind: 'initial', requestedBy: 'Admin' });
    expect(Date.parse(started.download.expiresAt) - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(started.download.url).toMatch(/\/api\/password-notices\/[A-Za-z0-9_-]{43}$/);
    links.push(started.download.url);
    workflowIds.push(started.workflowId);
    expect((await getAccount(h, admin, 'P0001')).statusLabels).toEqual({ password: 'PDF発行済', auth: '未' });

    expect((await download(started.download.url, null)).status).toBe(401);

    const notice = await readNotice(started.download.url);
    passwords.push(notice.password);
    expect(notice.pages).toBe(1);
    expect(notice.text).toContain('パスワード通知書');
    expect(notice.text).toContain('佐藤 花子');
    expect(notice.text).toContain('ログインID: P0001');
    expect(notice.text).toContain('企業コード: acme');
    expect(notice.text).toContain('初回ログイン時にパスワードの変更が必要です');
    expect(notice.password.length).toBeGreaterThanOrEqual(12);

    const again = await download(started.download.url);
    expect(again.status).toBe(410);
    expect(JSON.parse((again.body as Buffer).toString('utf8'))).toMatchObject({
      error: { code: 'NOTICE_ALREADY_FETCHED' },
    });
    expect((await getAccount(h, admin, 'P0001')).statusLabels).toEqual({ password: '発行済', auth: '未' });
    const stored = await h.db.orm.em.fork().findOneOrFail(
      PasswordNotice,
      { account: { code: 'P0001' } },
      {
        populate: ['sealedContent'] as never,
      },
    );
    expect(stored.sealedContent).toBeNull();
    expect(stored.fetchedAt).toBeInstanceOf(Date);
    // The download ends the workflow at once, not when the 15-minute link would have expired.
    const result = await h.env.client.workflow.getHandle(started.workflowId).result();
    expect(result).toEqual({ issuanceId: expect.any(String), outcome: 'issued' });

    const session = await login(h, 'P0001', notice.password);
    expect(session.status).toBe(200);
    expect(session.body.mustChangePassword).toBe(true);
  });

  it('reissues: the old password stops at once, an earlier unfetched notice is refused, the new one works', async () => {
    const second = await issued('P0001');
    expect(second).toMatchObject({ workflowId: 'pdf-acme-P0001-2', kind: 'reissue-direct' });
    workflowIds.push(second.workflowId);
    expect((await login(h, 'P0001', passwords[0]!)).status).toBe(401);

    const third = await issued('P0001');
    workflowIds.push(third.workflowId);
    const refused = await download(second.download.url);
    expect(refused.status).toBe(410);
    expect(JSON.parse((refused.body as Buffer).toString('utf8')).error.code).toBe('NOTICE_SUPERSEDED');

    const notice = await readNotice(third.download.url);
    passwords.push(notice.password);
    expect((await login(h, 'P0001', notice.password)).status).toBe(200);
    expect((await login(h, 'P0001', passwords[0]!)).status).toBe(401);
    const history = await h.http.get('/api/accounts/P0001/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items.map((row: { channel: string; status: string }) => [row.channel, row.status])).toEqual([
      ['pdf', 'issued'],
      ['pdf', 'issued'],
      ['pdf', 'issued'],
    ]);
  });

  it('an e-mail issuance ends an unfetched PDF notice of the same account', async () => {
    await createAccount(h, admin, { code: 'P0002', emails: ['p0002@example.test'] });
    const pdf = await issued('P0002');
    workflowIds.push(pdf.workflowId);
    expect((await startIssuance(h, admin, 'P0002')).status).toBe(202);
    const refused = await download(pdf.download.url);
    expect(refused.status).toBe(410);
    await h.smtp.waitFor((m) => m.to.includes('p0002@example.test'));
  });

  it('refuses unknown and disabled accounts and malformed links', async () => {
    expect((await startPdfIssuance('NOPE')).status).toBe(404);
    const malformed = await download('http://x/api/password-notices/short');
    expect(malformed.status).toBe(400);
    const unknown = await download(`http://x/api/password-notices/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
  });
});

describe('bulk PDF issuance (●PDF且つ一括発行)', () => {
  const codes = ['B0005', 'B0001', 'B0007', 'B0003', 'B0002', 'B0006', 'B0004'];

  beforeAll(async () => {
    for (const code of [...codes, 'B0099']) await insertAccount(h, { code });
    await h.db.orm.em.fork().nativeUpdate(Account, { code: 'B0099' }, { disabled: true });
  });

  function startBulk(accountCodes: string[]) {
    return h.http.post('/api/pdf-issuances').set('Authorization', `Bearer ${admin}`).send({ accountCodes });
  }

  it('refuses unknown and repeated accounts with the field, and a run with everyone excluded, before anything starts', async () => {
    const unknown = await startBulk(['B0001', 'NOPE']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', field: 'accountCodes.1' });
    const onlyDisabled = await startBulk(['B0099']);
    expect(onlyDisabled.status).toBe(409);
    expect(onlyDisabled.body.error).toMatchObject({ code: 'NOTHING_TO_ISSUE', field: 'accountCodes' });
    const twice = await startBulk(['B0001', 'B0002', 'B0001']);
    expect(twice.status).toBe(400);
    expect(twice.body.error.field).toBe('accountCodes.2');
    expect(await h.db.orm.em.fork().count(PasswordNotice, { bulkTotal: { $ne: null } })).toBe(0);
    expect((await getAccount(h, admin, 'B0001')).statusLabels.password).toBe('未発行');
  });

  it('makes one PDF with a page per employee in code order, each password logs in, fetched once', async () => {
    const started = await startBulk(codes);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 7, workflowId: `pdf-bulk-acme-${started.body.id}` });
    workflowIds.push(started.body.workflowId);
    links.push(started.body.download.url);
    const status = await eventually(async () => {
      const res = await h.http.get(`/api/pdf-issuances/${started.body.id}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body).toMatchObject({ done: 7, total: 7, stage: 'ready', download: { ready: true } });
      return res.body;
    });
    expect(status.download.url).toBeNull();
    expect((await getAccount(h, admin, 'B0003')).statusLabels.password).toBe('PDF発行済');

    const notice = await readNotice(started.body.download.url);
    expect(notice.pages).toBe(7);
    const pages = [...notice.text.matchAll(/ログインID: (\S+)\nパスワード: (\S+)/g)].map(
      (m) => [m[1]!, m[2]!] as const,
    );
    expect(pages.map(([code]) => code)).toEqual([...codes].sort());
    expect(notice.text).toContain('試験 B0001');
    for (const [code, password] of pages) {
      passwords.push(password);
      const session = await login(h, code, password);
      expect([code, session.status, session.body.mustChangePassword]).toEqual([code, 200, true]);
    }
    expect(new Set(pages.map(([, password]) => password)).size).toBe(7);

    expect((await download(started.body.download.url)).status).toBe(410);
    const result = await h.env.client.workflow.getHandle(started.body.workflowId).result();
    expect(result).toEqual({ done: 7, total: 7, stage: 'fetched' });
    expect((await getAccount(h, admin, 'B0003')).statusLabels.password).toBe('発行済');
    const items = await h.db.orm.em
      .fork()
      .find(PasswordNoticeItem, { notice: started.body.id }, { populate: ['sealedPassword'] as never });
    expect(items.map((item) => item.sealedPassword ?? null)).toEqual(Array(7).fill(null));
  });
});

describe('a bulk PDF run leaves out employees whose notice is still unfetched (reissue is one person at a time)', () => {
  /** Starts a bulk run and waits for its PDF; answers the start's body. */
  async function readyBulk(accountCodes: string[]) {
    const started = await h.http
      .post('/api/pdf-issuances')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accountCodes });
    expect(started.status).toBe(202);
    await eventually(async () => {
      const res = await h.http.get(`/api/pdf-issuances/${started.body.id}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body).toMatchObject({ stage: 'ready' });
    });
    return started.body as { total: number; excluded: unknown[]; download: { url: string } };
  }

  it('leaves out an employee with an unfetched single or bulk notice (ALREADY_ISSUED); that notice stays valid', async () => {
    for (const code of ['E0001', 'E0002', 'E0003', 'E0004', 'E0009']) await insertAccount(h, { code });
    const singleOfFirst = (await issued('E0001')).download.url;
    const singleOfOther = (await issued('E0009')).download.url;
    const firstBulk = await readyBulk(['E0001', 'E0002']);
    expect(firstBulk).toMatchObject({ total: 1, excluded: [{ code: 'E0001', reason: 'ALREADY_ISSUED' }] });
    expect((await readNotice(singleOfFirst)).pages).toBe(1);
    const secondBulk = await readyBulk(['E0002', 'E0003', 'E0004']);
    expect(secondBulk).toMatchObject({ total: 2, excluded: [{ code: 'E0002', reason: 'ALREADY_ISSUED' }] });
    // The first bulk notice keeps E0002's page: the second run left E0002 out.
    expect((await readNotice(firstBulk.download.url)).text).toContain('ログインID: E0002');
    expect((await readNotice(singleOfOther)).pages).toBe(1);
    const second = await readNotice(secondBulk.download.url);
    expect(second.pages).toBe(2);
    const pages = [...second.text.matchAll(/ログインID: (\S+)\nパスワード: (\S+)/g)].map(
      (m) => [m[1]!, m[2]!] as const,
    );
    expect(pages.map(([code]) => code)).toEqual(['E0003', 'E0004']);
    for (const [code, password] of pages) expect([code, (await login(h, code, password)).status]).toEqual([code, 200]);
  });
});

describe('a bulk PDF run in several chunks', () => {
  it('keeps two chunks in flight and still gives every employee one page in code order whose password logs in', async () => {
    const codes = ['M0006', 'M0002', 'M0007', 'M0001', 'M0005', 'M0003', 'M0004'];
    for (const code of codes) await insertAccount(h, { code });
    const em = h.db.orm.em.fork();
    const accounts = await em.find(Account, { code: { $in: codes } }, { orderBy: { code: 'asc' } });
    const requester = await em.findOneOrFail(Account, { code: 'Admin' });
    const token = generateToken();
    const notice = new PasswordNotice({
      company: requester.company,
      downloadTokenHash: testSecretBox.hashToken(token),
      expiresAt: new Date(Date.now() + 3600_000),
      bulkTotal: accounts.length,
      requestedBy: ref(requester),
    });
    em.persist(notice);
    accounts.forEach((account, position) =>
      em.persist(new PasswordNoticeItem({ notice: ref(notice), position, account: ref(account) })),
    );
    await em.flush();
    const workflowId = bulkPdfWorkflowId('acme', notice.id);
    // Chunks of two: four chunk activities, two of them at a time.
    const run = await h.env.client.workflow.start(workflowTypes.bulkPdfIssuance, {
      taskQueue: TaskQueues.main,
      workflowId,
      args: [{ noticeId: notice.id, workflowId, total: accounts.length, chunkSize: 2, discardAfterMs: 3600_000 }],
    });
    await eventually(async () => {
      expect(await run.query(bulkPdfProgressQuery)).toEqual({ done: 7, total: 7, stage: 'ready' });
    });
    const history = await run.fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.filter((event) => event.activityTaskScheduledEventAttributes);
    // The second chunk is scheduled before the first completes.
    expect(events.indexOf(scheduled[1]!)).toBeLessThan(
      events.findIndex((event) => event.activityTaskCompletedEventAttributes),
    );
    expect(scheduled.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual([
      ...Array(4).fill('issueBulkNoticeChunk'),
      'assembleBulkNotice',
    ]);
    const read = await readNotice(`${publicBaseUrl}${passwordNoticePath(token)}`);
    expect(read.pages).toBe(7);
    const pages = [...read.text.matchAll(/ログインID: (\S+)\nパスワード: (\S+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(pages.map(([code]) => code)).toEqual([...codes].sort());
    for (const [code, password] of pages) expect([code, (await login(h, code, password)).status]).toEqual([code, 200]);
    expect(await em.fork().count(Issuance, { account: { $in: accounts.map((account) => account.id) } })).toBe(7);
  });
});

describe('bulk PDF and bulk e-mail treat excluded employees alike', () => {
  it('previews first issuances and exclusions with the reason (already issued, disabled), and the run leaves out the disabled', async () => {
    await insertAccount(h, { code: 'B0008' });
    for (const code of ['B0008', 'B0099', 'B0001'])
      await h.db.orm.em.fork().nativeUpdate(Account, { code }, { email1: `${code.toLowerCase()}@example.test` });
    const selection = ['B0008', 'B0001', 'B0099'];
    const preview = await h.http
      .post('/api/pdf-issuances/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accountCodes: selection });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ included: 1, reissues: 0, excluded: 2 });
    expect(preview.body.lines).toEqual([
      expect.objectContaining({
        code: 'B0008',
        action: 'first-issuance',
        actionLabel: '新規発行',
        exclusionLabel: null,
      }),
      expect.objectContaining({
        code: 'B0001',
        reissue: true,
        included: false,
        action: 'excluded',
        actionLabel: '対象外',
        exclusionReason: 'ALREADY_ISSUED',
        exclusionLabel: '再発行は個別に行ってください',
      }),
      expect.objectContaining({
        code: 'B0099',
        included: false,
        action: 'excluded',
        exclusionReason: 'ACCOUNT_DISABLED',
        exclusionLabel: '無効のアカウントのため対象外',
      }),
    ]);
    const emailPreview = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: selection.map((code) => ({ code })) });
    expect(emailPreview.status).toBe(200);
    expect(
      emailPreview.body.lines.map((line: { code: string; action: string; exclusionReason: string | null }) => [
        line.code,
        line.action,
        line.exclusionReason,
      ]),
    ).toEqual(
      preview.body.lines.map((line: { code: string; action: string; exclusionReason: string | null }) => [
        line.code,
        line.action,
        line.exclusionReason,
      ]),
    );

    const started = await h.http
      .post('/api/pdf-issuances')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accountCodes: ['B0099', 'B0008'] });
    expect(started.status).toBe(202);
    workflowIds.push(started.body.workflowId);
    expect(started.body).toMatchObject({
      total: 1,
      reissues: 0,
      excluded: [{ code: 'B0099', reason: 'ACCOUNT_DISABLED' }],
    });
    await eventually(async () => {
      const res = await h.http.get(`/api/pdf-issuances/${started.body.id}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body.stage).toBe('ready');
    });
    const notice = await readNotice(started.body.download.url);
    expect(notice.pages).toBe(1);
    expect(notice.text).toContain('ログインID: B0008');
    expect(notice.text).not.toContain('B0099');
    expect((await getAccount(h, admin, 'B0099')).statusLabels.password).toBe('未発行');

    const emailRun = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: 'B0099' }] });
    expect(emailRun.status).toBe(202);
    expect(emailRun.body.lines[0]).toMatchObject({ included: false, exclusionReason: 'ACCOUNT_DISABLED' });
  });
});

describe('retried activities', () => {
  const deps = () => ({
    orm: h.db.orm,
    mailer: { send: () => Promise.reject(new Error('no mail on this channel')) } as never,
    secretBox: testSecretBox,
    publicBaseUrl,
    logger: h.logger,
  });

  async function stateOf(code: string) {
    const em = h.db.orm.em.fork();
    const account = await em.findOneOrFail(Account, { code }, { populate: ['passwordHash'] as never });
    const notices = await em.find(PasswordNotice, {}, { populate: ['sealedContent'] as never });
    return { hash: account.passwordHash, sealed: notices.map((notice) => notice.sealedContent ?? null).sort() };
  }

  it('a retried single issuance or chunk keeps the password it already set', async () => {
    await createAccount(h, admin, { code: 'R0001' });
    await issued('R0001');
    const issuance = await h.db.orm.em
      .fork()
      .findOneOrFail(Issuance, { account: { code: 'R0001' } }, { orderBy: { sequence: 'desc' } });
    const before = await stateOf('R0001');
    expect(await createIssuePasswordNotice(deps())(issuance.id)).toEqual({ state: 'issued' });
    expect(await stateOf('R0001')).toEqual(before);

    const bulk = await h.db.orm.em.fork().findOneOrFail(PasswordNotice, { bulkTotal: 7 });
    const bulkBefore = await stateOf('B0001');
    const chunk = await new MockActivityEnvironment().run(
      createIssueBulkNoticeChunk(deps()),
      bulk.id,
      'pdf-bulk-retry',
      0,
      50,
    );
    expect(chunk).toEqual({ done: 7, stopped: false });
    expect(await stateOf('B0001')).toEqual(bulkBefore);
  });
});

describe('secrets', () => {
  it('keeps the passwords out of every table, workflow history and log line', async () => {
    const dump = await h.db.dumpAllTables();
    expect(dump).toContain('P0001');
    const histories: string[] = [];
    for (const workflowId of workflowIds) {
      const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
      histories.push(collectPayloadText(history));
    }
    expect(histories.join('\n')).toContain('issuanceId');
    const logs = h.logLines.join('');
    expect(logs).toContain('password notice rendered');
    for (const password of passwords) {
      expect(dump).not.toContain(password);
      expect(histories.join('\n')).not.toContain(password);
      expect(logs).not.toContain(password);
    }
    for (const link of links) {
      const token = link.split('/').pop()!;
      expect(logs).not.toContain(token);
      expect(dump).not.toContain(token);
    }
    await eventually(async () => expect(logs).toContain('/api/password-notices/[redacted]'));
  });
});
