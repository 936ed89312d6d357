import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  codeNumberings,
  Company,
  issuanceChannels,
  locales,
  workStylePolicies,
  type CodeNumbering,
  type IssuanceChannel,
  type Locale,
  type WorkStylePolicy,
} from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { plainText } from '../input-schemas';
import type { SecretBox } from '../../lib/secret-box';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

/** What the sealed Azure AD client secret is bound to: a copy in another company's row does not open. */
export function azureSecretContext(companyId: string): string {
  return `azure-ad-client-secret:${companyId}`;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every setting may change alone; the bounds keep issuance, login and lockout workable. */
export const updateCompanySettingsInput = z
  .object({
    companyName: plainText(100),
    issuanceChannel: z.enum(issuanceChannels),
    verificationValidityHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    serviceName: plainText(100),
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
    azureAdIssuerUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    azureAdClientId: plainText(200).nullable(),
    azureAdClientSecret: z.string().min(1).max(500).nullable().meta({ description: 'Write-only; stored encrypted' }),
    smartphoneOptionEnabled: z.boolean(),
    workStylePolicy: z.enum(workStylePolicies),
  })
  .partial()
  .strict();
export type UpdateCompanySettingsInput = z.infer<typeof updateCompanySettingsInput>;

export interface CompanySettingsView {
  companyCode: string;
  companyName: string;
  issuanceChannel: IssuanceChannel;
  verificationValidityHours: number;
  serviceName: string;
  appDownloadUrl: string | null;
  browserUrl: string | null;
  minPasswordLength: number;
  timeZone: string;
  locale: Locale;
  accountCodeNumbering: CodeNumbering;
  lockoutThreshold: number;
  lockoutWindowDays: number;
  mfaEnabled: boolean;
  azureAdEnabled: boolean;
  azureAdIssuerUrl: string | null;
  azureAdClientId: string | null;
  smartphoneOptionEnabled: boolean;
  workStylePolicy: WorkStylePolicy;
}

function settingsView(company: Company): CompanySettingsView {
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
    azureAdIssuerUrl: company.azureAdIssuerUrl ?? null,
    azureAdClientId: company.azureAdClientId ?? null,
    smartphoneOptionEnabled: company.smartphoneOptionEnabled,
    workStylePolicy: company.workStylePolicy,
  };
}

/** 基本設定 / ログイン認証設定 of the caller's company. */
export async function getCompanySettings(em: EntityManager, principal: Principal): Promise<CompanySettingsView> {
  assertPermitted(principal, 'settings:read');
  return settingsView(await em.findOneOrFail(Company, principal.companyId));
}

/** The switches that decide which fields and actions the account screens offer (no secrets, no URLs). */
export interface CompanyFeaturesView {
  issuanceChannel: IssuanceChannel;
  accountCodeNumbering: CodeNumbering;
  minPasswordLength: number;
  lockoutWindowDays: number;
  mfaEnabled: boolean;
  azureAdEnabled: boolean;
  smartphoneOptionEnabled: boolean;
  workStylePolicy: WorkStylePolicy;
  timeZone: string;
}

/** What every account administrator may know of the settings: the screens follow them (settings:read not needed). */
export async function getCompanyFeatures(em: EntityManager, principal: Principal): Promise<CompanyFeaturesView> {
  assertPermitted(principal, 'accounts:read');
  const company = await em.findOneOrFail(Company, principal.companyId);
  return {
    issuanceChannel: company.issuanceChannel,
    accountCodeNumbering: company.accountCodeNumbering,
    minPasswordLength: company.minPasswordLength,
    lockoutWindowDays: company.lockoutWindowDays,
    mfaEnabled: company.mfaEnabled,
    azureAdEnabled: company.azureAdEnabled,
    smartphoneOptionEnabled: company.smartphoneOptionEnabled,
    workStylePolicy: company.workStylePolicy,
    timeZone: company.timeZone,
  };
}

/** The company's own counter, not a setting anyone changes. */
const settingsNotCompared = new Set(['lastAccountNumber']);

/** Changes only the settings given; issuances already running keep the validity they started with. */
export async function updateCompanySettings(
  em: EntityManager,
  principal: Principal,
  input: UpdateCompanySettingsInput,
  secretBox?: SecretBox,
): Promise<CompanySettingsView> {
  assertPermitted(principal, 'settings:write');
  const company = await em.findOneOrFail(Company, principal.companyId, { populate: ['azureAdClientSecret'] });
  const before = snapshotOf(company, settingsNotCompared);
  const { companyName, appDownloadUrl, browserUrl, azureAdIssuerUrl, azureAdClientId, azureAdClientSecret, ...rest } =
    input;
  if (azureAdIssuerUrl !== undefined) company.azureAdIssuerUrl = azureAdIssuerUrl ?? undefined;
  if (azureAdClientId !== undefined) company.azureAdClientId = azureAdClientId ?? undefined;
  if (azureAdClientSecret !== undefined) {
    if (azureAdClientSecret !== null && !secretBox) throw new Error('a secret box is needed to keep the client secret');
    company.azureAdClientSecret =
      azureAdClientSecret === null ? undefined : secretBox!.seal(azureAdClientSecret, azureSecretContext(company.id));
  }
  if (companyName !== undefined) company.name = companyName;
  // The entity keeps an absent URL as undefined; the API's null means "remove it".
  if (appDownloadUrl !== undefined) company.appDownloadUrl = appDownloadUrl ?? undefined;
  if (browserUrl !== undefined) company.browserUrl = browserUrl ?? undefined;
  Object.assign(company, rest);
  recordEntityChange(
    em,
    principal,
    company.id,
    { type: 'settings', kind: 'update' },
    company,
    before,
    settingsNotCompared,
  );
  await em.flush();
  return settingsView(company);
}
