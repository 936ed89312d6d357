import type { BulkRunProgress } from '../contract';
import { classifySmtpError } from '../lib/smtp-errors';
import { adminToken, createAccount, eventually, startIssuance } from './support/api';
import { insertAccounts } from './support/bulk-accounts';
import { createHarness, type Harness } from './support/harness';

/**
 * SMTP failures against the real in-process SMTP server refusing recipients: a 5xx ends the issuance at once
 * with the server's reply as the reason, a 4xx is retried (and delivered once the server accepts), and a 4xx
 * that lasts past the delivery deadline ends the issuance too. The deadline is 8 s here instead of hours.
 */
let h: Harness;
let admin: string;
const deadlineMs = 8_000;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', mailDeliveryDeadlineMs: deadlineMs });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

async function issuanceOf(code: string) {
  const res = await h.http.get(`/api/accounts/${code}/issuances`).set('Authorization', `Bearer ${admin}`);
  expect(res.status).toBe(200);
  return res.body.items[0] as { status: string; failureReason: string | null };
}

describe('SMTP failure classes', () => {
  it('classifies nodemailer errors: 5xx permanent, 4xx, 503, auth and connection errors temporary', () => {
    const reply = (responseCode: number, response: string, code = 'EENVELOPE') => ({ responseCode, response, code });
    expect(classifySmtpError(reply(550, '550 5.1.1 <x@example.test>: user unknown'))).toEqual({
      failureClass: 'permanent',
      reason: '550 5.1.1 <x@example.test>: user unknown',
      responseCode: 550,
    });
    expect(classifySmtpError(reply(554, '554 5.7.1 rejected')).failureClass).toBe('permanent');
    expect(classifySmtpError(reply(451, '451 4.3.0 try again later')).failureClass).toBe('temporary');
    expect(classifySmtpError(reply(503, '503 5.5.1 bad sequence')).failureClass).toBe('temporary');
    expect(classifySmtpError(reply(535, '535 5.7.8 bad credentials', 'EAUTH')).failureClass).toBe('temporary');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' });
    expect(classifySmtpError(refused)).toEqual({ failureClass: 'temporary', reason: refused.message });
  });

  it('a 550 rejection fails the issuance at once with the SMTP reply as the reason, without retries', async () => {
    const address = 'nobody@example.test';
    h.smtp.rejections.set(address, { code: 550, message: '5.1.1 <nobody@example.test>: Recipient address rejected' });
    await createAccount(h, admin, { code: 'S0001', emails: [address] });
    expect((await startIssuance(h, admin, 'S0001')).status).toBe(202);

    const failed = await eventually(async () => {
      const issuance = await issuanceOf('S0001');
      expect(issuance.status).toBe('failed');
      return issuance;
    }, 30_000);
    expect(failed.failureReason).toMatch(/^550 5\.1\.1 <nobody@example\.test>: Recipient address rejected/);
    expect(h.smtp.rejectedAttempts.get(address)).toBe(1);
    const result = await h.env.client.workflow.getHandle('issuance-acme-S0001-1').result();
    expect(result).toEqual({ issuanceId: expect.any(String), outcome: 'failed' });
  });

  it('a 451 is retried with backoff and the mail goes out once the server accepts it', async () => {
    const address = 'busy@example.test';
    h.smtp.rejections.set(address, { code: 451, message: '4.3.0 Try again later' });
    await createAccount(h, admin, { code: 'S0002', emails: [address] });
    expect((await startIssuance(h, admin, 'S0002')).status).toBe(202);

    await eventually(async () => expect(h.smtp.rejectedAttempts.get(address)).toBeGreaterThanOrEqual(2), 20_000);
    expect((await issuanceOf('S0002')).status).toBe('sending');
    h.smtp.rejections.delete(address);
    await h.smtp.waitFor((mail) => mail.to.includes(address), 30_000);
    await eventually(async () => expect((await issuanceOf('S0002')).status).toBe('pending'), 10_000);
  });

  it('a 451 that lasts past the delivery deadline fails the issuance with the last reply', async () => {
    const address = 'greylisted@example.test';
    h.smtp.rejections.set(address, { code: 451, message: '4.7.1 Greylisted, please try again' });
    await createAccount(h, admin, { code: 'S0003', emails: [address] });
    const started = Date.now();
    expect((await startIssuance(h, admin, 'S0003')).status).toBe(202);

    const failed = await eventually(async () => {
      const issuance = await issuanceOf('S0003');
      expect(issuance.status).toBe('failed');
      return issuance;
    }, 60_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(deadlineMs);
    expect(failed.failureReason).toMatch(/^not delivered within \d+ minutes: 451 4\.7\.1 Greylisted/);
    expect(h.smtp.rejectedAttempts.get(address)).toBeGreaterThanOrEqual(2);
  });

  it('a bulk run counts a refused address as failed, with the reason, and finishes', async () => {
    const refused = 'bulk-refused@example.test';
    h.smtp.rejections.set(refused, { code: 550, message: '5.1.1 User unknown' });
    await insertAccounts(h, [
      { code: 'R0001', emails: ['bulk-ok-1@example.test'] },
      { code: 'R0002', emails: [refused] },
      { code: 'R0003', emails: ['bulk-ok-3@example.test'] },
    ]);
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: 'R0001' }, { code: 'R0002' }, { code: 'R0003' }] });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;

    const done = await eventually(async () => {
      const res = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body.finishedAt).not.toBeNull();
      return res.body as { progress: BulkRunProgress };
    }, 60_000);
    expect(done.progress).toMatchObject({ total: 3, failed: 1, pendingVerification: 2, sending: 0, queued: 0 });
    expect(done.progress.failures).toEqual([
      { accountCode: 'R0002', outcome: 'failed', reason: expect.stringMatching(/^550 5\.1\.1 User unknown/) },
    ]);
  });

  it('while the server defers (451) a run says why and since when, with no seconds-left estimate; then it ends', async () => {
    const deferred = 'bulk-deferred@example.test';
    h.smtp.rejections.set(deferred, { code: 451, message: '4.3.0 try again later' });
    await insertAccounts(h, [{ code: 'D0001', emails: [deferred] }]);
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: 'D0001' }] });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const read = async () =>
      (await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`)).body as {
        finishedAt: string | null;
        progress: BulkRunProgress & { deliveryProblem: { message: string } | null };
      };

    const failing = await eventually(async () => {
      const run = await read();
      expect(run.progress.deliveryProblem).not.toBeNull();
      return run;
    }, 30_000);
    expect(failing.progress).toMatchObject({
      sending: 1,
      estimatedSecondsRemaining: null,
      deliveryProblem: {
        reason: 'SMTP 451',
        mails: 1,
        message: 'メールサーバーが一時的に受け付けません(SMTP 451)。送信を再試行しています。',
      },
    });
    expect(Date.parse(failing.progress.deliveryProblem!.since as unknown as string)).not.toBeNaN();
    const english = await h.http
      .get(`/api/email-issuances/bulk/${runId}`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept-Language', 'en');
    expect(english.body.progress.deliveryProblem?.message ?? 'sent meanwhile').toMatch(
      /refuses for now \(SMTP 451\)|sent meanwhile/,
    );

    // The server accepts again (or the deadline passes): the mail leaves `sending`, and the problem with it.
    h.smtp.rejections.delete(deferred);
    const done = await eventually(async () => {
      const run = await read();
      expect(run.finishedAt).not.toBeNull();
      return run;
    }, 60_000);
    expect(done.progress.deliveryProblem).toBeNull();
    expect(typeof done.progress.estimatedSecondsRemaining).toBe('number');
  });
});
