import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { readCsvRecords, type ImportEncoding } from '../../domain/accounts/csv-reading';

const text = 'コード,姓,備考\r\nA1,鈴木,"改行\n""引用""と,カンマ"\r\nA2,ｽｽﾞｷ,😀 ok\r\n';
const limits = { maxCellChars: 100, maxCells: 10 };

async function cellsOf(bytes: Buffer, encoding: ImportEncoding, chunk: number): Promise<string[][]> {
  const pieces = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, k) =>
    bytes.subarray(k * chunk, (k + 1) * chunk),
  );
  const records: string[][] = [];
  for await (const record of readCsvRecords(Readable.from(pieces), { encoding, limits })) records.push(record.cells);
  return records;
}

/** The streaming decoder gives csv-parse the same text whatever the chunk boundaries split. */
describe('reading a CSV as a stream', () => {
  const expected = parse(text) as string[][];
  it.each([1, 2, 3, 7, 64])('UTF-8 and CP932, declared or detected, in chunks of %i bytes', async (chunk) => {
    expect(await cellsOf(Buffer.from(text), 'auto', chunk)).toEqual(expected);
    expect(await cellsOf(Buffer.from(text), 'utf-8', chunk)).toEqual(expected);
    const cp932Text = text.replace('😀 ', '');
    const cp932 = iconv.encode(cp932Text, 'cp932');
    expect(await cellsOf(cp932, 'auto', chunk)).toEqual(parse(cp932Text));
    expect(await cellsOf(cp932, 'shift_jis', chunk)).toEqual(parse(cp932Text));
  });

  it('names the line of the first invalid byte, of a character cut off at the end, of an overlong cell', async () => {
    const withBad = Buffer.concat([Buffer.from('a,b\r\nc,d\r\n'), Buffer.from([0xe3, 0x28]), Buffer.from(',x\r\n')]);
    await expect(cellsOf(withBad, 'auto', 1)).rejects.toMatchObject({ code: 'INVALID_ENCODING', params: { line: 3 } });
    const cut = Buffer.concat([Buffer.from(text), Buffer.from([0xe3, 0x81])]);
    // The quoted line break makes the text four lines; the cut character is on the fifth.
    await expect(cellsOf(cut, 'utf-8', 5)).rejects.toMatchObject({ code: 'INVALID_ENCODING', params: { line: 5 } });
    const long = Buffer.from(`a,b\r\n"${'x""'.repeat(60)}"\r\n`);
    await expect(cellsOf(long, 'auto', 16)).rejects.toMatchObject({ code: 'CSV_CELL_TOO_LONG', params: { line: 2 } });
    await expect(cellsOf(Buffer.from(`a\r\n${','.repeat(10)}`), 'auto', 4)).rejects.toMatchObject({
      code: 'CSV_TOO_MANY_CELLS',
    });
  });
});
