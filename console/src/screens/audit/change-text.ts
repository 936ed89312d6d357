import type { Schemas } from '../../api/client';
import { formatDateTime, type Language } from '../../i18n';
import { ja, type MessageKey } from '../../messages';
import { accountFieldLabel } from '../account/field-labels';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type AuditEvent = Schemas['AuditEvent'];

/** The account's fields the trail names as the entity does, read as the API's (and so 【アカウント登録】's) fields. */
const accountApiFields: Record<string, string> = {
  email1: 'emails.0',
  email2: 'emails.1',
  email3: 'emails.2',
  partner: 'partnerCode',
};

/** Fields the form has no label for as the trail names them: a reference shows its code, a lockout its times. */
const accountOwnLabels: Record<string, MessageKey> = {
  department: 'departmentCode',
  controlDepartment: 'controlDepartmentCode',
  reportingControlDepartment: 'reportingControlDepartmentCode',
  role: 'role',
  effectiveDate: 'effectiveDate',
  lockedAt: 'lockedAt',
  lockedUntil: 'lockedUntil',
  failedLoginCount: 'failedLogins',
  temporaryLockouts: 'temporaryLockouts',
  mfaSecret: 'mfaSecret',
};

const isKey = (key: string): key is MessageKey => key in ja;

/** A changed field's label as the screens name it (所属部門コード, 勤務形態, タイムゾーン…); else the trail's name. */
export function changeLabel(t: Translate, targetType: string, field: string): string {
  if (targetType === 'account') {
    const own = accountOwnLabels[field];
    if (own) return t(own);
    // 勤務設定's fields sit flat on the account and under `work.` in the API.
    if (isKey(`work_${field}`)) return t(`work_${field}` as MessageKey);
    return accountFieldLabel(t, accountApiFields[field] ?? field) ?? field;
  }
  const setting = `setting_${field}`;
  if (targetType === 'settings' && isKey(setting)) return t(setting);
  return field;
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A before or after value as the admin reads it: yes/no, times in the company's time zone, (なし) for nothing. */
export function changeValue(t: Translate, value: unknown, language: Language, timeZone?: string): string {
  if (value === null || value === undefined || value === '') return t('auditEmpty');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'string') return isoTime.test(value) ? formatDateTime(value, language, timeZone) : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Who did it: an account's code, name and role; the system's work by its name; a SCIM token by its name. */
export function actorText(t: Translate, actor: AuditEvent['actor']): string {
  switch (actor.kind) {
    case 'system': {
      const key = `systemActor_${actor.code ?? ''}`;
      return `${t('actorKind_system')}: ${isKey(key) ? t(key) : (actor.code ?? '')}`;
    }
    case 'scim-token':
      return `${t('actorKind_scimToken')}: ${actor.code ?? ''}`;
    case 'anonymous':
      return `${t('actorKind_anonymous')}: ${actor.code ?? ''}`;
    default:
      return [actor.code, actor.name, actor.role ? `(${actor.role})` : ''].filter(Boolean).join(' ');
  }
}

/** The target types the trail records, in the order the filter offers them, with their texts. */
export const targetTypes: Record<string, MessageKey> = {
  account: 'targetType_account',
  role: 'targetType_role',
  settings: 'targetType_settings',
  department: 'targetType_department',
  'reporting-department': 'targetType_reportingDepartment',
  rank: 'targetType_rank',
  partner: 'targetType_partner',
  project: 'targetType_project',
  transfer: 'targetType_transfer',
  reorganisation: 'targetType_reorganisation',
  import: 'targetType_import',
  'bulk-run': 'targetType_bulkRun',
  'scim-token': 'targetType_scimToken',
  'scim-provisioning': 'targetType_scimProvisioning',
};

export function targetText(t: Translate, target: AuditEvent['target']): string {
  const type = targetTypes[target.type];
  return [type ? t(type) : target.type, target.code, target.name].filter(Boolean).join(' ');
}
