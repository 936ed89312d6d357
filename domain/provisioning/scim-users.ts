import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Department, ScimAccount } from '../../entities';
import { todayIn } from '../../lib/calendar';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { revokeSessionsOf } from '../access/sessions';
import { changeAccountFields } from '../accounts/account-change';
import {
  createAccountInput,
  updateAccountInput,
  type CreateAccountInput,
  type UpdateAccountInput,
} from '../accounts/account-input';
import { conflictOnDuplicate, deleteAccount, registerAccount } from '../accounts/registration';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { provisioningDefaultsOf } from './provisioning-defaults';
import type { UserCondition } from './scim-filter';
import { applyPatch, type PatchRequest } from './scim-patch';
import { emailSlotsOf, invalidValue, type ScimUserModel } from './scim-user';

/**
 * The SCIM Users of a company (RFC 7644 §3) on its accounts. Every write goes through the account operations of
 * domain/accounts (registerAccount, changeAccountFields, deleteAccount), which ask the one policy with the token's
 * principal; the SCIM side keeps only the client's externalId, the
 * directory's whole name, and whether the client deleted an account in use.
 */
export interface ScimUserRecord {
  id: string;
  model: ScimUserModel;
  created: Date;
  lastModified: Date;
}

export function scimUserNotFound(): NotFoundError {
  return new NotFoundError('No such User.', 'SCIM_USER_NOT_FOUND');
}

/** The account fields a SCIM attribute sets, named as SCIM names them (for the error's detail). */
const scimFieldOf: Record<string, string> = {
  code: 'employeeNumber',
  lastName: 'name.familyName',
  firstName: 'name.givenName',
  shortName: 'name.familyName',
  emails: 'emails',
  azureAdId: 'userName',
  disabled: 'active',
  current: 'department',
};

function validated<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = scimFieldOf[String(issue.path[0])] ?? issue.path.join('.');
  throw invalidValue(`${field}: ${issue.message}`, field);
}

/** 姓 and 名 hold at most 10 characters (the product's rule); SCIM keeps the whole name beside (ScimAccount). */
const nameLength = 10;

function accountName(value: string): string {
  return Array.from(value.trim()).slice(0, nameLength).join('');
}

/** The directory's whole name while the account's 姓/名 is still its beginning; else what the console made it. */
function directoryName(kept: string | undefined, account: string): string {
  return kept !== undefined && accountName(kept) === account ? kept : account;
}

function requiredName(value: string | null, field: string): string {
  if (!value?.trim()) throw invalidValue(`${field} is required.`, field);
  if (value.length > 100) throw invalidValue(`${field} has at most 100 characters.`, field);
  return value;
}

function modelOf(account: Account, scim: ScimAccount | null): ScimUserModel {
  const slots = [account.email1, account.email2, account.email3].filter((value): value is string => !!value);
  const keptEmails =
    scim?.emails && emailSlotsOf(scim.emails).join('\n') === slots.join('\n') ? scim.emails : undefined;
  const departmentKept = scim?.syncedDepartmentId === account.department.id;
  return {
    userName: account.azureAdId ?? account.code,
    externalId: scim?.externalId ?? null,
    active: !account.disabled,
    familyName: directoryName(scim?.familyName, account.lastName),
    givenName: directoryName(scim?.givenName, account.firstName),
    emails:
      keptEmails ??
      slots.map((value, index) => (index === 0 ? { value, type: 'work', primary: true } : { value, type: 'other' })),
    employeeNumber:
      account.company.getEntity().accountCodeNumbering === 'manual' ? account.code : (scim?.employeeNumber ?? null),
    department: departmentKept ? (scim?.department ?? null) : account.department.getEntity().code,
  };
}

/** What the SCIM side keeps of a user the account has taken (see ScimAccount). */
function keep(side: ScimAccount, account: Account, model: ScimUserModel): void {
  Object.assign(side, {
    externalId: model.externalId ?? undefined,
    familyName: model.familyName ?? undefined,
    givenName: model.givenName ?? undefined,
    emails: model.emails,
    employeeNumber: model.employeeNumber ?? undefined,
    department: model.department ?? undefined,
    syncedDepartmentId: account.department.id,
  });
}

