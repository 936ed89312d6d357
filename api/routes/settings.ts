import { z } from 'zod';
import { codeNumberings, issuanceChannels, locales, workStylePolicies } from '../../entities';
import {
  getCompanyFeatures,
  getCompanySettings,
  updateCompanySettings,
  updateCompanySettingsInput,
} from '../../domain/organisation/company-settings';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const settingsSchema = z
  .object({
    companyCode: z.string(),
    companyName: z.string(),
    issuanceChannel: z.enum(issuanceChannels).meta({ description: 'パスワードの発行手段' }),
    verificationValidityHours: z.number().int().meta({ description: '認証要求メール有効期間 (hours)' }),
    serviceName: z.string(),
    appDownloadUrl: z.string().nullable(),
    browserUrl: z.string().nullable(),
    minPasswordLength: z.number().int().meta({ description: 'パスワード有効文字数' }),
    timeZone: z.string(),
    locale: z.enum(locales),
    accountCodeNumbering: z
      .enum(codeNumberings)
      .meta({ description: 'アカウントコード: manual entry or automatic numbering' }),
    lockoutThreshold: z.number().int().meta({ description: 'Failed logins within the window that lock an account' }),
    lockoutWindowDays: z.number().int().meta({ description: 'ロックアウト失敗対象日数' }),
    mfaEnabled: z.boolean().meta({ description: '多要素認証を有効にする' }),
    azureAdEnabled: z.boolean().meta({ description: 'Azure AD認証: accounts may carry an Azure AD id' }),
    azureAdIssuerUrl: z.string().nullable().meta({ description: 'Azure AD sign-in: OpenID issuer URL' }),
    azureAdClientId: z.string().nullable().meta({ description: 'Azure AD sign-in: application (client) id' }),
    smartphoneOptionEnabled: z.boolean().meta({ description: 'Webスマートフォンオプション' }),
    workStylePolicy: z.enum(workStylePolicies).meta({ description: '自社マスタ [勤務形態]' }),
    auditRetentionYears: z
      .number()
      .int()
      .meta({ description: '監査ログの保存期間 (years): housekeeping prunes older audit events' }),
  })
  .meta({ id: 'CompanySettings' });

const featuresSchema = settingsSchema
  .pick({
    issuanceChannel: true,
    accountCodeNumbering: true,
    minPasswordLength: true,
    lockoutWindowDays: true,
    mfaEnabled: true,
    azureAdEnabled: true,
    smartphoneOptionEnabled: true,
    workStylePolicy: true,
    timeZone: true,
  })
  .meta({ id: 'CompanyFeatures' });

const updateSettingsBody = updateCompanySettingsInput.meta({ id: 'UpdateCompanySettingsRequest' });

export function registerSettingsRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/settings',
    summary: 'Company settings (基本設定 / ログイン認証設定)',
    tag: 'Settings',
    access: { permission: 'settings:read' },
    responses: { 200: { description: 'Current settings', schema: settingsSchema } },
    handler: async ({ em, auth }) => ({ status: 200, body: await getCompanySettings(em, auth) }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/settings/features',
    summary: 'The settings the account screens follow (fields of switched-off features are not offered)',
    tag: 'Settings',
    access: { permission: 'accounts:read' },
    responses: { 200: { description: 'Current switches', schema: featuresSchema } },
    handler: async ({ em, auth }) => ({ status: 200, body: await getCompanyFeatures(em, auth) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/settings',
    summary: 'Change company settings; issuances already running keep the validity they started with',
    tag: 'Settings',
    access: { permission: 'settings:write' },
    body: updateSettingsBody,
    responses: { 200: { description: 'Changed settings', schema: settingsSchema } },
    handler: async ({ em, auth, body }) => ({
      status: 200,
      body: await updateCompanySettings(em, auth, body, target.services.secretBox),
    }),
  });
}
