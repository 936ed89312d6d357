import type { Account, AccountType } from '../../entities';
import { statusLabels } from './account-view';

/**
 * The columns of the account CSV (import and export): one column per field of 【アカウント登録】, named
 * as the seed names it (Japanese) or as the API names it (English); a file may mix both. The same
 * cell texts are written on export and read on import, so an exported file imports as "unchanged".
 */

/** Values of an account the cells are made of; loaded by the export and the import alike. */
export interface AccountCells {
  account: Account;
  /** The latest 社員ランク row, if any. */
  rank?: { effectiveMonth: string; rankCode: string };
}

interface ColumnDefinition {
  key: string;
  ja: string;
  en: string;
  /** The cell as exported. */
  cell: (values: AccountCells) => string;
  /** Shown on export, ignored on import (statuses the service sets). */
  readOnly?: boolean;
  /** Only read when the account is created (rank history rows are changed one by one afterwards). */
  createOnly?: boolean;
}

const flag = (value: boolean) => (value ? '1' : '0');
const text = (value: string | null | undefined) => value ?? '';
const iso = (value: Date | undefined) => (value ? value.toISOString() : '');

export const accountColumns = [
  { key: 'code', ja: 'アカウントコード', en: 'code', cell: ({ account }) => account.code },
  { key: 'type', ja: 'アカウント種別', en: 'type', cell: ({ account }) => account.type },
  {
    key: 'partnerCode',
    ja: '委託先/顧客コード',
    en: 'partnerCode',
    cell: ({ account }) => text(account.partner?.getEntity().code),
  },
  { key: 'lastName', ja: '姓', en: 'lastName', cell: ({ account }) => account.lastName },
  { key: 'firstName', ja: '名', en: 'firstName', cell: ({ account }) => account.firstName },
  { key: 'lastNameKana', ja: '姓(カナ)', en: 'lastNameKana', cell: ({ account }) => text(account.lastNameKana) },
  { key: 'firstNameKana', ja: '名(カナ)', en: 'firstNameKana', cell: ({ account }) => text(account.firstNameKana) },
  { key: 'shortName', ja: '氏名略名', en: 'shortName', cell: ({ account }) => text(account.shortName) },
  { key: 'email1', ja: 'メールアドレス1', en: 'email1', cell: ({ account }) => text(account.email1) },
  { key: 'email2', ja: 'メールアドレス2', en: 'email2', cell: ({ account }) => text(account.email2) },
  { key: 'email3', ja: 'メールアドレス3', en: 'email3', cell: ({ account }) => text(account.email3) },
  { key: 'locale', ja: '言語', en: 'locale', cell: ({ account }) => text(account.locale) },
  { key: 'disabled', ja: '無効', en: 'disabled', cell: ({ account }) => flag(account.disabled) },
  { key: 'loginDisabled', ja: 'ログイン不可', en: 'loginDisabled', cell: ({ account }) => flag(account.loginDisabled) },
  {
    key: 'smartphoneOnly',
    ja: 'Webスマートフォン専用',
    en: 'smartphoneOnly',
    cell: ({ account }) => flag(account.smartphoneOnly),
  },
  { key: 'effectiveDate', ja: '適用日', en: 'effectiveDate', cell: ({ account }) => account.effectiveDate },
  {
    key: 'departmentCode',
    ja: '所属部門コード',
    en: 'departmentCode',
    cell: ({ account }) => account.department.getEntity().code,
  },
  {
    key: 'controlDepartmentCode',
    ja: 'コントロール部門コード',
    en: 'controlDepartmentCode',
    cell: ({ account }) => account.controlDepartment.getEntity().code,
  },
  {
    key: 'reportingControlDepartmentCode',
    ja: '集計用コントロール部門コード',
    en: 'reportingControlDepartmentCode',
    cell: ({ account }) => account.reportingControlDepartment.getEntity().code,
  },
  { key: 'roleCode', ja: 'アカウントロール', en: 'roleCode', cell: ({ account }) => account.role.getEntity().code },
  {
    key: 'rankMonth',
    ja: '社員ランク適用年月',
    en: 'rankMonth',
    cell: ({ rank }) => text(rank?.effectiveMonth),
    createOnly: true,
  },
  { key: 'rankCode', ja: '社員ランク', en: 'rankCode', cell: ({ rank }) => text(rank?.rankCode), createOnly: true },
  {
    key: 'mustChangePassword',
    ja: 'パスワード変更要求',
    en: 'mustChangePassword',
    cell: ({ account }) => flag(account.mustChangePassword),
  },
  { key: 'azureAdId', ja: 'Azure AD認証', en: 'azureAdId', cell: ({ account }) => text(account.azureAdId) },
  { key: 'mfaEnabled', ja: '多要素認証', en: 'mfaEnabled', cell: ({ account }) => flag(account.mfaEnabled) },
  {
    key: 'effortAttendanceMatching',
    ja: '工数・勤怠一致対象',
    en: 'effortAttendanceMatching',
    cell: ({ account }) => flag(account.effortAttendanceMatching),
  },
  { key: 'workStyle', ja: '勤務形態', en: 'workStyle', cell: ({ account }) => text(account.workStyle) },
  {
    key: 'attendanceInputMethod',
    ja: '勤務実績入力方法',
    en: 'attendanceInputMethod',
    cell: ({ account }) => account.attendanceInputMethod,
  },
  {
    key: 'attendanceInputSkip',
    ja: '勤務実績入力省略',
    en: 'attendanceInputSkip',
    cell: ({ account }) => flag(account.attendanceInputSkip),
  },
  {
    key: 'effortInputMethod',
    ja: '工数入力方法',
    en: 'effortInputMethod',
    cell: ({ account }) => account.effortInputMethod,
  },
  {
    key: 'effortInputSkip',
    ja: '工数入力省略',
    en: 'effortInputSkip',
    cell: ({ account }) => flag(account.effortInputSkip),
  },
  {
    key: 'discretionaryLabour',
    ja: '裁量労働対象',
    en: 'discretionaryLabour',
    cell: ({ account }) => flag(account.discretionaryLabour),
  },
  {
    key: 'excludedFromUtilization',
    ja: '稼働率・生産性計算対象外',
    en: 'excludedFromUtilization',
    cell: ({ account }) => flag(account.excludedFromUtilization),
  },
  { key: 'note', ja: '備考', en: 'note', cell: ({ account }) => text(account.note) },
  {
    key: 'passwordStatus',
    ja: 'パスワード',
    en: 'passwordStatus',
    cell: ({ account }) => statusLabels(account).password,
    readOnly: true,
  },
  {
    key: 'authStatus',
    ja: '認証状態',
    en: 'authStatus',
    cell: ({ account }) => statusLabels(account).auth,
    readOnly: true,
  },
  {
    key: 'authRequestedAt',
    ja: '認証要求日時',
    en: 'authRequestedAt',
    cell: ({ account }) => iso(account.authRequestedAt),
    readOnly: true,
  },
  {
    key: 'lastLoginAt',
    ja: '最終ログイン日時',
    en: 'lastLoginAt',
    cell: ({ account }) => iso(account.lastLoginAt),
    readOnly: true,
  },
] as const satisfies readonly ColumnDefinition[];

