// Types from the generated schema itself (not the client): the rules here are also read by a fast test under Node.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
/** The company's switches the account screens follow (GET /api/settings/features). */
export type Features = Schemas['CompanyFeatures'];

export type Account = Schemas['Account'];
export type Assignment = Schemas['AssignmentInput'];
export type Work = NonNullable<Schemas['CreateAccountRequest']['work']>;
export type AccountType = 'own' | 'contractor' | 'customer';

export interface Form {
  code: string;
  type: AccountType;
  partnerCode: string;
  lastName: string;
  firstName: string;
  lastNameKana: string;
  firstNameKana: string;
  shortName: string;
  emails: [string, string, string];
  locale: '' | 'ja' | 'en';
  disabled: boolean;
  loginDisabled: boolean;
  smartphoneOnly: boolean;
  password: string;
  mustChangePassword: boolean;
  azureAdId: string;
  mfaEnabled: boolean;
  note: string;
  current: Assignment;
  rank: { effectiveMonth: string; rankCode: string };
  work: Work;
}

export const systemAdministratorCode = 'Admin';

/**
 * 勤務形態 the company's policy allows for an account type: the rule of domain/accounts/account-rules.ts
 * (allowedWorkStyles), kept equal to it by test/fast/account-form-rules.test.ts.
 */
export function allowedWorkStyles(
  policy: Features['workStylePolicy'] | undefined,
  type: AccountType,
): ('general' | 'flex')[] {
  if (type === 'customer') return [];
  if (type === 'contractor' || policy === 'both' || policy === undefined) return ['general', 'flex'];
  return policy === 'general-only' ? ['general'] : ['flex'];
}

/** Today in the company's time zone (YYYY-MM-DD), the day the API dates things by; the browser's until it is known. */
export function today(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** Only the five inputs of an assignment: the API's answer also carries the names, which are not input. */
export function assignmentOf(value: Assignment): Assignment {
  return {
    effectiveDate: value.effectiveDate,
    departmentCode: value.departmentCode,
    controlDepartmentCode: value.controlDepartmentCode,
    reportingControlDepartmentCode: value.reportingControlDepartmentCode,
    roleCode: value.roleCode,
  };
}

const newAssignment = (timeZone?: string): Assignment => ({
  effectiveDate: today(timeZone),
  departmentCode: '0',
  controlDepartmentCode: '0',
  reportingControlDepartmentCode: '0',
  roleCode: 'employee',
});

export function formOf(account?: Account, timeZone?: string): Form {
  return {
    code: account?.code ?? '',
    type: account?.type ?? 'own',
    partnerCode: account?.partnerCode ?? '',
    lastName: account?.lastName ?? '',
    firstName: account?.firstName ?? '',
    lastNameKana: account?.lastNameKana ?? '',
    firstNameKana: account?.firstNameKana ?? '',
    shortName: account?.shortName ?? '',
    emails: [account?.emails[0] ?? '', account?.emails[1] ?? '', account?.emails[2] ?? ''],
    locale: account?.locale ?? '',
    disabled: account?.disabled ?? false,
    loginDisabled: account?.loginDisabled ?? false,
    smartphoneOnly: account?.smartphoneOnly ?? false,
    password: '',
    mustChangePassword: account?.mustChangePassword ?? true,
    azureAdId: account?.azureAdId ?? '',
    mfaEnabled: account?.mfaEnabled ?? false,
    note: account?.note ?? '',
    current: account ? assignmentOf(account.current) : newAssignment(timeZone),
    rank: { effectiveMonth: today(timeZone).slice(0, 7), rankCode: '' },
    work: account?.work ?? { effortAttendanceMatching: false, discretionaryLabour: false },
  };
}

/**
 * The work settings as the rules of 【アカウント登録】 leave them: the 入力省略 boxes off while 工数・勤怠一致対象 is
 * on, 裁量労働 only for own accounts, a 勤務形態 the company's policy allows (none for customers).
 */
export function workFollowingRules(work: Work, type: AccountType, features: Features | undefined): Work {
  const allowed = allowedWorkStyles(features?.workStylePolicy, type);
  const workStyle =
    allowed.length === 0 ? null : work.workStyle && allowed.includes(work.workStyle) ? work.workStyle : allowed[0]!;
  return {
    ...work,
    workStyle,
    discretionaryLabour: type === 'own' ? !!work.discretionaryLabour : false,
    ...(work.effortAttendanceMatching ? { attendanceInputSkip: false, effortInputSkip: false } : {}),
  };
}

/**
 * The body fields create and update share. Fields of switched-off features are left out (the API refuses them),
 * and so is Admin's Azure AD id (the document disables it).
 */
export function commonBody(form: Form, features: Features | undefined) {
  const isAdmin = form.code === systemAdministratorCode;
  return {
    lastName: form.lastName,
    firstName: form.firstName,
    lastNameKana: form.lastNameKana || null,
    firstNameKana: form.firstNameKana || null,
    shortName: form.shortName,
    emails: form.emails.map((address) => address || null),
    locale: form.locale || null,
    disabled: form.disabled,
    loginDisabled: form.loginDisabled,
    ...(features?.smartphoneOptionEnabled ? { smartphoneOnly: form.smartphoneOnly } : {}),
    mustChangePassword: form.mustChangePassword,
    ...(features?.azureAdEnabled && !isAdmin ? { azureAdId: form.azureAdId || null } : {}),
    ...(features?.mfaEnabled ? { mfaEnabled: form.mfaEnabled } : {}),
    work: workFollowingRules(form.work, form.type, features),
    note: form.note || null,
    ...(form.password ? { password: form.password } : {}),
  };
}
