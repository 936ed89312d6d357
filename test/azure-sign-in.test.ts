import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { generate } from 'otplib';
import { AzureSignIn } from '../domain/access/azure-sign-in';
import { Account, Company, Session } from '../entities';
import { azureAdSecretVariable, loadConfig } from '../lib/config';
import { bootstrapCompany } from '../lib/bootstrap';
import { adminToken, createAccount, sessionToken } from './support/api';
import { auditEvents, auditTrailText } from './support/audit';
import { companyCode, createHarness, publicBaseUrl, testSecretBox, type Harness } from './support/harness';

/**
 * Azure AD sign-in against a real OpenID provider (oidc-provider) started here: the browser's way is driven
 * over HTTP, redirects followed and the provider's login form submitted, with openid-client doing the real
 * work in the service (no mocks).
 */
let h: Harness;
let admin: string;
let provider: ChildProcess;
let issuer: string;

const clientId = 'workforce-test-client';
const clientSecret = 'provider-client-secret-7f3a9c';
/** The provider's accounts: login → Azure object id (oid), in lower case as Azure answers it. */
const providerAccounts = {
  taro: 'abcdef01-2345-6789-abcd-ef0123456789',
  stranger: '11111111-2222-3333-4444-555555555555',
  hanako: '99999999-8888-7777-6666-555555555555',
  mfa: '0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function startProvider(): Promise<void> {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  provider = spawn(process.execPath, [resolve(__dirname, 'support/oidc-provider.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OIDC_PORT: String(port),
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: `${publicBaseUrl}/login/azure/callback`,
      OIDC_ACCOUNTS: JSON.stringify(providerAccounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  provider.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((ready, failed) => {
    provider.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) ready();
    });
    provider.once('exit', (code) => failed(new Error(`provider exited (${code}): ${stderr}`)));
  });
}

/** A browser's cookie jar for the provider's origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Signs in as the provider account `login` through the whole flow: the service's redirect, the provider's
 * login form, and the redirect back to the callback, which is answered by the app. `tamper` may change the
 * callback URL (as an attacker would) before it reaches the app.
 */
async function signIn(
  login: string,
  options: { company?: string; tamper?: (url: URL) => void; dropCookie?: boolean } = {},
) {
  const start = await h.http.get(`/login/azure?company=${options.company ?? companyCode}`);
  expect(start.status).toBe(303);
  const appCookie = (start.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  expect(appCookie).toContain('azure_login=');
  const jar = new CookieJar();
  let location = new URL(start.headers.location!);
  expect(location.origin).toBe(issuer);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  expect(location.searchParams.get('state')).toBeTruthy();
  expect(location.searchParams.get('nonce')).toBeTruthy();
  for (let hop = 0; hop < 10 && location.origin === issuer; hop++) {
    let response = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status === 200) {
      // The provider's login form: any password, the login names the account.
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)![1]!;
      const fields = new URLSearchParams({ prompt: 'login', login, password: 'any' });
      response = await fetch(new URL(action, issuer), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: fields,
      });
      jar.take(response);
    }
    expect([302, 303]).toContain(response.status);
    location = new URL(response.headers.get('location')!, location);
  }
  expect(location.origin).toBe(new URL(publicBaseUrl).origin);
  options.tamper?.(location);
  const callback = h.http.get(`${location.pathname}${location.search}`);
  return options.dropCookie ? callback : callback.set('Cookie', appCookie);
}

const sessionsOf = async (code: string, company = companyCode) =>
  h.db.orm.em.fork().count(Session, { account: { code, company: { code: company } } });

beforeAll(async () => {
  await startProvider();
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  const settings = await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({
    azureAdEnabled: true,
    azureAdIssuerUrl: issuer,
    azureAdClientId: clientId,
    azureAdClientSecret: clientSecret,
  });
  expect(settings.status).toBe(200);
  // The account's id is stored in upper case: Azure compares object ids without case.
  await createAccount(h, admin, {
    code: 'Z0001',
    azureAdId: providerAccounts.taro.toUpperCase(),
    mustChangePassword: true,
  });
  await createAccount(h, admin, { code: 'Z0002', azureAdId: providerAccounts.mfa });
  await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: 'Other-Admin-passw0rd' });
});