export type ColumnKey = (typeof accountColumns)[number]['key'];
export type Cells = Partial<Record<ColumnKey, string>>;

const columnByHeader = new Map<string, ColumnDefinition>(
  accountColumns.flatMap((column) => [
    [column.ja, column],
    [column.en.toLowerCase(), column],
  ]),
);

/** The column a header cell names (Japanese as written, English in any case), or undefined. */
export function columnOfHeader(header: string): ColumnDefinition | undefined {
  const trimmed = header.trim();
  return columnByHeader.get(trimmed) ?? columnByHeader.get(trimmed.toLowerCase());
}

/** Headers that name a password: refused, the password comes from issuance (see README). */
export const passwordHeaders = new Set(['パスワード(初期)', '初期パスワード', 'password', 'initialpassword']);

export function columnDefinition(key: ColumnKey): ColumnDefinition {
  return accountColumns.find((column) => column.key === key)!;
}

/** Cells whose values have words of their own in a Japanese file (the words the import reads). */
const japaneseValues: Partial<Record<ColumnKey, Record<string, string>>> = {
  type: { own: '自社', contractor: '委託先', customer: '顧客' },
  workStyle: { general: '一般', flex: 'フレックス' },
  attendanceInputMethod: { daily: '日次', monthly: '月次' },
  effortInputMethod: { daily: '日次', monthly: '月次' },
};

