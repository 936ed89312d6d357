import { parse } from 'csv-parse/sync';
import { formulaSafeCsvWriter, looksLikeFormula } from '../../lib/formula-safe-csv';

async function written(rows: string[][]): Promise<string> {
  const writer = formulaSafeCsvWriter();
  const chunks: Buffer[] = [];
  writer.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => writer.on('end', resolve));
  for (const row of rows) writer.write(row);
  writer.end();
  await done;
  return Buffer.concat(chunks).toString('utf8');
}

describe('the one CSV writer', () => {
  it('writes every cell that a spreadsheet would take for a formula behind a quote, and nothing else', async () => {
    const formulas = ['=1+2', '@SUM(1;2)', '+1+2', '-2+3', '\t=1', '\r=1'];
    const plain = ['E0001', '山田 太郎', '1+2', 'a=b', "'quoted", ''];
    const text = await written([formulas, plain]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    const [readFormulas, readPlain] = parse(text, { bom: true }) as string[][];
    expect(readFormulas).toEqual(formulas.map((cell) => `'${cell}`));
    expect(readPlain).toEqual(plain);
    for (const cell of readFormulas!) expect(looksLikeFormula(cell)).toBe(false);
  });
});
