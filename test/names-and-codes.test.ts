import { Account } from '../entities';
import { assignment, defaultInitialPassword } from './support/api';
import { accountRow, importHeader, toCsv } from './support/account-csv';
import { withAdminHarness } from './support/admin-harness';

/**
 * Issue 17 through HTTP: a name that shows nothing (zero-width spaces, RLM/ALM, Hangul fillers) is refused with
 * INVISIBLE_TEXT and the field, by the API and by a CSV import's dry run alike (one schema); a lone surrogate is
 * refused (INVALID_CHARACTERS) instead of being stored as U+FFFD; a new account code may not start with = + - @.
 */
const t = withAdminHarness();

const invisibleNames = {
  'zero-width spaces': '\u200b\u200b',
  'RLM and ALM': '\u200f\u061c',
  'Hangul fillers': '\u3164\u115f',
  'a zero-width space between ideographic spaces': '\u3000\u200b\u3000',
};

function registration(overrides: Record<string, unknown>) {
  return {
    type: 'own',
    lastName: '山田',
    firstName: '太郎',
    shortName: '山田',
    password: defaultInitialPassword,
    current: assignment(),
    ...overrides,
  };
}

const post = (body: object | string, language = 'ja') =>
  t.h.http
    .post('/api/accounts')
    .set('Authorization', `Bearer ${t.admin}`)
    .set('Accept-Language', language)
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));

const count = (code: string) => t.h.db.orm.em.fork().count(Account, { code });

describe('names that show nothing', () => {
  it.each(Object.entries(invisibleNames))('%s: registration → 400 INVISIBLE_TEXT naming the field', async (_, name) => {
    const res = await post(registration({ code: 'N0001', lastName: name }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVISIBLE_TEXT', field: 'lastName' });
    expect(res.body.error.message).toBe(
      '見える文字を入力してください(空白やゼロ幅文字などの見えない文字だけは登録できません)(lastName)。',
    );
    expect(await count('N0001')).toBe(0);
  });

  it('in English too, and an edit is refused the same way; a name with a zero-width space inside is a name', async () => {
    const en = await post(registration({ code: 'N0002', firstName: '\u200b' }), 'en');
    expect(en.body.error).toMatchObject({ code: 'INVISIBLE_TEXT', field: 'firstName' });
    expect(en.body.error.message).toContain('firstName: must hold a visible character');

    expect((await post(registration({ code: 'N0003' }))).status).toBe(201);
    const edit = await t.h.http
      .patch('/api/accounts/N0003')
      .set('Authorization', `Bearer ${t.admin}`)
      .send({ shortName: '\u3164' });
    expect(edit.status).toBe(400);
    expect(edit.body.error).toMatchObject({ code: 'INVISIBLE_TEXT', field: 'shortName' });
    const kept = await t.h.http
      .patch('/api/accounts/N0003')
      .set('Authorization', `Bearer ${t.admin}`)
      .send({ shortName: '山\u200b田' });
    expect(kept.status).toBe(200);
  });

  it('a CSV import dry run reports the row as an error with INVISIBLE_TEXT and the column', async () => {
    const rows = Object.values(invisibleNames).map((name, index) => {
      const row = accountRow(index + 1, 'NI');
      row[2] = name;
      return row;
    });
    const res = await t.h.http
      .post('/api/account-imports?dryRun=true')
      .set('Authorization', `Bearer ${t.admin}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(toCsv([importHeader, ...rows, accountRow(9, 'NI')]), 'utf8'));
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ total: 5, create: 1, error: 4 });
    for (const row of res.body.rows.slice(0, 4)) {
      expect(row).toMatchObject({ outcome: 'error', field: 'lastName', errorCode: 'INVISIBLE_TEXT' });
    }
  });
});

describe('lone surrogates', () => {
  it.each([
    ['a lone high surrogate', '"\\ud800"'],
    ['a lone low surrogate after a letter', '"山\\udc00"'],
  ])('%s in a name → 400 INVALID_CHARACTERS naming the field; nothing is stored', async (_, json) => {
    const body = JSON.stringify(registration({ code: 'S0001', lastName: 'PLACEHOLDER' })).replace(
      '"PLACEHOLDER"',
      json,
    );
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_CHARACTERS', field: 'lastName' });
    expect(await count('S0001')).toBe(0);
  });

  it('a surrogate pair (𠮷) is an ordinary character', async () => {
    const res = await post(
      JSON.stringify(registration({ code: 'S0002', lastName: 'PLACEHOLDER' })).replace(
        '"PLACEHOLDER"',
        '"\\ud842\\udfb7"',
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.lastName).toBe('𠮷');
  });
});

describe('account codes that a spreadsheet takes for a formula', () => {
  it.each(['=1+2', '@SUM(1;2)', '+1+2', '-2+3'])('%s → 400 FORMULA_START on the field code', async (code) => {
    const res = await post(registration({ code }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'FORMULA_START', field: 'code' });
    expect(res.body.error.message).toBe('先頭が = + - @ の値は表計算の数式と解釈されるため使用できません(code)。');
    expect(await count(code)).toBe(0);
  });

  it('the CSV import refuses them too (FORMULA_CELL on the column code)', async () => {
    const row = accountRow(1, 'FC');
    row[0] = '=1+2';
    const res = await t.h.http
      .post('/api/account-imports?dryRun=true')
      .set('Authorization', `Bearer ${t.admin}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(toCsv([importHeader, row]), 'utf8'));
    expect(res.body.rows[0]).toMatchObject({ outcome: 'error', field: 'code', errorCode: 'FORMULA_CELL' });
  });
});