/** One account's cells, with values in the header's language (自社 under アカウント種別, own under type). */
export function exportCells(values: AccountCells, language: 'ja' | 'en' = 'en'): string[] {
  return accountColumns.map((column) => {
    const cell = column.cell(values);
    return language === 'ja' ? (japaneseValues[column.key]?.[cell] ?? cell) : cell;
  });
}

/** The cells that describe the account's editable state; equal before and after an update means "unchanged". */
export function editableCells(values: AccountCells): Cells {
  const cells: Cells = {};
  for (const column of accountColumns as readonly ColumnDefinition[]) {
    if (column.readOnly || column.createOnly) continue;
    cells[column.key as ColumnKey] = column.cell(values);
  }
  return cells;
}

const typeWords = new Map<string, AccountType>([
  ['自社', 'own'],
  ['委託先', 'contractor'],
  ['顧客', 'customer'],
]);
const trueWords = new Set(['1', 'true', 'yes', 'はい', '○', 'on']);
const falseWords = new Set(['0', 'false', 'no', 'いいえ', '×', 'off']);
/**
 * The words of the columns that take one of a few values (as the export writes them), by column: a cell of any
 * other column (a name, a note) is taken as written, even when it reads 一般 or toString.
 */
const enumWords = new Map<string, ReadonlyMap<string, string>>([
  [
    'workStyle',
    new Map([
      ['一般', 'general'],
      ['フレックス', 'flex'],
    ]),
  ],
  [
    'attendanceInputMethod',
    new Map([
      ['日次', 'daily'],
      ['月次', 'monthly'],
    ]),
  ],
  [
    'effortInputMethod',
    new Map([
      ['日次', 'daily'],
      ['月次', 'monthly'],
    ]),
  ],
  [
    'locale',
    new Map([
      ['日本語', 'ja'],
      ['英語', 'en'],
    ]),
  ],
]);

/** A flag cell as a boolean; an unreadable text stays text so the schema reports it on its field. */
function readFlag(cell: string): boolean | string {
  const word = cell.trim().toLowerCase();
  if (trueWords.has(word)) return true;
  if (falseWords.has(word)) return false;
  return cell;
}

const flagKeys = new Set<string>([
  'disabled',
  'loginDisabled',
  'smartphoneOnly',
  'mustChangePassword',
  'mfaEnabled',
  'effortAttendanceMatching',
  'attendanceInputSkip',
  'effortInputSkip',
  'discretionaryLabour',
  'excludedFromUtilization',
]);
const workKeys = new Set<string>([
  'effortAttendanceMatching',
  'workStyle',
  'attendanceInputMethod',
  'attendanceInputSkip',
  'effortInputMethod',
  'effortInputSkip',
  'discretionaryLabour',
  'excludedFromUtilization',
]);
/** Empty means "none" (null) for these; for the rest an empty cell is left out. */
const nullableKeys = new Set<string>([
  'partnerCode',
  'lastNameKana',
  'firstNameKana',
  'locale',
  'azureAdId',
  'note',
  'workStyle',
]);
const assignmentKeys = [
  'effectiveDate',
  'departmentCode',
  'controlDepartmentCode',
  'reportingControlDepartmentCode',
  'roleCode',
] as const;
const emailKeys = ['email1', 'email2', 'email3'] as const;

/** An empty cell: none (null) where a field may be empty; a missing required text on update; else left out. */
function emptyValue(key: string, mode: 'create' | 'update'): unknown {
  if (nullableKeys.has(key)) return null;
  return mode === 'update' && !flagKeys.has(key) ? '' : undefined;
}