afterAll(async () => {
  provider?.kill('SIGTERM');
  await h?.teardown();
});

it('keeps the client secret encrypted and never answers it', async () => {
  const settings = await h.http.get('/api/settings').set('Authorization', `Bearer ${admin}`);
  expect(settings.body).toMatchObject({ azureAdIssuerUrl: issuer, azureAdClientId: clientId });
  expect(JSON.stringify(settings.body)).not.toContain(clientSecret);
  const company = await h.db.orm.em
    .fork()
    .findOneOrFail(Company, { code: companyCode }, { populate: ['azureAdClientSecret'] });
  expect(company.azureAdClientSecret).not.toContain(clientSecret);
  expect(testSecretBox.open(company.azureAdClientSecret!, `azure-ad-client-secret:${company.id}`)).toBe(clientSecret);
  expect(await h.db.dumpAllTables()).not.toContain(clientSecret);
});

it('signs in the account whose Azure AD id matches the ID token oid (without case) and opens a normal session', async () => {
  const before = await sessionsOf('Z0001');
  const page = await signIn('taro');
  expect(page.status).toBe(200);
  expect(page.text).toContain('山田 太郎 さん、ようこそ。');
  expect(page.headers['set-cookie']?.toString()).toContain('azure_login=;');
  expect(await sessionsOf('Z0001')).toBe(before + 1);
  const account = await h.db.orm.em.fork().findOneOrFail(Account, { code: 'Z0001', company: { code: companyCode } });
  expect(account.lastLoginAt).toBeDefined();
  // The account had to change its initial password at its first password login; Azure AD sign-in uses none.
  expect(account.mustChangePassword).toBe(true);
});

it('records each sign-in in the audit trail as login.azure-ad, the account itself the actor, without secrets', async () => {
  const signIns = () => auditEvents(h, admin, { action: 'login.azure-ad', account: 'Z0001' });
  const before = await signIns();
  const page = await signIn('taro');
  expect(page.status).toBe(200);
  const after = await signIns();
  expect(after).toHaveLength(before.length + 1);
  expect(after[0]).toMatchObject({
    outcome: 'succeeded',
    reason: null,
    actionText: 'Azure AD サインイン',
    actor: { kind: 'account', code: 'Z0001', role: 'employee', name: '山田 太郎' },
    target: { type: 'account', code: 'Z0001' },
  });
  expect(after[0]!.requestId).toEqual(expect.any(String));
  // Not a password login: none of those for the account.
  expect(await auditEvents(h, admin, { action: 'login.succeeded', account: 'Z0001' })).toEqual([]);
  // The settings change that set the client secret is in the trail too, as 「変更」 only.
  expect(await auditTrailText(h)).not.toContain(clientSecret);
});

it('refuses an Azure AD account that no account of the company has, with a clear page and no session', async () => {
  const sessions = await h.db.orm.em.fork().count(Session);
  const page = await signIn('stranger');
  expect(page.status).toBe(403);
  expect(page.text).toContain('この Azure AD アカウントに対応するアカウントが登録されていません');
  expect(await h.db.orm.em.fork().count(Session)).toBe(sessions);
});

it("matches within the company only: another company's account with that id does not sign in here", async () => {
  const otherAdmin = await sessionToken(h, 'other', 'Admin', 'Other-Admin-passw0rd');
  const enabled = await h.http
    .patch('/api/settings')
    .set('Authorization', `Bearer ${otherAdmin}`)
    .send({ azureAdEnabled: true });
  expect(enabled.status).toBe(200);
  await createAccount(h, otherAdmin, { code: 'X0001', azureAdId: providerAccounts.hanako });
  const page = await signIn('hanako');
  expect(page.status).toBe(403);
  expect(await sessionsOf('X0001', 'other')).toBe(0);
  // The other company has no issuer configured: its sign-in is not offered.
  const other = await h.http.get('/login/azure?company=other');
  expect(other.status).toBe(404);
  expect(other.text).toContain('Azure AD でのサインインは利用できません');
  expect((await h.http.get('/login/azure?company=nope')).status).toBe(404);
});

