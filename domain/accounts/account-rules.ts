import { LockMode, Reference, type EntityManager } from '@mikro-orm/postgresql';
import {
  Account,
  AccountRank,
  Company,
  Department,
  type Partner,
  Rank,
  ReportingDepartment,
  Role,
  systemAdministratorCode,
  type AccountType,
  type WorkStyle,
} from '../../entities';
import { hashPassword } from '../../lib/passwords';
import type { AssignmentInput, UpdateAccountInput, WorkInput } from './account-input';
import { ConflictError, InputError } from '../errors';
import { queryReferences, type ReferenceLookup } from './references';

/** The checks of 【アカウント登録】 that need the company's settings or other rows. */

export interface ResolvedAssignment {
  effectiveDate: string;
  department: Department;
  controlDepartment: Department;
  reportingControlDepartment: ReportingDepartment;
  role: Role;
}

/** Looks up the codes of an assignment; an unknown one is a 400 naming `<prefix>.<field>`. */
export async function resolveAssignment(
  em: EntityManager,
  companyId: string,
  input: AssignmentInput,
  prefix: string,
  refs: ReferenceLookup = queryReferences(em, companyId),
): Promise<ResolvedAssignment> {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  // One after another: inside a transaction they share one connection, which runs one query at a time.
  const department = await refs.department(input.departmentCode);
  const controlDepartment = await refs.department(input.controlDepartmentCode);
  const reportingControlDepartment = await refs.reportingDepartment(input.reportingControlDepartmentCode);
  const role = await refs.role(input.roleCode);
  if (!department)
    throw new InputError('UNKNOWN_DEPARTMENT', `No department "${input.departmentCode}".`, field('departmentCode'));
  if (!controlDepartment) {
    throw new InputError(
      'UNKNOWN_DEPARTMENT',
      `No department "${input.controlDepartmentCode}".`,
      field('controlDepartmentCode'),
    );
  }
  if (!reportingControlDepartment) {
    throw new InputError(
      'UNKNOWN_REPORTING_DEPARTMENT',
      `No department "${input.reportingControlDepartmentCode}" on the reporting chart.`,
      field('reportingControlDepartmentCode'),
    );
  }
  if (!role) throw new InputError('UNKNOWN_ROLE', `No role "${input.roleCode}".`, field('roleCode'));
  // A department exists from its validFrom to its validTo (組織変更): an assignment must fall inside.
  for (const [unit, name] of [
    [department, 'departmentCode'],
    [controlDepartment, 'controlDepartmentCode'],
  ] as const) {
    if (
      (unit.validFrom && unit.validFrom > input.effectiveDate) ||
      (unit.validTo && unit.validTo < input.effectiveDate)
    ) {
      throw new InputError(
        'DEPARTMENT_NOT_VALID_ON_DATE',
        `The department "${unit.code}" does not exist on ${input.effectiveDate} (valid ${unit.validFrom ?? '…'} – ${unit.validTo ?? '…'}).`,
        field(name),
      );
    }
  }
  return { effectiveDate: input.effectiveDate, department, controlDepartment, reportingControlDepartment, role };
}

export function assignTo(em: EntityManager, account: Account, assignment: ResolvedAssignment): void {
  account.effectiveDate = assignment.effectiveDate;
  account.department = em.getReference(Department, assignment.department.id, { wrapped: true });
  account.controlDepartment = em.getReference(Department, assignment.controlDepartment.id, { wrapped: true });
  account.reportingControlDepartment = em.getReference(ReportingDepartment, assignment.reportingControlDepartment.id, {
    wrapped: true,
  });
  account.role = em.getReference(Role, assignment.role.id, { wrapped: true });
}

/**
 * 委託先/顧客コード: optional for contractor and customer (the seed marks it 必須 ×), and then of the
 * same kind; own accounts have none (入力不要).
 */
export async function resolvePartner(
  em: EntityManager,
  companyId: string,
  type: AccountType,
  code: string | null | undefined,
  refs: ReferenceLookup = queryReferences(em, companyId),
): Promise<Partner | undefined> {
  if (type === 'own') {
    if (code != null) throw new InputError('PARTNER_NOT_FOR_OWN', 'Own accounts have no partner.', 'partnerCode');
    return undefined;
  }
  if (code == null) return undefined;
  const partner = await refs.partner(type, code);
  if (!partner) throw new InputError('UNKNOWN_PARTNER', `No ${type} "${code}".`, 'partnerCode');
  return partner;
}

