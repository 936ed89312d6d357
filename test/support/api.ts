import { generate } from 'otplib';
import { Account } from '../../entities';
import { bootstrapCompany } from '../../lib/bootstrap';
import type { Harness } from './harness';
import { adminPassword, companyCode, publicBaseUrl } from './harness';
import type { ReceivedMail } from './smtp';

export async function login(h: Harness, loginId: string, password: string) {
  return h.http.post('/api/auth/login').send({ companyCode, loginId, password });
}

/** A session token for an account that may log in at once; throws with the status otherwise. */
export async function sessionToken(h: Harness, company: string, loginId: string, password: string): Promise<string> {
  const res = await h.http.post('/api/auth/login').send({ companyCode: company, loginId, password });
  if (res.status !== 200) throw new Error(`login of ${loginId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export async function adminToken(h: Harness): Promise<string> {
  const res = await login(h, 'Admin', adminPassword);
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const defaultInitialPassword = 'Initial-passw0rd';

/** The whole company (0) on both charts, from 2026-04-01, with the given role. */
export function assignment(roleCode = 'employee', overrides: Record<string, string> = {}) {
  return {
    effectiveDate: '2026-04-01',
    departmentCode: '0',
    controlDepartmentCode: '0',
    reportingControlDepartmentCode: '0',
    roleCode,
    ...overrides,
  };
}

/** Registers an account; `roleCode` is a shorthand for the role of the current assignment. */
export async function createAccount(h: Harness, token: string, body: Record<string, unknown>) {
  const { roleCode, ...rest } = body;
  const res = await h.http
    .post('/api/accounts')
    .set('Authorization', `Bearer ${token}`)
    .send({
      type: 'own',
      lastName: '山田',
      firstName: '太郎',
      lastNameKana: 'ヤマダ',
      firstNameKana: 'タロウ',
      shortName: '山田',
      password: defaultInitialPassword,
      current: assignment(typeof roleCode === 'string' ? roleCode : 'employee'),
      ...rest,
    });
  if (res.status !== 201) throw new Error(`create account failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Registers an account that may log in at once with `defaultInitialPassword` (no forced change), with an address
 * in slot 1.
 */
export async function registerReady(
  h: Harness,
  token: string,
  code: string,
  roleCode: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await createAccount(h, token, { code, roleCode, emails: [`${code.toLowerCase()}@example.test`], ...extra });
  await h.db.orm.em
    .fork()
    .nativeUpdate(Account, { company: { code: companyCode }, code }, { mustChangePassword: false });
}

/** A custom role of the test company, holding exactly `permissions`. */
export async function defineRole(h: Harness, token: string, code: string, permissions: readonly string[]) {
  const res = await h.http
    .post('/api/roles')
    .set('Authorization', `Bearer ${token}`)
    .send({ code, name: code, permissions });
  if (res.status !== 201) throw new Error(`role ${code} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** `registerReady`, then a session of the new account. */
export async function readySession(h: Harness, token: string, code: string, roleCode: string): Promise<string> {
  await registerReady(h, token, code, roleCode);
  return sessionToken(h, companyCode, code, defaultInitialPassword);
}

/** A second company, `other`, and a session of its Admin: another company's administrator. */
export async function otherCompanyAdmin(h: Harness): Promise<string> {
  await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: 'Other-Admin-passw0rd' });
  return sessionToken(h, 'other', 'Admin', 'Other-Admin-passw0rd');
}

export async function getAccount(h: Harness, token: string, code: string) {
  const res = await h.http.get(`/api/accounts/${code}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`get account failed: ${res.status}`);
  return res.body;
}

export async function startIssuance(h: Harness, token: string, code: string, body: Record<string, unknown> = {}) {
  return h.http.post(`/api/accounts/${code}/email-issuances`).set('Authorization', `Bearer ${token}`).send(body);
}

/** The path of the verification link in a mail, as the employee would click it. */
export function verificationPath(mail: ReceivedMail): string {
  const match = new RegExp(`${publicBaseUrl}(/verify/[A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no verification link in mail: ${mail.text}`);
  return match[1]!;
}

export function credentialsFrom(mail: ReceivedMail): { loginId: string; password: string } {
  const loginId = /(?:ログインID|Login ID): (\S+)/.exec(mail.text)?.[1];
  const password = /(?:パスワード|Password): (\S+)/.exec(mail.text)?.[1];
  if (!loginId || !password) throw new Error(`no credentials in mail: ${mail.subject}`);
  return { loginId, password };
}

/** Polls until the check passes (the workflow moves on asynchronously after an HTTP call returns). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Sets MFA up for an account whose session (`limitedToken`, from a login the MFA set-up still limits) is in
 * hand, as its owner would: the enrolment, then the authenticator's current code. Answers the secret and the
 * full session the confirmation gives.
 */
export async function enrolMfa(h: Harness, limitedToken: string): Promise<{ secret: string; token: string }> {
  const started = await h.http.post('/api/auth/mfa/enrolment').set('Authorization', `Bearer ${limitedToken}`);
  const secret = started.body.secret as string;
  const confirmed = await h.http
    .post('/api/auth/mfa/enrolment/confirm')
    .set('Authorization', `Bearer ${limitedToken}`)
    .send({ code: await generate({ secret }) });
  if (confirmed.status !== 200)
    throw new Error(`MFA enrolment failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret, token: confirmed.body.token as string };
}
