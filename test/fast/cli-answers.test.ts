import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { answer, connect, startOnce } from '../../cli/api';
import { CliError, NoAnswer } from '../../cli/cli-error';
import { mutableOutput } from '../../cli/terminal';

/**
 * How wfc turns the API's answers into one line and an exit code, through the typed client (openapi-fetch) over
 * real HTTP: a local server answers as the API does when it refuses (400 with the field or the issues, 503 with
 * Retry-After). The CLI against the real API: test/cli.test.ts.
 */
let server: Server;
let url: string;
const answers = new Map<string, { status: number; body: unknown }>([
  [
    '/api/email-issuances/bulk',
    { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again.' } } },
  ],
  [
    '/api/email-issuances/preview',
    {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid input',
          issues: [{ field: 'accounts.0.code', code: 'UNKNOWN_ACCOUNT', message: 'No such account' }],
        },
      },
    },
  ],
  [
    '/api/auth/login',
    { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong', field: 'password' } } },
  ],
]);

beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = answers.get(req.url ?? '') ?? { status: 404, body: 'not here' };
    res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Retry-After': '5' });
    res.end(JSON.stringify(reply.body));
  }).listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((done) => server.close(done)));

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error as CliError,
  );

describe('wfc answers', () => {
  it('a 503 is the code and message with exit 1; a 4xx names the field or every issue, exit 2', async () => {
    const api = connect(url, 'token', 'en');
    const unavailable = await refusal(
      answer(api.POST('/api/email-issuances/bulk', { body: { accounts: [{ code: 'E0001', emailSlot: 1 }] } })),
    );
    expect(unavailable).toMatchObject({ message: 'SERVICE_UNAVAILABLE: Try again.', exitCode: 1 });

    const invalid = await refusal(
      answer(api.POST('/api/email-issuances/preview', { body: { accounts: [{ code: 'X', emailSlot: 1 }] } })),
    );
    expect(invalid).toMatchObject({
      message: 'VALIDATION_FAILED: Invalid input (accounts.0.code: No such account)',
      exitCode: 2,
    });

    const wrong = await refusal(
      answer(api.POST('/api/auth/login', { body: { companyCode: 'demo', loginId: 'Admin', password: 'x' } })),
    );
    expect(wrong).toMatchObject({ message: 'INVALID_CREDENTIALS: Wrong (password)', exitCode: 2 });
  });

  it('no answer at all (connection refused) is a NoAnswer naming the address, exit 1', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => closed.once('listening', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const none = await refusal(answer(connect(`http://127.0.0.1:${port}`, 'token', 'en').GET('/api/auth/me')));
    expect(none).toBeInstanceOf(NoAnswer);
    expect(none).toMatchObject({ exitCode: 1, message: expect.stringContaining(`http://127.0.0.1:${port}: `) });
  });

  it('startOnce tries again with the same key only when no answer came, and not after a refusal', async () => {
    const keys: string[] = [];
    const started = await startOnce(async (key) => {
      keys.push(key);
      if (keys.length === 1) throw new NoAnswer(url, new Error('socket hang up'));
      return 'run-1';
    });
    expect(started).toBe('run-1');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    const refusedKeys: string[] = [];
    const refused = await refusal(
      startOnce(async (key) => {
        refusedKeys.push(key);
        throw new CliError('NOTHING_TO_ISSUE: nobody left');
      }),
    );
    expect(refused).toMatchObject({ message: 'NOTHING_TO_ISSUE: nobody left' });
    expect(refusedKeys).toHaveLength(1);
  });

  it('a muted output passes what came before muting and nothing after (the typed password)', () => {
    const written: string[] = [];
    const target = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    });
    const output = mutableOutput(target);
    output.stream.write('Password: ');
    output.mute();
    output.stream.write('secret');
    expect(written).toEqual(['Password: ']);
  });
});
