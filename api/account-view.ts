import { z } from 'zod';
import { accountTypes, authStatuses, locales, passwordStatuses, type Account } from '../entities';

const passwordStatusLabels = {
  unissued: '未発行',
  issuing: '発行中',
  reissuing: '再発行中',
  issued: '発行済',
} as const;
const authStatusLabels = { none: '未', pending: '認証待ち', verified: '済', expired: '期限切れ' } as const;

export const accountSchema = z
  .object({
    code: z.string().meta({ example: 'E0001' }),
    type: z.enum(accountTypes),
    lastName: z.string(),
    firstName: z.string(),
    lastNameKana: z.string().nullable(),
    firstNameKana: z.string().nullable(),
    emails: z
      .array(z.string().nullable())
      .length(3)
      .meta({ description: 'メールアドレス1, 2, 3 (null where not set)' }),
    locale: z.enum(locales).nullable(),
    roleCode: z.string(),
    passwordStatus: z.enum(passwordStatuses),
    authStatus: z.enum(authStatuses),
    statusLabels: z
      .object({ password: z.string(), auth: z.string() })
      .meta({ description: 'The labels of the account list: パスワード / 認証状態, e.g. 発行中 / 認証待ち' }),
    authRequestedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the last verification request mail was sent' }),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    disabled: z.boolean(),
    loginDisabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof accountSchema>;

/** The account as the API shows it; `role` must be loaded. */
export function accountView(account: Account): AccountView {
  const passwordLabel =
    account.passwordStatus === 'issued' && account.passwordIssuedVia === 'pdf'
      ? 'PDF発行済'
      : passwordStatusLabels[account.passwordStatus];
  return {
    code: account.code,
    type: account.type,
    lastName: account.lastName,
    firstName: account.firstName,
    lastNameKana: account.lastNameKana ?? null,
    firstNameKana: account.firstNameKana ?? null,
    emails: [account.email1 ?? null, account.email2 ?? null, account.email3 ?? null],
    locale: account.locale ?? null,
    roleCode: account.role.getEntity().code,
    passwordStatus: account.passwordStatus,
    authStatus: account.authStatus,
    statusLabels: { password: passwordLabel, auth: authStatusLabels[account.authStatus] },
    authRequestedAt: account.authRequestedAt?.toISOString() ?? null,
    mustChangePassword: account.mustChangePassword,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    disabled: account.disabled,
    loginDisabled: account.loginDisabled,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
