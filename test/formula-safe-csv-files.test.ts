import { parse } from 'csv-parse/sync';
import { Account } from '../entities';
import { createAccount, eventually } from './support/api';
import { accountRow, importHeader, toCsv } from './support/account-csv';
import { withAdminHarness } from './support/admin-harness';

/**
 * Issue 17: every CSV file the service writes (the account export and the results files of a CSV import, a bulk
 * e-mail run and a bulk PDF run) goes through one writer that puts a cell a spreadsheet would take for a formula
 * (= + - @, tab, CR) behind a single quote. Read back, no cell starts like a formula.
 */
const t = withAdminHarness();

const formulas = ['=1+2', '@SUM(1;2)', '+1+2', '-2+3'];

beforeAll(async () => {
  const { h, admin } = t;
  // Names may start with anything; account codes starting with = + - @ are refused today, so two accounts get such
  // a code the way an older version (or the database) could have left them.
  for (const [index, code] of ['FX01', 'FX02'].entries()) {
    await createAccount(h, admin, {
      code,
      lastName: formulas[index * 2]!,
      firstName: formulas[index * 2 + 1]!,
      emails: [`${code.toLowerCase()}@example.test`],
      password: undefined,
    });
  }
  await h.db.orm.em.fork().nativeUpdate(Account, { code: 'FX02' }, { code: '-2+3' });
});

async function csvFile(path: string): Promise<string[][]> {
  const res = await t.h.http
    .get(path)
    .set('Authorization', `Bearer ${t.admin}`)
    .set('Accept-Language', 'en')
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  expect(res.headers['cache-control']).toBe('no-store');
  return parse(res.body as string, { bom: true }) as string[][];
}

function expectNoFormulaCell(rows: string[][]): void {
  for (const row of rows)
    for (const cell of row) expect({ cell, formula: /^[=+\-@\t\r]/.test(cell) }).toEqual({ cell, formula: false });
}

const columnOf = (rows: string[][], name: string) => rows.map((row) => row[rows[0]!.indexOf(name)]!);

it('the account export writes formula-looking codes and names behind a quote', async () => {
  const rows = await csvFile('/api/exports/accounts?code=');
  expectNoFormulaCell(rows);
  const codes = columnOf(rows, 'code');
  expect(codes).toEqual(expect.arrayContaining(['FX01', "'-2+3"]));
  const names = rows.map((row) => row.join('|'));
  expect(names.some((line) => line.includes("'=1+2") && line.includes("'@SUM(1;2)"))).toBe(true);
  expect(names.some((line) => line.includes("'+1+2"))).toBe(true);
});

it('the results file of a CSV import writes the refused codes behind a quote', async () => {
  const csv = toCsv([
    importHeader,
    ...formulas.map((code, index) => {
      const row = accountRow(index + 1, 'FI');
      row[0] = code;
      return row;
    }),
  ]);
  const started = await t.h.http
    .post('/api/account-imports')
    .set('Authorization', `Bearer ${t.admin}`)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from(csv, 'utf8'));
  expect(started.status).toBe(202);
  const importId = started.body.importId as string;
  await eventually(async () => {
    const res = await t.h.http.get(`/api/account-imports/${importId}`).set('Authorization', `Bearer ${t.admin}`);
    expect(res.body.status).toBe('done');
  }, 60_000);
  const rows = await csvFile(`/api/account-imports/${importId}/results`);
  expectNoFormulaCell(rows);
  expect(columnOf(rows, 'code').slice(1)).toEqual(formulas.map((code) => `'${code}`));
  expect(columnOf(rows, 'errorCode').slice(1)).toEqual(formulas.map(() => 'FORMULA_CELL'));
});

it('the results file of a bulk e-mail run writes formula-looking codes and names behind a quote', async () => {
  const run = await t.h.http
    .post('/api/email-issuances/bulk')
    .set('Authorization', `Bearer ${t.admin}`)
    .send({ accounts: [{ code: 'FX01' }, { code: '-2+3' }] });
  expect(run.status).toBe(202);
  await eventually(async () => {
    const status = await t.h.http
      .get(`/api/email-issuances/bulk/${run.body.runId}`)
      .set('Authorization', `Bearer ${t.admin}`);
    expect(status.body.finishedAt).not.toBeNull();
  }, 30_000);
  const rows = await csvFile(`/api/email-issuances/bulk/${run.body.runId}/results`);
  expectNoFormulaCell(rows);
  expect(rows.slice(1).map((row) => [row[1], row[2]])).toEqual([
    ['FX01', "'=1+2 @SUM(1;2)"],
    ["'-2+3", "'+1+2 -2+3"],
  ]);
});

it('the results file of a bulk PDF run writes formula-looking codes and names behind a quote', async () => {
  // Both have a verification mail waiting, not a password: a PDF run issues them their first one.
  const run = await t.h.http
    .post('/api/pdf-issuances')
    .set('Authorization', `Bearer ${t.admin}`)
    .send({ accountCodes: ['FX01', '-2+3'] });
  expect(run.status).toBe(202);
  await eventually(async () => {
    const status = await t.h.http.get(`/api/pdf-issuances/${run.body.id}`).set('Authorization', `Bearer ${t.admin}`);
    expect(status.body.stage).toBe('ready');
  }, 30_000);
  const rows = await csvFile(`/api/pdf-issuances/${run.body.id}/results`);
  expectNoFormulaCell(rows);
  expect(rows.slice(1).map((row) => [row[1], row[2]])).toEqual(
    expect.arrayContaining([
      ['FX01', "'=1+2 @SUM(1;2)"],
      ["'-2+3", "'+1+2 -2+3"],
    ]),
  );
});
