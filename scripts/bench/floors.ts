/**
 * The bare work of each bulk run, measured beside the project in the same command: what any
 * implementation must do per employee, with nothing of the product's bookkeeping around it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { renderVerificationRequest } from '../../lib/mail/verification-request';
import type { Mailer } from '../../lib/mailer';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { renderPasswordNotice } from '../../lib/pdf/password-notice';
import { recordEvery, startConcurrency } from '../../activities/bulk-email-issuance';

/** Runs `work` for 0..count-1 in `lanes` concurrent lanes. */
async function inLanes(
  count: number,
  lanes: number,
  work: (index: number, lane: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (laneIndex: number) => {
    while (next < count) await work(next++, laneIndex);
  };
  await Promise.all(Array.from({ length: lanes }, (_, laneIndex) => lane(laneIndex)));
}

/**
 * Bulk PDF floor: argon2id at the project's parameters for each employee on every libuv thread (so on
 * both cores), then one pdfkit document with a page per employee in the same font and layout.
 */
export async function pdfFloor(count: number): Promise<Buffer> {
  const passwords = Array.from({ length: count }, () => generatePassword(12));
  await inLanes(count, 4, async (index) => {
    await hashPassword(passwords[index]!);
  });
  const issuedAt = new Date();
  return renderPasswordNotice(
    passwords.map((password, index) => ({
      locale: 'ja' as const,
      serviceName: 'anyplace',
      companyName: 'アクメ株式会社',
      companyCode: 'acme',
      employeeName: `試験 F${index}`,
      loginId: `F${String(index).padStart(6, '0')}`,
      password,
      loginUrl: 'http://localhost:3999/login',
      browserUrl: 'http://localhost:3999/',
      appName: 'anyplace',
      issuedAt,
      timeZone: 'Asia/Tokyo',
    })),
  );
}

/**
 * Bulk e-mail floor, lean: per employee a 256-bit token and its HMAC and the same verification mail through
 * the project's pooled transport to the same SMTP sink, in the project's lanes (startConcurrency); the
 * tokens are written a slice (recordEvery) at a time, one multi-row INSERT committed per slice, as the
 * project commits per slice. `delivered` waits for the sink.
 */
export async function bulkEmailFloor(options: {
  databaseUrl: string;
  mailer: Mailer;
  count: number;
  round: number;
  delivered: (count: number) => Promise<void>;
}): Promise<void> {
  const key = randomBytes(32);
  const lanes = startConcurrency;
  const clients = await Promise.all(Array.from({ length: lanes }, () => connect(options.databaseUrl)));
  try {
    await clients[0]!.query(
      'create table if not exists bench_floor_token (id bigserial primary key, account_code text not null, token_hash text not null)',
    );
    const expiresAt = new Date(Date.now() + 72 * 3600_000);
    const slices = Math.ceil(options.count / recordEvery);
    await inLanes(slices, lanes, async (slice, lane) => {
      const from = slice * recordEvery;
      const codes = Array.from(
        { length: Math.min(recordEvery, options.count - from) },
        (_, i) => `F${options.round}-${from + i}`,
      );
      const tokens = codes.map(() => randomBytes(32).toString('base64url'));
      const hashes = tokens.map((token) => createHmac('sha256', key).update(token).digest('hex'));
      await clients[lane]!.query(
        'insert into bench_floor_token (account_code, token_hash) select * from unnest($1::text[], $2::text[])',
        [codes, hashes],
      );
      for (const [i, code] of codes.entries()) {
        const mail = renderVerificationRequest({
          locale: 'ja',
          serviceName: 'anyplace',
          companyName: 'アクメ株式会社',
          recipientName: `試験 ${code}`,
          link: `http://localhost:3999/verify/${tokens[i]}`,
          expiresAt,
          timeZone: 'Asia/Tokyo',
          bulk: true,
        });
        await options.mailer.send({ to: `${code.toLowerCase()}@example.test`, ...mail, messageId: `<${code}@floor>` });
      }
    });
    await options.delivered(options.count);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
