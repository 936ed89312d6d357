import { isUtf8 } from 'node:buffer';
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { InputError } from '../errors';

/**
 * Reading an uploaded CSV as a stream, so that every limit stops the reading where it is broken rather than
 * after the whole file: bytes are checked against the declared or detected encoding as they come (a byte
 * that is not valid there is a 400 naming the line), cells and cells per record are counted on the decoded
 * text, and csv-parse turns the text into records one chunk at a time. Memory is bounded by a chunk and one
 * record, not by the file; the caller stops at the row limit by leaving its loop.
 */

export const importEncodings = ['auto', 'utf-8', 'shift_jis', 'cp932'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** A file given whole (CLI, tests) or as the request's byte stream. */
export type CsvSource = Buffer | Readable;

export interface CsvShapeLimits {
  /** Characters one cell may hold. */
  maxCellChars: number;
  /** Cells one record may hold. */
  maxCells: number;
}

export interface CsvRecord {
  cells: string[];
  /** The physical line the record ends on. */
  line: number;
}

const chunkBytes = 64 * 1024;
const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);
const newline = 0x0a;
/** Bytes after the first non-ASCII one that auto-detection looks at before it decides. */
const detectionWindow = 4096;

function countNewlines(bytes: Buffer, end = bytes.length): number {
  let count = 0;
  for (let at = bytes.indexOf(newline); at !== -1 && at < end; at = bytes.indexOf(newline, at + 1)) count += 1;
  return count;
}

/**
 * The length of the UTF-8 sequence starting at `at` (Unicode's well-formed table: no overlongs, no
 * surrogates, nothing above U+10FFFF); 0 when it is invalid, -1 when the bytes end inside it.
 */
function utf8SequenceLength(bytes: Buffer, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  let lower = 0x80;
  let upper = 0xbf;
  let following: number;
  if (lead >= 0xc2 && lead <= 0xdf) following = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    following = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    following = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return 0;
  for (let k = 1; k <= following; k++) {
    if (at + k >= bytes.length) return -1;
    const byte = bytes[at + k]!;
    if (byte < lower || byte > upper) return 0;
    lower = 0x80;
    upper = 0xbf;
  }
  return following + 1;
}

/** UTF-8 when its valid multi-byte characters outnumber its invalid bytes (CP932 Japanese is mostly invalid UTF-8). */
function looksLikeUtf8(bytes: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length;) {
    const length = utf8SequenceLength(bytes, at);
    if (length < 0) break;
    if (length === 0) invalid += 1;
    else if (length > 1) valid += 1;
    at += Math.max(length, 1);
  }
  return valid > invalid;
}

function invalidBytes(encoding: 'utf-8' | 'cp932', line: number): InputError {
  const name = encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS/CP932';
  return new InputError(
    'INVALID_ENCODING',
    `Line ${line} holds bytes that are not valid ${name}; nothing was imported. Save the file as UTF-8 or choose its encoding.`,
    'file',
  ).withParams({ line, encoding: name });
}

/**
 * Bytes in, text out, in the declared encoding or, for `auto`, UTF-8 (a BOM, or mostly valid UTF-8 where the
 * first non-ASCII bytes are) else Shift_JIS/CP932 (Excel in Japan). Any byte that is not valid in the chosen
 * encoding is an INVALID_ENCODING error naming its line, never a replacement character.
 */
class CsvTextDecoder extends Transform {
  private chosen: 'utf-8' | 'cp932' | undefined;
  private started = false;
  /** Undecided bytes of `auto`, from the first chunk holding a non-ASCII byte. */
  private held: Buffer[] = [];
  private heldAfterNonAscii = 0;
  /** UTF-8: the bytes of a character the last chunk ended inside. */
  private carry = Buffer.alloc(0);
  private readonly cp932 = iconv.getDecoder('cp932');
  /** The line the next byte is on. */
  private line = 1;

  constructor(
    encoding: ImportEncoding,
    private readonly shape: CsvShape,
  ) {
    super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' });
    if (encoding === 'utf-8') this.chosen = 'utf-8';
    if (encoding === 'shift_jis' || encoding === 'cp932') this.chosen = 'cp932';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let bytes = chunk;
      if (!this.started) {
        this.started = true;
        if (bytes.subarray(0, 3).equals(utf8Bom)) {
          bytes = bytes.subarray(3);
          this.chosen ??= 'utf-8';
        }
      }
      if (this.chosen) this.decode(bytes);
      else this.detect(bytes, false);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.chosen) this.detect(Buffer.alloc(0), true);
      if (this.chosen === 'utf-8' && this.carry.length > 0) throw invalidBytes('utf-8', this.line);
      if (this.chosen === 'cp932') this.emitCp932(this.cp932.end() ?? '');
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  /** `auto`: ASCII is the same in both encodings and passes; the first non-ASCII bytes decide. */
  private detect(bytes: Buffer, atEnd: boolean): void {
    if (this.held.length === 0) {
      const firstNonAscii = bytes.findIndex((byte) => byte >= 0x80);
      if (firstNonAscii === -1) {
        this.emitText(bytes.toString('latin1'), countNewlines(bytes));
        if (atEnd) this.chosen = 'utf-8';
        return;
      }
      this.emitText(bytes.subarray(0, firstNonAscii).toString('latin1'), countNewlines(bytes, firstNonAscii));
      bytes = bytes.subarray(firstNonAscii);
    }
    this.held.push(bytes);
    this.heldAfterNonAscii += bytes.length;
    if (this.heldAfterNonAscii < detectionWindow && !atEnd) return;
    const window = Buffer.concat(this.held);
    this.held = [];
    this.chosen = looksLikeUtf8(window.subarray(0, detectionWindow)) ? 'utf-8' : 'cp932';
    this.decode(window);
  }

