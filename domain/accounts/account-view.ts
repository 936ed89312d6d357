import { failedLoginLabel, failedLoginsInWindow } from '../access/login-attempts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { workSettings } from './account-input';
import { departmentsAsOf } from '../organisation/reorganisations';
import {
  AccountRank,
  accountTypes,
  authStatuses,
  issuanceChannels,
  locales,
  passwordStatuses,
  Transfer,
  Account,
} from '../../entities';

const passwordStatusLabels = {
  unissued: '未発行',
  issuing: '発行中',
  reissuing: '再発行中',
  issued: '発行済',
  // A PDF notice whose link expired before anyone downloaded it: no password works (000 leaves it open).
  'notice-expired': 'PDF未取得/期限切れ',
} as const;
/** アカウント種別 as the screens show it. */
export const accountTypeLabels = { own: '自社', contractor: '委託先', customer: '顧客' } as const;
export const accountTypeLabelSchema = z
  .enum(Object.values(accountTypeLabels))
  .meta({ description: 'アカウント種別: 自社, 委託先 or 顧客' });

const authStatusLabels = { none: '未', pending: '認証待ち', verified: '済', expired: '期限切れ' } as const;

/** What `accountView` needs loaded. */
export const accountViewPopulate = [
  'company',
  'role',
  'department',
  'controlDepartment',
  'reportingControlDepartment',
  'partner',
] as const;

const assignmentSchema = z.object({
  effectiveDate: z.iso.date(),
  departmentCode: z.string(),
  departmentName: z.string(),
  controlDepartmentCode: z.string(),
  controlDepartmentName: z.string(),
  reportingControlDepartmentCode: z.string(),
  reportingControlDepartmentName: z.string(),
  roleCode: z.string(),
  roleName: z.string(),
});

const transferSchema = assignmentSchema.extend({
  reorganisationId: z
    .string()
    .nullable()
    .meta({ description: 'The reorganisation (組織変更データ) that entered it: it is changed or cancelled there' }),
});

