import { stringify, type Stringifier } from 'csv-stringify';

/**
 * OWASP CSV injection: a cell starting with = + - @ (or tab / carriage return) is a formula to spreadsheet
 * programs (`=1+2`, `@SUM(1;2)`, `+1+2`, `-2+3`). The import refuses such cells; every file the service writes
 * puts them behind a single quote, which spreadsheets show as text.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function looksLikeFormula(cell: string): boolean {
  return formulaStart.test(cell);
}

export function neutraliseFormula(cell: string): string {
  return looksLikeFormula(cell) ? `'${cell}` : cell;
}

/**
 * The one CSV writer of the service (the account export and every results file): UTF-8 with a BOM for Excel,
 * CRLF, and every text cell formula-safe, whoever produced the rows. A cell holding a lone CR or LF is quoted too
 * (csv-stringify quotes only the whole record delimiter), so it reads back as one cell.
 */
export function formulaSafeCsvWriter(): Stringifier {
  return stringify({
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: neutraliseFormula },
  });
}