/** アカウントコード: typed with manual numbering, handed out (and not accepted) with automatic numbering. */
export async function accountCodeFor(
  em: EntityManager,
  companyId: string,
  requested: string | undefined,
  /** The company row, already locked by the caller's transaction (an import locks it once per chunk). */
  locked?: Company,
): Promise<string> {
  const company = locked ?? (await em.findOneOrFail(Company, companyId, { lockMode: LockMode.PESSIMISTIC_WRITE }));
  if (company.accountCodeNumbering === 'manual') {
    if (requested === undefined) throw new InputError('CODE_REQUIRED', 'Enter the account code.', 'code');
    return requested;
  }
  if (requested !== undefined) {
    throw new InputError('CODE_AUTO_NUMBERED', 'Account codes are numbered automatically; leave the code out.', 'code');
  }
  for (;;) {
    company.lastAccountNumber += 1;
    const code = String(company.lastAccountNumber).padStart(6, '0');
    if (!(await em.count(Account, { company: companyId, code }))) return code;
  }
}

/**
 * The rank rows given at registration: unknown and inactive ranks are refused, and an own account gets
 * at least one row when the company has ranks. Later rows are added one by one (rank-history.ts).
 */
export async function initialRanks(
  em: EntityManager,
  account: Account,
  rows: { effectiveMonth: string; rankCode: string }[] | undefined,
  refs: ReferenceLookup = queryReferences(em, account.company.id),
): Promise<AccountRank[]> {
  if (account.type === 'own' && (rows ?? []).length === 0 && (await refs.activeRankCount()) > 0) {
    throw new InputError('RANK_REQUIRED', 'Own accounts need a rank (社員ランク).', 'ranks');
  }
  const months = new Set<string>();
  const ranks: AccountRank[] = [];
  for (const [index, row] of (rows ?? []).entries()) {
    if (months.has(row.effectiveMonth)) {
      throw new InputError(
        'DUPLICATE_RANK_MONTH',
        `Two ranks for ${row.effectiveMonth}.`,
        `ranks.${index}.effectiveMonth`,
      );
    }
    months.add(row.effectiveMonth);
    const rank = await refs.rank(row.rankCode);
    if (!rank) throw new InputError('UNKNOWN_RANK', `No rank "${row.rankCode}".`, `ranks.${index}.rankCode`);
    if (!rank.active) {
      throw new InputError('RANK_INACTIVE', `The rank "${row.rankCode}" is inactive.`, `ranks.${index}.rankCode`);
    }
    ranks.push(
      new AccountRank(
        Reference.create(account),
        `${row.effectiveMonth}-01`,
        em.getReference(Rank, rank.id, { wrapped: true }),
      ),
    );
  }
  return ranks;
}

/** 勤務形態 an account of a type may have under the company's [勤務形態] (none for 顧客). */
export function allowedWorkStyles(company: Pick<Company, 'workStylePolicy'>, type: AccountType): readonly WorkStyle[] {
  if (type === 'customer') return [];
  if (type === 'contractor' || company.workStylePolicy === 'both') return ['general', 'flex'];
  return company.workStylePolicy === 'general-only' ? ['general'] : ['flex'];
}

/**
 * Work settings: the skip flags are fixed off while effort/attendance matching is on; the work style is
 * limited by the company's policy for own accounts and not selectable for customers; discretionary
 * labour only for own accounts.
 */