async function recordOf(em: EntityManager, account: Account, scim?: ScimAccount | null): Promise<ScimUserRecord> {
  await em.populate(account, ['department', 'company']);
  const side = scim === undefined ? await em.findOne(ScimAccount, { account }) : scim;
  return { id: account.id, model: modelOf(account, side), created: account.createdAt, lastModified: account.updatedAt };
}

/** An account of the token's company that the SCIM client has not deleted; anything else is a 404. */
async function findUser(
  em: EntityManager,
  principal: Principal,
  id: string,
): Promise<{ account: Account; scim: ScimAccount | null }> {
  if (!z.uuid().safeParse(id).success) throw scimUserNotFound();
  const account = await em.findOne(
    Account,
    { id, company: principal.companyId },
    { populate: ['role', 'company', 'department', 'controlDepartment', 'reportingControlDepartment'] },
  );
  if (!account) throw scimUserNotFound();
  const scim = await em.findOne(ScimAccount, { account });
  if (scim?.deprovisionedAt) throw scimUserNotFound();
  return { account, scim };
}

export async function readScimUser(em: EntityManager, principal: Principal, id: string): Promise<ScimUserRecord> {
  assertPermitted(principal, 'accounts:read');
  const { account, scim } = await findUser(em, principal, id);
  return recordOf(em, account, scim);
}

function conditionSql(condition: UserCondition): { sql: string; values: unknown[] } {
  switch (condition.attribute) {
    case 'userName':
      return { sql: `lower(coalesce(a.azure_ad_id, a.code)) = lower(?)`, values: [condition.value] };
    case 'externalId':
      return { sql: `s.external_id = ?`, values: [condition.value] };
    case 'active':
      return { sql: `a.disabled = ?`, values: [!condition.value] };
    case 'email':
      return condition.workOnly
        ? { sql: `lower(a.email1) = lower(?)`, values: [condition.value] }
        : { sql: `lower(?) in (lower(a.email1), lower(a.email2), lower(a.email3))`, values: [condition.value] };
  }
}

/** GET /Users: the accounts matching every condition, oldest first, `count` from the 1-based `startIndex`. */
export async function listScimUsers(
  em: EntityManager,
  principal: Principal,
  query: { conditions: readonly UserCondition[]; startIndex: number; count: number },
): Promise<{ totalResults: number; records: ScimUserRecord[] }> {
  assertPermitted(principal, 'accounts:read');
  const parts = query.conditions.map(conditionSql);
  const where = ['a.company_id = ?', 's.deprovisioned_at is null', ...parts.map((part) => part.sql)].join(' and ');
  const values = [principal.companyId, ...parts.flatMap((part) => part.values)];
  const from = `from account a left join scim_account s on s.account_id = a.id where ${where}`;
  const [counted] = await em.execute<{ total: string }[]>(`select count(*) as total ${from}`, values);
  const ids =
    query.count === 0
      ? []
      : await em.execute<{ id: string }[]>(`select a.id ${from} order by a.created_at, a.id limit ? offset ?`, [
          ...values,
          query.count,
          query.startIndex - 1,
        ]);
  const accounts = await em.find(
    Account,
    { id: { $in: ids.map((row) => row.id) } },
    { populate: ['department', 'company'] },
  );
  const scims = await em.find(ScimAccount, { account: { $in: accounts.map((account) => account.id) } });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const records = await Promise.all(
    ids.map(({ id }) => {
      const account = byId.get(id)!;
      return recordOf(em, account, scims.find((scim) => scim.account.id === id) ?? null);
    }),
  );
  return { totalResults: Number(counted?.total ?? 0), records };
}

/**
 * 所属部門 from the enterprise `department`: a department of that code, or else the one department of that name,
 * existing on `date`; none: undefined (the caller keeps what it has, or the provisioning default).
 */
async function departmentFor(
  em: EntityManager,
  companyId: string,
  value: string | null,
  date: string,
): Promise<Department | undefined> {
  if (!value) return undefined;
  const existing = {
    $and: [
      { $or: [{ validFrom: null }, { validFrom: { $lte: date } }] },
      { $or: [{ validTo: null }, { validTo: { $gte: date } }] },
    ],
  };
  const byCode = await em.findOne(Department, { company: companyId, code: value, ...existing });
  if (byCode) return byCode;
  const byName = await em.find(Department, { company: companyId, name: value, ...existing }, { limit: 2 });
  return byName.length === 1 ? byName[0] : undefined;
}

