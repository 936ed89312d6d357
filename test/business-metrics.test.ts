import { adminToken, createAccount, eventually, startIssuance, verificationPath } from './support/api';
import { createHarness, type Harness } from './support/harness';
import { metricValue as value } from './support/metrics';

/**
 * The business metrics, one event at a time through HTTP against the real worker, SMTP server and PostgreSQL:
 * each test reads `/metrics` before and after and asserts the sample moved by exactly what the event means.
 * The delivery deadline is 5 s here, so that a lasting 451 ends an issuance within the test.
 */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', mailDeliveryDeadlineMs: 5_000 });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

async function scrape(): Promise<string> {
  const res = await h.http.get('/metrics');
  expect(res.status).toBe(200);
  return res.text;
}

async function statusOf(code: string, index = 0): Promise<string> {
  const res = await h.http.get(`/api/accounts/${code}/issuances`).set('Authorization', `Bearer ${admin}`);
  expect(res.status).toBe(200);
  return (res.body.items[index] as { status: string }).status;
}

/**
 * Starts an issuance for a new account whose address the SMTP server answers with `reply`, waits until it
 * failed and `issuances_failed_total{reason}` moved by exactly one, and answers the scrapes before and after.
 */
async function failingIssuance(
  code: string,
  address: string,
  reply: { code: number; message: string },
  reason: string,
): Promise<{ before: string; after: string }> {
  h.smtp.rejections.set(address, reply);
  await createAccount(h, admin, { code, emails: [address] });
  const before = await scrape();
  const failed = { channel: 'email', reason };
  expect((await startIssuance(h, admin, code)).status).toBe(202);
  await eventually(async () => expect(await statusOf(code)).toBe('failed'), 60_000);
  const after = await eventually(async () => {
    const text = await scrape();
    expect(value(text, 'issuances_failed_total', failed)).toBe(value(before, 'issuances_failed_total', failed) + 1);
    return text;
  });
  return { before, after };
}

const email = { channel: 'email' };
const open = (state: string) => ({ state, channel: 'email' });

describe('business metrics read from /metrics after the event', () => {
  it('lists issuances_open for every open state and channel, 0 included', async () => {
    const metrics = await scrape();
    expect(metrics).toContain('# TYPE issuances_open gauge');
    for (const state of ['sending', 'pending', 'verified']) {
      for (const channel of ['email', 'pdf']) {
        expect(metrics).toMatch(
          new RegExp(`^issuances_open\\{(?=.*state="${state}")(?=.*channel="${channel}").*\\} \\d+$`, 'm'),
        );
      }
    }
    expect(metrics).not.toMatch(/^issuances_open\{[^}]*state="(issued|expired|failed|superseded)"/m);
  });

  it('an issuance started and its mail sent: started +1, sent +1, one more pending in issuances_open', async () => {
    await createAccount(h, admin, { code: 'B0001', emails: ['started@example.test'] });
    const before = await scrape();
    expect((await startIssuance(h, admin, 'B0001')).status).toBe(202);
    await h.smtp.waitFor((mail) => mail.to.includes('started@example.test'));
    await eventually(async () => expect(await statusOf('B0001')).toBe('pending'));

    const after = await eventually(async () => {
      const text = await scrape();
      expect(value(text, 'issuances_sent_total', email)).toBe(value(before, 'issuances_sent_total', email) + 1);
      return text;
    });
    expect(value(after, 'issuances_started_total', email)).toBe(value(before, 'issuances_started_total', email) + 1);
    expect(value(after, 'issuances_open', open('pending'))).toBe(value(before, 'issuances_open', open('pending')) + 1);
    expect(value(after, 'issuances_open', open('sending'))).toBe(value(before, 'issuances_open', open('sending')));
  });

  it('the click on one link of a round: verified +1, issued +1, the other link superseded +1, two fewer pending', async () => {
    await createAccount(h, admin, { code: 'B0002', emails: ['round-1@example.test', 'round-2@example.test'] });
    expect((await startIssuance(h, admin, 'B0002', { emailSlot: 1 })).status).toBe(202);
    await h.smtp.waitFor((mail) => mail.to.includes('round-1@example.test'));
    expect((await startIssuance(h, admin, 'B0002', { emailSlot: 2 })).status).toBe(202);
    const second = await h.smtp.waitFor((mail) => mail.to.includes('round-2@example.test'));
    await eventually(async () =>
      expect([await statusOf('B0002', 0), await statusOf('B0002', 1)]).toEqual(['pending', 'pending']),
    );
    const before = await scrape();

    expect((await h.http.post(verificationPath(second))).status).toBe(200);
    await h.smtp.waitFor((mail) => mail.to.includes('round-2@example.test') && mail !== second);
    const after = await eventually(async () => {
      const text = await scrape();
      expect(value(text, 'issuances_issued_total', email)).toBe(value(before, 'issuances_issued_total', email) + 1);
      expect(value(text, 'issuances_superseded_total', email)).toBe(
        value(before, 'issuances_superseded_total', email) + 1,
      );
      return text;
    });
    expect(value(after, 'issuances_verified_total', email)).toBe(value(before, 'issuances_verified_total', email) + 1);
    expect(value(after, 'issuances_open', open('pending'))).toBe(value(before, 'issuances_open', open('pending')) - 2);
    expect(value(after, 'issuances_open', open('verified'))).toBe(value(before, 'issuances_open', open('verified')));
  });

  it('a refused address (550): failed +1 with reason smtp_refused, one permanent mail send failure', async () => {
    const { before, after } = await failingIssuance(
      'B0003',
      'refused@example.test',
      { code: 550, message: '5.1.1 <refused@example.test>: Recipient address rejected' },
      'smtp_refused',
    );
    expect(value(after, 'mail_send_failures_total', { class: 'permanent' })).toBe(
      value(before, 'mail_send_failures_total', { class: 'permanent' }) + 1,
    );
    expect(value(after, 'issuances_started_total', email)).toBe(value(before, 'issuances_started_total', email) + 1);
    expect(value(after, 'issuances_sent_total', email)).toBe(value(before, 'issuances_sent_total', email));
    expect(value(after, 'issuances_open', open('sending'))).toBe(value(before, 'issuances_open', open('sending')));
    // The address of the SMTP reply never reaches a label.
    expect(after).not.toContain('refused@example.test');
  });

  it('a 451 past the delivery deadline: failed +1 with reason delivery_deadline, temporary failures counted', async () => {
    const address = 'greylisted@example.test';
    const { before, after } = await failingIssuance(
      'B0004',
      address,
      { code: 451, message: '4.7.1 Greylisted, please try again' },
      'delivery_deadline',
    );
    const attempts = h.smtp.rejectedAttempts.get(address) ?? 0;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(value(after, 'mail_send_failures_total', { class: 'temporary' })).toBe(
      value(before, 'mail_send_failures_total', { class: 'temporary' }) + attempts,
    );
    const refused = { channel: 'email', reason: 'smtp_refused' };
    expect(value(after, 'issuances_failed_total', refused)).toBe(value(before, 'issuances_failed_total', refused));
  });
});
