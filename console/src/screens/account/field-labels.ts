import type { MessageKey } from '../../messages';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const assignmentLabels: Record<string, MessageKey> = {
  effectiveDate: 'effectiveDate',
  departmentCode: 'departmentCode',
  controlDepartmentCode: 'controlDepartmentCode',
  reportingControlDepartmentCode: 'reportingControlDepartmentCode',
  roleCode: 'role',
};

const formLabels: Record<string, MessageKey> = {
  code: 'accountCode',
  type: 'accountType',
  partnerCode: 'partnerCode',
  lastName: 'lastName',
  firstName: 'firstName',
  lastNameKana: 'lastNameKana',
  firstNameKana: 'firstNameKana',
  shortName: 'shortName',
  locale: 'language',
  disabled: 'disabled',
  loginDisabled: 'loginDisabled',
  smartphoneOnly: 'smartphoneOnly',
  password: 'password',
  mustChangePassword: 'mustChangePassword',
  azureAdId: 'azureAdId',
  mfaEnabled: 'mfaEnabled',
  note: 'note',
  currentPassword: 'currentPassword',
  mfaCode: 'mfaCode',
  ranks: 'rank',
  rankCode: 'rank',
  effectiveMonth: 'effectiveMonth',
};

/**
 * The label of 【アカウント登録】 a field of the API names (`current.departmentCode` → (現在)所属部門コード,
 * `emails.1` → メールアドレス2, `work.workStyle` → 勤務形態); a transfer's fields carry no prefix in the API.
 */
export function accountFieldLabel(
  t: Translate,
  field: string,
  block: 'form' | 'transfer' = 'form',
): string | undefined {
  const [head, second, third] = field.split('.');
  if (!head) return undefined;
  if (head === 'current' && second && assignmentLabels[second]) return t('currentPrefix') + t(assignmentLabels[second]);
  if (block === 'transfer' && assignmentLabels[head]) return t('transferPrefix') + t(assignmentLabels[head]);
  if (head === 'emails') return t('addressN', { n: Number(second ?? 0) + 1 });
  if (head === 'work' && second) return t(`work_${second}` as MessageKey);
  if (head === 'ranks') return t(third === 'effectiveMonth' ? 'effectiveMonth' : 'rank');
  const key = formLabels[head];
  return key ? t(key) : undefined;
}