/** POST /Users: a new 未発行 account from the user and the company's provisioning defaults. */
export async function createScimUser(
  em: EntityManager,
  principal: Principal,
  model: ScimUserModel,
  services: Pick<DomainServices, 'clock'> = {},
): Promise<{ record: ScimUserRecord; issueOnCreate: boolean; accountCode: string }> {
  assertPermitted(principal, 'accounts:write');
  const { account, scim, issueOnCreate } = await em.transactional(async (tx) => {
    const company = await tx.findOneOrFail(Company, principal.companyId);
    const defaults = await provisioningDefaultsOf(tx, principal.companyId);
    const today = todayIn(company.timeZone, nowOf(services));
    const department = await departmentFor(tx, company.id, model.department, today);
    const familyName = requiredName(model.familyName, 'name.familyName');
    const givenName = requiredName(model.givenName, 'name.givenName');
    const lastName = accountName(familyName);
    if (company.accountCodeNumbering === 'manual' && !model.employeeNumber) {
      throw invalidValue(
        'The company numbers account codes by hand: give the enterprise employeeNumber (アカウントコード).',
        'employeeNumber',
      );
    }
    const input: CreateAccountInput = validated(createAccountInput, {
      ...(company.accountCodeNumbering === 'manual' ? { code: model.employeeNumber } : {}),
      type: defaults.type,
      lastName,
      firstName: accountName(givenName),
      shortName: Array.from(lastName.trim()).slice(0, 6).join(''),
      emails: emailSlotsOf(model.emails),
      azureAdId: model.userName,
      disabled: !model.active,
      current: {
        effectiveDate: today,
        departmentCode: department?.code ?? defaults.departmentCode,
        controlDepartmentCode: defaults.controlDepartmentCode,
        reportingControlDepartmentCode: defaults.reportingControlDepartmentCode,
        roleCode: defaults.roleCode,
      },
      ...(defaults.rankCode && defaults.type === 'own'
        ? { ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: defaults.rankCode }] }
        : {}),
    });
    const created = await registerAccount(tx, principal, input, undefined, company);
    const side = new ScimAccount(tx.getReference(Account, created.id, { wrapped: true }));
    keep(side, created, model);
    tx.persist(side);
    await tx.flush().catch((error: unknown) => conflictOnDuplicate(error, created));
    return { account: created, scim: side, issueOnCreate: defaults.issueOnCreate };
  });
  return { record: await recordOf(em, account, scim), issueOnCreate, accountCode: account.code };
}

/** The SCIM side of an account, made the first time SCIM writes to an account the console registered. */
function scimSideOf(tx: EntityManager, found: { account: Account; scim: ScimAccount | null }): ScimAccount {
  if (found.scim) return found.scim;
  const side = new ScimAccount(tx.getReference(Account, found.account.id, { wrapped: true }));
  tx.persist(side);
  return side;
}

/** The account form's fields that take a user from `before` to `after` (only those that differ). */
async function changesOf(
  em: EntityManager,
  account: Account,
  before: ScimUserModel,
  after: ScimUserModel,
  today: string,
): Promise<UpdateAccountInput> {
  const changes: UpdateAccountInput = {};
  if (account.company.getEntity().accountCodeNumbering === 'manual' && after.employeeNumber !== account.code) {
    throw new InputError(
      'mutability',
      'employeeNumber is the アカウントコード (the login id): SCIM sets it once, at creation.',
      'employeeNumber',
    );
  }
  if (after.userName !== before.userName) changes.azureAdId = requiredName(after.userName, 'userName');
  const lastName = accountName(requiredName(after.familyName, 'name.familyName'));
  const firstName = accountName(requiredName(after.givenName, 'name.givenName'));
  if (lastName !== account.lastName) changes.lastName = lastName;
  if (firstName !== account.firstName) changes.firstName = firstName;
  const slots = emailSlotsOf(after.emails);
  if (slots.join('\n') !== emailSlotsOf(before.emails).join('\n')) changes.emails = slots;
  if (after.active !== before.active) changes.disabled = !after.active;
  const department = await departmentFor(em, account.company.id, after.department, today);
  if (department && department.id !== account.department.id) {
    changes.current = {
      effectiveDate: today > account.effectiveDate ? today : account.effectiveDate,
      departmentCode: department.code,
      controlDepartmentCode: account.controlDepartment.getEntity().code,
      reportingControlDepartmentCode: account.reportingControlDepartment.getEntity().code,
      roleCode: account.role.getEntity().code,
    };
  }
  return validated(updateAccountInput, changes);
}