export const accountSchema = z
  .object({
    code: z.string().meta({ example: 'E0001' }),
    type: z.enum(accountTypes),
    typeLabel: accountTypeLabelSchema,
    partnerCode: z.string().nullable().meta({ description: '委託先/顧客コード (CODE-BRANCH)' }),
    partnerName: z.string().nullable(),
    lastName: z.string(),
    firstName: z.string(),
    lastNameKana: z.string().nullable(),
    firstNameKana: z.string().nullable(),
    shortName: z.string().nullable(),
    emails: z
      .array(z.string().nullable())
      .length(3)
      .meta({ description: 'メールアドレス1, 2, 3 (null where not set)' }),
    locale: z.enum(locales).nullable(),
    current: assignmentSchema.meta({ description: '(現在) assignment' }),
    transfer: transferSchema.nullable().meta({ description: '(異動) the pending transfer, applied on its date' }),
    ranks: z
      .array(z.object({ effectiveMonth: z.string(), rankCode: z.string(), rankName: z.string(), active: z.boolean() }))
      .meta({ description: '社員ランク history, oldest first' }),
    roleCode: z.string(),
    passwordStatus: z.enum(passwordStatuses),
    authStatus: z.enum(authStatuses),
    passwordIssuedVia: z.enum(issuanceChannels).nullable().meta({
      description: 'How the password in use was delivered (発行済 by e-mail, PDF発行済 by a notice); null before',
    }),
    statusLabels: z
      .object({ password: z.string(), auth: z.string() })
      .meta({ description: 'The labels of the account list: パスワード / 認証状態, e.g. 発行中 / 認証待ち' }),
    authRequestedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the last verification request mail was sent' }),
    mustChangePassword: z.boolean(),
    passwordChangedAt: z.iso.datetime().nullable(),
    lastLoginAt: z.iso.datetime().nullable(),
    failedLoginCount: z
      .number()
      .int()
      .meta({ description: 'Failed logins of the current window (0 once the window has passed)' }),
    failedLoginLabel: z.string().meta({ example: '30日間に3回ログイン失敗' }),
    lockedAt: z.iso.datetime().nullable(),
    lockedUntil: z.iso.datetime().nullable().meta({
      description: 'End of a temporary lock (accounts with administrator rights); null with lockedAt: until unlocked',
    }),
    mfaEnabled: z.boolean(),
    mfaStatus: z.enum(['unset', 'set']).meta({ description: '未設定 / 設定済' }),
    azureAdId: z.string().nullable(),
    disabled: z.boolean(),
    loginDisabled: z.boolean(),
    smartphoneOnly: z.boolean(),
    work: workSettings,
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof accountSchema>;

export function statusLabels(account: Pick<Account, 'passwordStatus' | 'passwordIssuedVia' | 'authStatus'>): {
  password: string;
  auth: string;
} {
  const password =
    account.passwordStatus === 'issued' && account.passwordIssuedVia === 'pdf'
      ? 'PDF発行済'
      : passwordStatusLabels[account.passwordStatus];
  return { password, auth: authStatusLabels[account.authStatus] };
}

type AssignmentLike = Pick<
  Transfer,
  'effectiveDate' | 'department' | 'controlDepartment' | 'reportingControlDepartment' | 'role'
>;

function assignmentView(assignment: AssignmentLike): z.infer<typeof assignmentSchema> {
  const department = assignment.department.getEntity();
  const control = assignment.controlDepartment.getEntity();
  const reporting = assignment.reportingControlDepartment.getEntity();
  const role = assignment.role.getEntity();
  return {
    effectiveDate: assignment.effectiveDate,
    departmentCode: department.code,
    departmentName: department.name,
    controlDepartmentCode: control.code,
    controlDepartmentName: control.name,
    reportingControlDepartmentCode: reporting.code,
    reportingControlDepartmentName: reporting.name,
    roleCode: role.code,
    roleName: role.name,
  };
}

/** A transfer names its departments as they will be called on its date (組織変更 registered before it). */
async function transferView(em: EntityManager, transfer: Transfer): Promise<z.infer<typeof transferSchema>> {
  const dated = await departmentsAsOf(em, transfer.company.id, transfer.effectiveDate);
  const plain = assignmentView(transfer);
  return {
    ...plain,
    departmentName: dated.get(transfer.department.id)?.name ?? plain.departmentName,
    controlDepartmentName: dated.get(transfer.controlDepartment.id)?.name ?? plain.controlDepartmentName,
    reorganisationId: transfer.reorganisation?.id ?? null,
  };
}

const iso = (date?: Date) => date?.toISOString() ?? null;

/** The account as the API shows it, with its rank history and pending transfer. */
export async function accountView(parent: EntityManager, saved: Account): Promise<AccountView> {
  // A fresh context: the caller's may hold references to rows it never loaded.
  const em = parent.fork();
  const account = await em.findOneOrFail(Account, saved.id, { populate: accountViewPopulate });
  const ranks = await em.find(AccountRank, { account }, { populate: ['rank'], orderBy: { effectiveMonth: 'asc' } });
  const transfer = await em.findOne(
    Transfer,
    { account, status: 'pending' },
    { populate: ['department', 'controlDepartment', 'reportingControlDepartment', 'role'] },
  );
  const partner = account.partner?.getEntity();
  const windowDays = account.company.getEntity().lockoutWindowDays;
  const failedLogins = failedLoginsInWindow(account, windowDays, new Date());
  return {
    code: account.code,
    type: account.type,
    typeLabel: accountTypeLabels[account.type],
    partnerCode: partner?.code ?? null,
    partnerName: partner?.name ?? null,
    lastName: account.lastName,
    firstName: account.firstName,
    lastNameKana: account.lastNameKana ?? null,
    firstNameKana: account.firstNameKana ?? null,
    shortName: account.shortName ?? null,
    emails: [account.email1 ?? null, account.email2 ?? null, account.email3 ?? null],
    locale: account.locale ?? null,
    current: assignmentView(account),
    transfer: transfer ? await transferView(em, transfer) : null,
    ranks: ranks.map((row) => ({
      effectiveMonth: row.effectiveMonth.slice(0, 7),
      rankCode: row.rank.getEntity().code,
      rankName: row.rank.getEntity().name,
      active: row.rank.getEntity().active,
    })),
    roleCode: account.role.getEntity().code,
    passwordStatus: account.passwordStatus,
    authStatus: account.authStatus,
    passwordIssuedVia: account.passwordIssuedVia ?? null,
    statusLabels: statusLabels(account),
    authRequestedAt: iso(account.authRequestedAt),
    mustChangePassword: account.mustChangePassword,
    passwordChangedAt: iso(account.passwordChangedAt),
    lastLoginAt: iso(account.lastLoginAt),
    failedLoginCount: failedLogins,
    failedLoginLabel: failedLoginLabel(failedLogins, windowDays),
    lockedAt: iso(account.lockedAt),
    lockedUntil: iso(account.lockedUntil),
    mfaEnabled: account.mfaEnabled,
    mfaStatus: account.mfaConfiguredAt ? 'set' : 'unset',
    azureAdId: account.azureAdId ?? null,
    disabled: account.disabled,
    loginDisabled: account.loginDisabled,
    smartphoneOnly: account.smartphoneOnly,
    work: {
      effortAttendanceMatching: account.effortAttendanceMatching,
      workStyle: account.workStyle ?? null,
      attendanceInputMethod: account.attendanceInputMethod,
      attendanceInputSkip: account.attendanceInputSkip,
      effortInputMethod: account.effortInputMethod,
      effortInputSkip: account.effortInputSkip,
      discretionaryLabour: account.discretionaryLabour,
      excludedFromUtilization: account.excludedFromUtilization,
    },
    note: account.note ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