  private decode(bytes: Buffer): void {
    if (this.chosen === 'cp932') {
      this.emitCp932(this.cp932.write(bytes));
      return;
    }
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    let complete = data.length;
    if (!isUtf8(data)) {
      for (let at = 0; at < data.length;) {
        const length = utf8SequenceLength(data, at);
        if (length === 0) throw invalidBytes('utf-8', this.line + countNewlines(data, at));
        if (length < 0) {
          complete = at;
          break;
        }
        at += length;
      }
    }
    this.carry = Buffer.from(data.subarray(complete));
    const valid = data.subarray(0, complete);
    this.emitText(valid.toString('utf8'), countNewlines(valid));
  }

  /** Shift_JIS/CP932 encodes no U+FFFD: every one iconv-lite gives stands for a byte it could not decode. */
  private emitCp932(text: string): void {
    const replaced = text.indexOf('\uFFFD');
    if (replaced !== -1) {
      throw invalidBytes('cp932', this.line + (text.slice(0, replaced).match(/\n/g)?.length ?? 0));
    }
    this.emitText(text, text.match(/\n/g)?.length ?? 0);
  }

  private emitText(text: string, newlines: number): void {
    if (text.length === 0) return;
    this.shape.check(text);
    this.line += newlines;
    this.push(text);
  }
}

/**
 * Counts the characters of the current cell and the cells of the current record over the decoded text as it
 * comes (RFC 4180 quoting), so that a cell of megabytes or a line of a million commas is refused at the
 * limit instead of being built by the parser.
 */
class CsvShape {
  private line = 1;
  private cells = 1;
  private cellChars = 0;
  private atCellStart = true;
  private quoted = false;
  /** Inside a quoted cell, the last character was a quote: the cell ends, or it was the first of "". */
  private quoteSeen = false;

  constructor(private readonly limits: CsvShapeLimits) {}

  check(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const char = text.charCodeAt(index);
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (char === 0x22) {
            this.addChar();
            continue;
          }
          this.quoted = false;
        } else {
          if (char === 0x22) this.quoteSeen = true;
          else {
            if (char === newline) this.line += 1;
            this.addChar();
          }
          continue;
        }
      }
      if (char === 0x2c) {
        this.cells += 1;
        this.cellChars = 0;
        this.atCellStart = true;
        if (this.cells > this.limits.maxCells) {
          throw new InputError(
            'CSV_TOO_MANY_CELLS',
            `Line ${this.line} has more than ${this.limits.maxCells} cells.`,
            'file',
          ).withParams({ line: this.line, limit: this.limits.maxCells });
        }
      } else if (char === newline) {
        this.line += 1;
        this.cells = 1;
        this.cellChars = 0;
        this.atCellStart = true;
      } else if (char === 0x22 && this.atCellStart) {
        this.quoted = true;
        this.atCellStart = false;
      } else if (char !== 0x0d) {
        this.atCellStart = false;
        this.addChar();
      }
    }
  }

  private addChar(): void {
    this.cellChars += 1;
    if (this.cellChars > this.limits.maxCellChars) {
      throw new InputError(
        'CSV_CELL_TOO_LONG',
        `A cell on line ${this.line} is longer than ${this.limits.maxCellChars} characters.`,
        'file',
      ).withParams({ line: this.line, limit: this.limits.maxCellChars });
    }
  }
}

/**
 * The records of a CSV, one chunk at a time (csv-parse's stream API). Leaving the loop early (the row limit)
 * or an error (encoding, shape, CSV syntax) destroys the streams, so nothing more is read.
 */
export function readCsvRecords(
  source: CsvSource,
  options: { encoding: ImportEncoding; limits: CsvShapeLimits },
): AsyncIterable<CsvRecord> {
  const bytes = Buffer.isBuffer(source) ? Readable.from(chunksOf(source)) : source;
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  pipeline(bytes, new CsvTextDecoder(options.encoding, new CsvShape(options.limits)), parser, () => {});
  return records(parser as AsyncIterable<{ record: string[]; info: { lines: number } }>);
}

async function* records(
  parsed: AsyncIterable<{ record: string[]; info: { lines: number } }>,
): AsyncGenerator<CsvRecord> {
  for await (const { record, info } of parsed) yield { cells: record, line: info.lines };
}

function* chunksOf(content: Buffer): Generator<Buffer> {
  for (let start = 0; start < content.length; start += chunkBytes) yield content.subarray(start, start + chunkBytes);
}
