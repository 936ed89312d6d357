/** Generated account CSV files for the import tests and the benchmark, built in memory. */

export const importHeader = [
  'アカウントコード',
  'アカウント種別',
  '姓',
  '名',
  '姓(カナ)',
  '名(カナ)',
  '氏名略名',
  'メールアドレス1',
  '適用日',
  '所属部門コード',
  'コントロール部門コード',
  '集計用コントロール部門コード',
  'アカウントロール',
];

const lastNames = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const lastKana = [
  'サトウ',
  'スズキ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ヤマモト',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
];
const firstNames = ['太郎', '花子', '一郎', '美咲', '健太', '陽子', '翔', '愛', '大輔', '結衣'];
const firstKana = ['たろう', 'ハナコ', 'イチロウ', 'ミサキ', 'ケンタ', 'ヨウコ', 'ショウ', 'アイ', 'ダイスケ', 'ユイ'];

/** What a deliberately bad row breaks, in turn: [column (English), the broken cells]. */
export const badRowKinds: { field: string; spoil: (cells: string[]) => void }[] = [
  { field: 'shortName', spoil: (cells) => (cells[6] = '') },
  { field: 'email1', spoil: (cells) => (cells[7] = 'not-an-address') },
  { field: 'departmentCode', spoil: (cells) => (cells[9] = 'NOPE') },
  { field: 'shortName', spoil: (cells) => (cells[6] = '長すぎる氏名略名') },
  { field: 'roleCode', spoil: (cells) => (cells[12] = 'no-such-role') },
];

export function accountRow(index: number, prefix = 'G'): string[] {
  const code = `${prefix}${String(index).padStart(5, '0')}`;
  const i = index % 10;
  const j = Math.floor(index / 10) % 10;
  return [
    code,
    '自社',
    lastNames[i]!,
    firstNames[j]!,
    lastKana[i]!,
    firstKana[j]!,
    `${lastNames[i]}${firstNames[j]}`.slice(0, 6),
    `${code.toLowerCase()}@example.test`,
    '2026-04-01',
    '0',
    '0',
    '0',
    'employee',
  ];
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(rows: string[][]): string {
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** `count` rows; every row whose index is in `bad` breaks one rule (badRowKinds in turn). */
export function generatedCsv(count: number, options: { bad?: Set<number>; prefix?: string } = {}): string {
  const rows = [importHeader];
  let badSeen = 0;
  for (let index = 1; index <= count; index++) {
    const row = accountRow(index, options.prefix);
    if (options.bad?.has(index)) badRowKinds[badSeen++ % badRowKinds.length]!.spoil(row);
    rows.push(row);
  }
  return toCsv(rows);
}

/** 50 spread-out row indexes of a file of `count` rows. */
export function fiftyBadRows(count: number): Set<number> {
  return new Set(Array.from({ length: 50 }, (_, k) => 1 + Math.floor((k * count) / 50) + 7));
}