function cellValue(key: string, cell: string): unknown {
  if (flagKeys.has(key)) return readFlag(cell);
  if (key === 'type') return typeWords.get(cell.trim()) ?? cell.trim();
  return enumWords.get(key)?.get(cell.trim()) ?? cell;
}

/**
 * The request body of a single registration (create) or edit (update) that a row's cells stand for, to be
 * validated by the same schemas (account-input.ts). For an update only the cells given are sent; an
 * empty cell clears a field that may be empty. The assignment's five cells travel together.
 */
export function inputOfCells(
  cells: Cells,
  mode: 'create' | 'update',
  current: Cells = {},
): Record<string, unknown> | undefined {
  const input: Record<string, unknown> = {};
  const work: Record<string, unknown> = {};
  const given = (key: ColumnKey) => cells[key] !== undefined && (mode === 'update' || cells[key] !== '');
  for (const column of accountColumns as readonly ColumnDefinition[]) {
    const key = column.key as ColumnKey;
    if (column.readOnly || (column.createOnly && mode === 'update')) continue;
    if ((assignmentKeys as readonly string[]).includes(key) || (emailKeys as readonly string[]).includes(key)) continue;
    if (key === 'rankMonth' || key === 'rankCode') continue;
    if (!given(key)) continue;
    if (mode === 'update' && cells[key] === current[key]) continue;
    const cell = cells[key]!;
    const value = cell === '' ? emptyValue(key, mode) : cellValue(key, cell);
    if (value === undefined) continue;
    if (workKeys.has(key)) work[key] = value;
    else input[key] = value;
  }
  if (Object.keys(work).length > 0) input.work = work;
  if (emailKeys.some((key) => cells[key] !== undefined && (mode === 'create' || cells[key] !== current[key]))) {
    input.emails = emailKeys.map((key) => (cells[key] ?? current[key] ?? '') || null);
  }
  if (assignmentKeys.some((key) => given(key) && (mode === 'create' || cells[key] !== current[key]))) {
    input.current = Object.fromEntries(assignmentKeys.map((key) => [key, cells[key] || current[key] || '']));
  }
  if (mode === 'create' && (cells.rankMonth || cells.rankCode)) {
    input.ranks = [{ effectiveMonth: cells.rankMonth ?? '', rankCode: cells.rankCode ?? '' }];
  }
  if (mode === 'create' && input.code === undefined) delete input.code;
  return mode === 'update' && Object.keys(input).length === 0 ? undefined : input;
}

/** The column a field path of the input schemas or rules stands for (`current.roleCode` → roleCode, `emails.1` → email2). */
export function columnOfField(field: string | undefined): string {
  if (!field) return '';
  const [head, second, third] = field.split('.');
  if (head === 'current' || head === 'work') return second ?? head;
  if (head === 'emails') return second !== undefined ? `email${Number(second) + 1}` : 'email1';
  if (head === 'ranks') return third === 'effectiveMonth' ? 'rankMonth' : 'rankCode';
  return head ?? '';
}

export const cellFormats = ['flag', 'type', 'date', 'month', 'workStyle', 'inputMethod', 'locale'] as const;
export type CellFormat = (typeof cellFormats)[number];
const formatOfKey: Record<string, CellFormat> = {
  type: 'type',
  effectiveDate: 'date',
  rankMonth: 'month',
  workStyle: 'workStyle',
  attendanceInputMethod: 'inputMethod',
  effortInputMethod: 'inputMethod',
  locale: 'locale',
};

/** The columns an import reads, for the column list and the template of the import screen. */
export function importableColumns(): {
  key: string;
  ja: string;
  en: string;
  createOnly: boolean;
  format: CellFormat | null;
}[] {
  return (accountColumns as readonly ColumnDefinition[])
    .filter((column) => !column.readOnly)
    .map((column) => ({
      key: column.key,
      ja: column.ja,
      en: column.en,
      createOnly: column.createOnly ?? false,
      format: flagKeys.has(column.key) ? 'flag' : (formatOfKey[column.key] ?? null),
    }));
}
