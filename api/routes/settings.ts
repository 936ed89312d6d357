import { z } from 'zod';
import { codeNumberings, Company, issuanceChannels, locales, workStylePolicies } from '../../entities';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

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
    smartphoneOptionEnabled: z.boolean().meta({ description: 'Webスマートフォンオプション' }),
    workStylePolicy: z.enum(workStylePolicies).meta({ description: '自社マスタ [勤務形態]' }),
  })
  .meta({ id: 'CompanySettings' });

const updateSettingsBody = z
  .object({
    companyName: z.string().trim().min(1).max(100),
    issuanceChannel: z.enum(issuanceChannels),
    verificationValidityHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    serviceName: z.string().trim().min(1).max(100),
    appDownloadUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    browserUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    minPasswordLength: z.number().int().min(8).max(64),
    timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
    locale: z.enum(locales),
    accountCodeNumbering: z.enum(codeNumberings),
    lockoutThreshold: z.number().int().min(1).max(100),
    lockoutWindowDays: z.number().int().min(1).max(365),
    mfaEnabled: z.boolean(),
    azureAdEnabled: z.boolean(),
    smartphoneOptionEnabled: z.boolean(),
    workStylePolicy: z.enum(workStylePolicies),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateCompanySettingsRequest' });

function settingsView(company: Company): z.infer<typeof settingsSchema> {
  return {
    companyCode: company.code,
    companyName: company.name,
    issuanceChannel: company.issuanceChannel,
    verificationValidityHours: company.verificationValidityHours,
    serviceName: company.serviceName,
    appDownloadUrl: company.appDownloadUrl ?? null,
    browserUrl: company.browserUrl ?? null,
    minPasswordLength: company.minPasswordLength,
    timeZone: company.timeZone,
    locale: company.locale,
    accountCodeNumbering: company.accountCodeNumbering,
    lockoutThreshold: company.lockoutThreshold,
    lockoutWindowDays: company.lockoutWindowDays,
    mfaEnabled: company.mfaEnabled,
    azureAdEnabled: company.azureAdEnabled,
    smartphoneOptionEnabled: company.smartphoneOptionEnabled,
    workStylePolicy: company.workStylePolicy,
  };
}

export function registerSettingsRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/settings',
    summary: 'Company settings (基本設定 / ログイン認証設定)',
    tag: 'Settings',
    access: { permission: 'settings:read' },
    responses: { 200: { description: 'Current settings', schema: settingsSchema } },
    handler: async ({ em, auth }) => ({
      status: 200,
      body: settingsView(await em.findOneOrFail(Company, auth.companyId)),
    }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/settings',
    summary: 'Change company settings; issuances already running keep the validity they started with',
    tag: 'Settings',
    access: { permission: 'settings:write' },
    body: updateSettingsBody,
    responses: { 200: { description: 'Changed settings', schema: settingsSchema } },
    handler: async ({ em, auth, body }) => {
      const company = await em.findOneOrFail(Company, auth.companyId);
      const { companyName, appDownloadUrl, browserUrl, ...rest } = body;
      if (companyName !== undefined) company.name = companyName;
      if (appDownloadUrl !== undefined) company.appDownloadUrl = appDownloadUrl ?? undefined;
      if (browserUrl !== undefined) company.browserUrl = browserUrl ?? undefined;
      Object.assign(company, rest);
      await em.flush();
      return { status: 200, body: settingsView(company) };
    },
  });
}