it('refuses a callback whose state was changed, or that comes without the flow cookie', async () => {
  const sessions = await h.db.orm.em.fork().count(Session);
  const tampered = await signIn('taro', { tamper: (url) => url.searchParams.set('state', 'forged-state-value') });
  expect(tampered.status).toBe(400);
  expect(tampered.text).toContain('サインインを完了できませんでした');
  const cookieless = await signIn('taro', { dropCookie: true });
  expect(cookieless.status).toBe(400);
  const replayedCode = await h.http.get('/login/azure/callback?code=abc&state=def');
  expect(replayedCode.status).toBe(400);
  expect(await h.db.orm.em.fork().count(Session)).toBe(sessions);
});

it('asks for the TOTP code when the company and the account use MFA, and opens the session only with it', async () => {
  expect(
    (await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ mfaEnabled: true })).status,
  ).toBe(200);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const em = h.db.orm.em.fork();
  const account = await em.findOneOrFail(Account, { code: 'Z0002', company: { code: companyCode } });
  account.mfaEnabled = true;
  account.mfaSecret = testSecretBox.seal(secret, account.id);
  account.mfaConfiguredAt = new Date();
  await em.flush();

  const form = await signIn('mfa');
  expect(form.status).toBe(200);
  expect(form.text).toContain('認証アプリに表示されている6桁のコード');
  expect(await sessionsOf('Z0002')).toBe(0);
  const ticket = /name="ticket" id="ticket" value="([^"]+)"/.exec(form.text)![1]!;
  const wrong = await h.http.post('/login/azure/mfa').type('form').send({ ticket, mfaCode: '000000' });
  expect(wrong.status).toBe(401);
  expect(await sessionsOf('Z0002')).toBe(0);
  const right = await h.http
    .post('/login/azure/mfa')
    .type('form')
    .send({ ticket, mfaCode: await generate({ secret }) });
  expect(right.status).toBe(200);
  expect(right.text).toContain('ようこそ');
  expect(await sessionsOf('Z0002')).toBe(1);
});

it('takes the client secret from AZURE_AD_CLIENT_SECRET_<CODE> when the settings keep none', async () => {
  const config = loadConfig({ SERVICE_SECRET_KEY: 'A'.repeat(43) + '=', AZURE_AD_CLIENT_SECRET_OTHER: clientSecret });
  expect(config.azureAdClientSecrets).toEqual({ [azureAdSecretVariable('other')]: clientSecret });
  const em = h.db.orm.em.fork();
  await em.nativeUpdate(Company, { code: 'other' }, { azureAdIssuerUrl: issuer, azureAdClientId: clientId });
  const services = { temporal: h.env.client, secretBox: testSecretBox, logger: h.logger, sessionTtlMinutes: 60 };
  const withoutSecret = new AzureSignIn({ ...services, publicBaseUrl });
  await expect(withoutSecret.begin(em, 'other', 'ja')).rejects.toMatchObject({ code: 'AZURE_AD_NOT_CONFIGURED' });
  const fromEnvironment = new AzureSignIn({
    ...services,
    publicBaseUrl,
    azureAdClientSecrets: config.azureAdClientSecrets,
  });
  const started = await fromEnvironment.begin(em, 'other', 'ja');
  expect(new URL(started.redirectTo).origin).toBe(issuer);
  expect(new URL(started.redirectTo).searchParams.get('client_id')).toBe(clientId);
});

it("is offered on the login page: the link asks for the company code, then goes to that company's issuer", async () => {
  const login = await h.http.get('/login');
  expect(login.status).toBe(200);
  expect(login.text).toContain('href="/login/azure?lang=ja"');
  expect(login.text).toContain('Azure AD (Microsoft アカウント) でサインイン');

  const ask = await h.http.get('/login/azure?lang=ja');
  expect(ask.status).toBe(200);
  expect(ask.text).toContain('<form method="get" action="/login/azure">');
  expect(ask.text).toContain('name="company"');
  const english = await h.http.get('/login/azure?lang=en');
  expect(english.text).toContain('Enter your company code to continue on your company&#39;s Azure AD sign-in page.');

  // What the form submits: the company's issuer, with PKCE, as from a direct link.
  const go = await h.http.get(`/login/azure?lang=ja&company=${companyCode}`);
  expect(go.status).toBe(303);
  expect(new URL(go.headers.location!).origin).toBe(issuer);
});
