import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { accountTypes, authStatuses, issuanceChannels, passwordStatuses } from '../../entities';
import { partnerCode } from './account-input';
import {
  accountSortKeys,
  issuanceStatusFilters,
  normaliseKanaTerm,
  normaliseNameTerm,
  searchAccounts,
  type AccountSearchCriteria,
  type AccountSearchRow,
} from './account-search-query';
import { accountTypeLabels, accountTypeLabelSchema, statusLabels } from './account-view';
import { InputError } from '../errors';

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: `${description} (default false)` });

export const accountSearchQuery = z
  .object({
    code: z
      .string()
      .max(10)
      .regex(/^[\x21-\x7e]*$/, 'half-width characters only')
      .optional()
      .meta({ description: 'アカウントコード, matched from the start (前方一致)' }),
    type: z.enum(accountTypes).optional().meta({ description: 'アカウント種別' }),
    partnerCode: partnerCode
      .optional()
      .meta({ description: '委託先/顧客コード (CODE-BRANCH); with `type` only a partner of that kind matches' }),
    name: z
      .string()
      .max(20)
      .optional()
      .meta({ description: '氏名, matched anywhere in 姓名 written together (spaces are ignored)', example: '山田' }),
    kana: z.string().max(20).optional().meta({
      description: '氏名カナ, matched anywhere in 姓名カナ; half-width katakana and hiragana are read as katakana',
      example: 'ヤマ',
    }),
    departmentCode: z
      .string()
      .max(10)
      .regex(/^[\x21-\x7e]*$/, 'half-width characters only')
      .optional()
      .meta({ description: '所属部門コード' }),
    includeSubDepartments: flag('部門配下: also accounts of the departments below `departmentCode`'),
    projectCode: z
      .string()
      .max(23)
      .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH, half-width alphanumerics joined by a hyphen')
      .optional()
      .meta({ description: '参加プロジェクトコード: members (PM, PL, member) of this project' }),
    lockedOnly: flag('ロックアウト状態である: only locked-out accounts'),
    includeDisabled: flag('無効を含む'),
    includeLoginDisabled: flag('ログイン不可を含む'),
    issuanceStatus: z.enum(issuanceStatusFilters).optional().meta({
      description:
        'パスワード/認証状態: unissued 未発行, issuing 発行中, reissuing 再発行中, issued 発行済, pdf-issued PDF発行済, notice-expired PDF未取得/期限切れ, auth-pending 認証待ち, auth-expired 期限切れ, auth-verified 認証済',
    }),
    sort: z.enum(accountSortKeys).default('code').meta({ description: 'Ties are broken by the account code' }),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .meta({ id: 'AccountSearchQuery' });
export type AccountSearchQuery = z.infer<typeof accountSearchQuery>;

/** The list's filters without its order and page: what a bulk run by filter selects (every match). */
export const accountFilterSchema = accountSearchQuery
  .omit({ sort: true, order: true, limit: true, offset: true })
  .meta({ id: 'AccountFilter' });

export const accountListItemSchema = z
  .object({
    code: z.string().meta({ example: 'E0001' }),
    name: z.string().meta({ description: '氏名略名, or 姓名 when there is none', example: '山田太郎' }),
    lastName: z.string(),
    firstName: z.string(),
    kana: z.string().meta({ description: '氏名カナ: 姓カナ and 名カナ written together', example: 'ヤマダタロウ' }),
    type: z.enum(accountTypes),
    typeLabel: accountTypeLabelSchema,
    departmentCode: z.string(),
    departmentName: z.string(),
    partnerCode: z.string().nullable().meta({ description: '委託先/顧客コード; null for own accounts' }),
    partnerName: z.string().nullable(),
    lastLoginAt: z.iso.datetime().nullable(),
    lockedAt: z.iso.datetime().nullable().meta({ description: 'Set while locked out' }),
    failedLoginCount: z.number().int().meta({ description: 'Failed logins of the current window' }),
    disabled: z.boolean(),
    loginDisabled: z.boolean(),
    passwordStatus: z.enum(passwordStatuses),
    authStatus: z.enum(authStatuses),
    passwordIssuedVia: z.enum(issuanceChannels).nullable().meta({
      description: 'How the password in use was delivered (発行済 by e-mail, PDF発行済 by a notice); null before',
    }),
    statusLabels: z
      .object({ password: z.string(), auth: z.string() })
      .meta({ description: 'パスワード / 認証状態 as the list shows them, e.g. 発行中 / 認証待ち' }),
    authRequestedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the last verification request mail was sent (shown on hover)' }),
  })
  .meta({ id: 'AccountListItem' });
export type AccountListItem = z.infer<typeof accountListItemSchema>;

export const accountListSchema = z
  .object({
    total: z.number().int().meta({
      description: 'Every match, not only this page; with `totalIsLowerBound`, at least this many (shown as "10,000+")',
    }),
    totalIsLowerBound: z.boolean().meta({
      description:
        'True when the search matches more than 10,000 accounts: counting stopped there, and `total` is 10,000 ' +
        '(or the accounts up to this page, when more)',
    }),
    items: z.array(accountListItemSchema),
  })
  .meta({ id: 'AccountList' });

/** Turns the validated query into search criteria; empty text filters mean "no filter", as an empty field on the screen. */
export function accountSearchCriteria(companyId: string, query: AccountSearchQuery): AccountSearchCriteria {
  if (query.type === 'own' && query.partnerCode) {
    throw new InputError('PARTNER_CODE_NOT_APPLICABLE', 'Own accounts have no contractor or customer.', 'partnerCode');
  }
  const text = (value: string | undefined) => (value ? value : undefined);
  return {
    companyId,
    codePrefix: text(query.code),
    type: query.type,
    partnerCode: text(query.partnerCode),
    name: text(query.name === undefined ? undefined : normaliseNameTerm(query.name)),
    kana: text(query.kana === undefined ? undefined : normaliseKanaTerm(query.kana)),
    departmentCode: text(query.departmentCode),
    includeSubDepartments: query.includeSubDepartments === 'true',
    projectCode: text(query.projectCode),
    lockedOnly: query.lockedOnly === 'true',
    includeDisabled: query.includeDisabled === 'true',
    includeLoginDisabled: query.includeLoginDisabled === 'true',
    issuanceStatus: query.issuanceStatus,
    sort: query.sort,
    order: query.order,
    limit: query.limit,
    offset: query.offset,
  };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function listItem(row: AccountSearchRow): AccountListItem {
  const passwordStatus = row.password_status as AccountListItem['passwordStatus'];
  const authStatus = row.auth_status as AccountListItem['authStatus'];
  const passwordIssuedVia = (row.password_issued_via ?? null) as AccountListItem['passwordIssuedVia'];
  const labels = statusLabels({ passwordStatus, passwordIssuedVia: passwordIssuedVia ?? undefined, authStatus });
  return {
    code: row.code,
    name: row.short_name || `${row.last_name}${row.first_name}`,
    lastName: row.last_name,
    firstName: row.first_name,
    kana: `${row.last_name_kana ?? ''}${row.first_name_kana ?? ''}`,
    type: row.type,
    typeLabel: accountTypeLabels[row.type],
    departmentCode: row.department_code,
    departmentName: row.department_name,
    partnerCode: row.partner_code,
    partnerName: row.partner_name,
    lastLoginAt: iso(row.last_login_at),
    lockedAt: iso(row.locked_at),
    failedLoginCount: row.failed_login_count,
    disabled: row.disabled,
    loginDisabled: row.login_disabled,
    passwordStatus,
    authStatus,
    passwordIssuedVia,
    statusLabels: labels,
    authRequestedAt: iso(row.auth_requested_at),
  };
}

/** 【アカウント一覧】: one page of the accounts matching every filter, with the total. */
export async function listAccounts(
  em: EntityManager,
  principal: Principal,
  query: AccountSearchQuery,
): Promise<{ total: number; totalIsLowerBound: boolean; items: AccountListItem[] }> {
  assertPermitted(principal, 'accounts:read');
  const connection = em.getConnection();
  const result = await searchAccounts(
    (statement) => connection.execute<AccountSearchRow[]>(statement.sql, statement.bindings),
    accountSearchCriteria(principal.companyId, query),
  );
  return { total: result.total, totalIsLowerBound: result.totalIsLowerBound, items: result.rows.map(listItem) };
}