export function applyWorkSettings(
  company: Company,
  account: Account,
  input: WorkInput,
  mode: 'create' | 'update',
): void {
  const allowed = allowedWorkStyles(company, account.type);
  if (input.workStyle !== undefined && input.workStyle !== null && !allowed.includes(input.workStyle)) {
    throw new InputError(
      account.type === 'customer' ? 'WORK_STYLE_NOT_FOR_CUSTOMER' : 'WORK_STYLE_NOT_ALLOWED',
      account.type === 'customer' ? 'Customers have no work style.' : `The company allows only: ${allowed.join(', ')}.`,
      'work.workStyle',
    );
  }
  if (input.workStyle === null && allowed.length > 0) {
    throw new InputError('WORK_STYLE_REQUIRED', 'Choose a work style.', 'work.workStyle');
  }
  if (input.discretionaryLabour && account.type !== 'own') {
    throw new InputError(
      'DISCRETIONARY_ONLY_FOR_OWN',
      'Only own accounts can be discretionary.',
      'work.discretionaryLabour',
    );
  }
  const matching = input.effortAttendanceMatching ?? account.effortAttendanceMatching;
  for (const flag of ['attendanceInputSkip', 'effortInputSkip'] as const) {
    if (matching && input[flag]) {
      throw new InputError(
        'SKIP_FIXED_OFF_WHILE_MATCHING',
        'Input cannot be skipped while effort and attendance must match.',
        `work.${flag}`,
      );
    }
  }
  Object.assign(account, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
  if (account.effortAttendanceMatching) {
    account.attendanceInputSkip = false;
    account.effortInputSkip = false;
  }
  if (mode === 'create' && input.workStyle === undefined) account.workStyle = allowed[0];
  if (account.workStyle && !allowed.includes(account.workStyle)) account.workStyle = allowed[0];
}

export function azureAdIdTaken(azureAdId: string): ConflictError {
  return new ConflictError(
    'AZURE_AD_ID_TAKEN',
    `Another account of the company already uses the Azure AD id "${azureAdId}" (compared without case).`,
    'azureAdId',
  );
}

/** Azure AD compares ids without case: one id, in any case, belongs to one account of a company. */
async function assertAzureAdIdFree(
  em: EntityManager,
  company: Company,
  account: Account,
  azureAdId: string,
): Promise<void> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from account where company_id = ? and lower(azure_ad_id) = lower(?) and id <> ? limit 1`,
    [company.id, azureAdId, account.id],
  );
  if (rows.length > 0) throw azureAdIdTaken(azureAdId);
}

/** The fields that create and update share, with the company's rules. */
export async function applyEditableFields(
  em: EntityManager,
  company: Company,
  account: Account,
  input: Omit<UpdateAccountInput, 'partnerCode' | 'current' | 'type'>,
  mode: 'create' | 'update',
): Promise<void> {
  if (input.lastName !== undefined) account.lastName = input.lastName;
  if (input.firstName !== undefined) account.firstName = input.firstName;
  if (input.lastNameKana !== undefined) account.lastNameKana = input.lastNameKana ?? undefined;
  if (input.firstNameKana !== undefined) account.firstNameKana = input.firstNameKana ?? undefined;
  if (input.shortName !== undefined) account.shortName = input.shortName;
  if (input.locale !== undefined) account.locale = input.locale ?? undefined;
  if (input.emails !== undefined) {
    [account.email1, account.email2, account.email3] = [0, 1, 2].map((i) => input.emails![i] ?? undefined);
  }
  if (input.note !== undefined) account.note = input.note ?? undefined;
  if (input.disabled !== undefined || input.loginDisabled !== undefined) {
    if (account.code === systemAdministratorCode && (input.disabled || input.loginDisabled)) {
      throw new ConflictError('SYSTEM_ADMINISTRATOR', 'The system administrator cannot be disabled.', 'disabled');
    }
    account.disabled = input.disabled ?? account.disabled;
    account.loginDisabled = input.loginDisabled ?? account.loginDisabled;
  }
  if (input.smartphoneOnly !== undefined) {
    if (input.smartphoneOnly && !company.smartphoneOptionEnabled) {
      throw new InputError(
        'SMARTPHONE_OPTION_DISABLED',
        'The company does not use the smartphone option.',
        'smartphoneOnly',
      );
    }
    account.smartphoneOnly = input.smartphoneOnly;
  }
  if (input.azureAdId !== undefined) {
    if (input.azureAdId !== null) {
      if (account.code === systemAdministratorCode) {
        throw new InputError('AZURE_AD_NOT_FOR_ADMIN', 'The system administrator cannot use Azure AD.', 'azureAdId');
      }
      if (!company.azureAdEnabled) {
        throw new InputError('AZURE_AD_DISABLED', 'The company has not enabled Azure AD authentication.', 'azureAdId');
      }
    }
    if (input.azureAdId !== null) await assertAzureAdIdFree(em, company, account, input.azureAdId);
    account.azureAdId = input.azureAdId ?? undefined;
  }
  if (input.mfaEnabled !== undefined) {
    if (input.mfaEnabled && !company.mfaEnabled) {
      throw new InputError('MFA_DISABLED', 'The company has not enabled multi-factor authentication.', 'mfaEnabled');
    }
    account.mfaEnabled = input.mfaEnabled;
  }
  if (input.password !== undefined) {
    if (input.password.length < company.minPasswordLength) {
      throw new InputError(
        'PASSWORD_TOO_SHORT',
        `The password needs at least ${company.minPasswordLength} characters.`,
        'password',
      );
    }
    account.passwordHash = await hashPassword(input.password);
    account.passwordChangedAt = new Date();
  }
  if (input.mustChangePassword !== undefined) account.mustChangePassword = input.mustChangePassword;
  if (input.work !== undefined || mode === 'create') applyWorkSettings(company, account, input.work ?? {}, mode);
}