/**
 * PUT and PATCH: the user's new state through the one door (changeAccountFields, which asks the policy even when
 * only externalId changes). アカウントコード is the login id and is not changed by SCIM; kana, 氏名略名 and the
 * work settings are the console's and are never touched. Disabling ends the account's sessions at once.
 */
async function changeScimUser(
  em: EntityManager,
  principal: Principal,
  id: string,
  next: (current: ScimUserModel) => ScimUserModel,
  services: Pick<DomainServices, 'clock'>,
): Promise<ScimUserRecord> {
  assertPermitted(principal, 'accounts:write');
  const { account, scim } = await em.transactional(async (tx) => {
    const found = await findUser(tx, principal, id);
    const before = modelOf(found.account, found.scim);
    const after = next(before);
    const company = found.account.company.getEntity();
    const changes = await changesOf(tx, found.account, before, after, todayIn(company.timeZone, nowOf(services)));
    const { endSessions } = await changeAccountFields(tx, principal, found.account, changes);
    const side = scimSideOf(tx, found);
    keep(side, found.account, after);
    await tx.flush().catch((error: unknown) => conflictOnDuplicate(error, found.account));
    if (endSessions) await revokeSessionsOf(tx, found.account.id, nowOf(services));
    return { account: found.account, scim: side };
  });
  return recordOf(em, account, scim);
}

export function replaceScimUser(
  em: EntityManager,
  principal: Principal,
  id: string,
  model: ScimUserModel,
  services: Pick<DomainServices, 'clock'> = {},
): Promise<ScimUserRecord> {
  // Okta's PUT leaves externalId (and the extension) out: that keeps them (clearing would lose the match); a PATCH
  // remove clears them.
  return changeScimUser(
    em,
    principal,
    id,
    (current) => ({
      ...model,
      employeeNumber: model.employeeNumber ?? current.employeeNumber,
      externalId: model.externalId ?? current.externalId,
    }),
    services,
  );
}

export function patchScimUser(
  em: EntityManager,
  principal: Principal,
  id: string,
  patch: PatchRequest,
  services: Pick<DomainServices, 'clock'> = {},
): Promise<ScimUserRecord> {
  return changeScimUser(em, principal, id, (current) => applyPatch(current, patch), services);
}

const inUseCodes = new Set([
  'ACCOUNT_IN_USE_LOGGED_IN',
  'ACCOUNT_IN_USE_ISSUANCE_HISTORY',
  'ACCOUNT_IN_USE_PROJECT',
  'ACCOUNT_IN_USE_APPROVER',
]);

/**
 * DELETE /Users/{id}: an account not in use is deleted (deleteAccount, with its rules); one in use (logged in,
 * issuance history, project member, approver) is disabled instead — the product's delete rule — and no longer
 * shown to the SCIM client.
 */
export async function deleteScimUser(
  em: EntityManager,
  principal: Principal,
  id: string,
  services: Pick<DomainServices, 'temporal' | 'logger' | 'clock'>,
): Promise<'deleted' | 'disabled'> {
  assertPermitted(principal, 'accounts:write');
  const { account } = await findUser(em, principal, id);
  try {
    await deleteAccount(em, principal, account.code, services);
    return 'deleted';
  } catch (error) {
    if (!(error instanceof ConflictError && inUseCodes.has(error.code))) throw error;
  }
  await em.transactional(async (tx) => {
    const found = await findUser(tx, principal, id);
    const { endSessions } = await changeAccountFields(tx, principal, found.account, { disabled: true });
    const side = scimSideOf(tx, found);
    side.deprovisionedAt = nowOf(services);
    await tx.flush();
    if (endSessions) await revokeSessionsOf(tx, found.account.id, nowOf(services));
  });
  return 'disabled';
}
