import { bootstrapCompany } from '../lib/bootstrap';
import { adminToken, assignment, createAccount, login } from './support/api';
import { adminPassword, createHarness, type Harness } from './support/harness';

/** Every rule of 【アカウント登録】, each with a case that fails if the rule is broken. */
let h: Harness;
let admin: string;

const auth = () => ({ Authorization: `Bearer ${admin}` });
const post = (body: Record<string, unknown>) => h.http.post('/api/accounts').set(auth()).send(body);
const patch = (code: string, body: Record<string, unknown>) =>
  h.http.patch(`/api/accounts/${code}`).set(auth()).send(body);
const settings = (body: Record<string, unknown>) => h.http.patch('/api/settings').set(auth()).send(body);

const base = {
  type: 'own',
  lastName: '伊藤',
  firstName: '真一',
  lastNameKana: 'イトウ',
  firstNameKana: 'シンイチ',
  shortName: '伊藤',
  password: 'Initial-passw0rd',
  current: assignment(),
};

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  for (const body of [
    { kind: 'contractor', code: 'CTR-01', name: '委託先A' },
    { kind: 'customer', code: 'CUS-01', name: '顧客B' },
  ]) {
    expect((await h.http.post('/api/partners').set(auth()).send(body)).status).toBe(201);
  }
});

afterAll(async () => {
  await h?.teardown();
});

describe('field by field', () => {
  const cases: [string, Record<string, unknown>, string, string?][] = [
    ['missing code (manual numbering)', { code: undefined }, 'code', 'CODE_REQUIRED'],
    ['code over 10', { code: 'A12345678901' }, 'code'],
    ['code of dots', { code: '..' }, 'code'],
    ['code with a full-width letter', { code: 'Ａ1' }, 'code'],
    ['last name missing', { lastName: undefined }, 'lastName'],
    ['first name over 10', { firstName: 'あいうえおかきくけこさ' }, 'firstName'],
    ['kana with a control character', { lastNameKana: 'イ\u0007トウ' }, 'lastNameKana'],
    ['kana over 10', { firstNameKana: 'アイウエオカキクケコサ' }, 'firstNameKana'],
    ['short name over 6', { shortName: '伊藤真一伊藤真' }, 'shortName'],
    ['short name missing (氏名略名 is required)', { shortName: undefined }, 'shortName'],
    ['short name of spaces', { shortName: '  ' }, 'shortName'],
    ['address over 100', { emails: [`${'a'.repeat(96)}@x.jp`] }, 'emails.0'],
    ['password shorter than the company minimum', { password: 'Short-1' }, 'password', 'PASSWORD_TOO_SHORT'],
    ['password over 50', { password: 'A'.repeat(51) }, 'password'],
    ['note over 100', { note: 'あ'.repeat(101) }, 'note'],
    ['own with a partner', { partnerCode: 'CTR-01' }, 'partnerCode', 'PARTNER_NOT_FOR_OWN'],
    [
      'contractor with a customer code',
      { type: 'contractor', partnerCode: 'CUS-01' },
      'partnerCode',
      'UNKNOWN_PARTNER',
    ],
    ['partner code without branch', { type: 'customer', partnerCode: 'CUS01' }, 'partnerCode'],
    ['unknown department', { current: assignment('employee', { departmentCode: 'X9' }) }, 'current.departmentCode'],
    [
      'unknown reporting department',
      { current: assignment('employee', { reportingControlDepartmentCode: 'X9' }) },
      'current.reportingControlDepartmentCode',
    ],
    ['impossible date', { current: assignment('employee', { effectiveDate: '2026-02-30' }) }, 'current.effectiveDate'],
    [
      'Azure AD id while the company has it off',
      { azureAdId: 'ito@contoso.example' },
      'azureAdId',
      'AZURE_AD_DISABLED',
    ],
    ['MFA while the company has it off', { mfaEnabled: true }, 'mfaEnabled', 'MFA_DISABLED'],
    ['smartphone-only without the option', { smartphoneOnly: true }, 'smartphoneOnly', 'SMARTPHONE_OPTION_DISABLED'],
    [
      'skip flag while effort and attendance must match',
      { work: { effortAttendanceMatching: true, effortInputSkip: true } },
      'work.effortInputSkip',
      'SKIP_FIXED_OFF_WHILE_MATCHING',
    ],
    [
      'work style for a customer',
      { type: 'customer', partnerCode: 'CUS-01', work: { workStyle: 'general' } },
      'work.workStyle',
      'WORK_STYLE_NOT_FOR_CUSTOMER',
    ],
    [
      'discretionary labour for a contractor',
      { type: 'contractor', partnerCode: 'CTR-01', work: { discretionaryLabour: true } },
      'work.discretionaryLabour',
      'DISCRETIONARY_ONLY_FOR_OWN',
    ],
    ['unknown field', { nickname: 'x' }, 'nickname'],
  ];

  // Objects, not tuples: a row without the optional code would make Jest pass its `done` callback.
  const rows = cases.map(([name, change, field, code]) => ({ name, change, field, code }));
  it.each(rows)('$name → 400 on $field', async ({ change, field, code }) => {
    const res = await post({ ...base, code: 'F0001', ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    if (code) expect(res.body.error.code).toBe(code);
    expect((await h.http.get('/api/accounts/F0001').set(auth())).status).toBe(404);
  });

  it('accepts the symbols the seed lists for manual codes, and names of every class', async () => {
    const res = await post({ ...base, code: 'a!#$&()+,-', shortName: '伊藤', lastNameKana: 'ｲﾄｳ', note: 'メモ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'a!#$&()+,-', shortName: '伊藤', lastNameKana: 'ｲﾄｳ', note: 'メモ' });
    const reread = await h.http.get(`/api/accounts/${encodeURIComponent('a!#$&()+,-')}`).set(auth());
    expect(reread.status).toBe(200);
  });

  it('applies the seed’s field rules: kana of every class (hiragana stored as katakana), partner code optional for contractors and customers, the type with its label', async () => {
    const hiragana = await post({ ...base, code: 'F0010', lastNameKana: 'いとう', firstNameKana: 'しんいち' });
    expect(hiragana.status).toBe(201);
    expect(hiragana.body).toMatchObject({
      lastNameKana: 'イトウ',
      firstNameKana: 'シンイチ',
      type: 'own',
      typeLabel: '自社',
    });
    const found = await h.http.get('/api/accounts?kana=いとう').set(auth());
    expect(found.body.items.map((i: { code: string }) => i.code)).toContain('F0010');
    expect(found.body.items.find((i: { code: string }) => i.code === 'F0010').typeLabel).toBe('自社');
    const latin = await post({ ...base, code: 'F0011', lastNameKana: 'Smith', firstNameKana: 'John' });
    expect(latin.status).toBe(201);
    expect(latin.body.lastNameKana).toBe('Smith');

    const contractor = await post({ ...base, code: 'F0012', type: 'contractor' });
    expect(contractor.status).toBe(201);
    expect(contractor.body).toMatchObject({ partnerCode: null, typeLabel: '委託先' });
    const customer = await post({ ...base, code: 'F0013', type: 'customer', partnerCode: 'CUS-01' });
    expect(customer.status).toBe(201);
    expect(customer.body).toMatchObject({ partnerCode: 'CUS-01', typeLabel: '顧客' });
    const removed = await patch('F0013', { partnerCode: null });
    expect(removed.status).toBe(200);
    expect(removed.body.partnerCode).toBeNull();
    const ownPartner = await patch('F0010', { partnerCode: 'CTR-01' });
    expect(ownPartner.status).toBe(400);
    expect(ownPartner.body.error).toMatchObject({ code: 'PARTNER_NOT_FOR_OWN', field: 'partnerCode' });
    const noShortName = await patch('F0010', { shortName: null });
    expect(noShortName.status).toBe(400);
    expect(noShortName.body.error.field).toBe('shortName');
  });

  it('keeps codes unique', async () => {
    expect((await post({ ...base, code: 'U0001' })).status).toBe(201);
    const again = await post({ ...base, code: 'U0001' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ACCOUNT_CODE_TAKEN', field: 'code' });
  });
});

describe('rules that span fields and settings', () => {
  it('numbers codes automatically when the company says so, and then refuses a typed code', async () => {
    expect((await settings({ accountCodeNumbering: 'auto' })).status).toBe(200);
    try {
      const typed = await post({ ...base, code: 'N0001' });
      expect(typed.status).toBe(400);
      expect(typed.body.error).toMatchObject({ code: 'CODE_AUTO_NUMBERED', field: 'code' });
      const first = await post(base);
      const second = await post(base);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(Number(second.body.code)).toBe(Number(first.body.code) + 1);
      expect(first.body.code).toMatch(/^\d{6}$/);
    } finally {
      await settings({ accountCodeNumbering: 'manual' });
    }
  });

  it('fixes the type after creation', async () => {
    await createAccount(h, admin, { code: 'K0001' });
    const res = await patch('K0001', { type: 'customer' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'TYPE_IS_FIXED', field: 'type' });
    expect((await patch('K0001', { type: 'own', note: 'same type is fine' })).status).toBe(200);
  });

  it('registers without a password: the account is 未発行, has no hash and cannot log in until issuance', async () => {
    const created = await createAccount(h, admin, { code: 'P0000', password: undefined });
    expect(created.passwordStatus).toBe('unissued');
    const rows = await h.db.orm.em
      .getConnection()
      .execute<{ password_hash: string | null }[]>(`select password_hash from account where code = 'P0000'`);
    expect(rows[0]!.password_hash).toBeNull();
    expect((await login(h, 'P0000', '')).status).toBe(400);
    expect((await login(h, 'P0000', 'Anything-at-all-1')).status).toBe(401);
  });

  it('stores the password as argon2id, checks it case-sensitively, and honours the minimum length setting', async () => {
    await createAccount(h, admin, { code: 'P0001', password: 'Case-Sensitive-1', mustChangePassword: false });
    expect((await login(h, 'P0001', 'Case-Sensitive-1')).status).toBe(200);
    expect((await login(h, 'P0001', 'case-sensitive-1')).status).toBe(401);
    const rows = await h.db.orm.em
      .getConnection()
      .execute<{ password_hash: string }[]>(`select password_hash from account where code = 'P0001'`);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);

    expect((await settings({ minPasswordLength: 20 })).status).toBe(200);
    try {
      const short = await patch('P0001', { password: 'Nineteen-chars-abc1' });
      expect(short.status).toBe(400);
      expect(short.body.error.code).toBe('PASSWORD_TOO_SHORT');
      expect((await patch('P0001', { password: 'Twenty-characters-ok' })).status).toBe(200);
    } finally {
      await settings({ minPasswordLength: 12 });
    }
  });

  it('accepts an Azure AD id only when the company enables it, and never for Admin', async () => {
    expect((await settings({ azureAdEnabled: true })).status).toBe(200);
    try {
      const ok = await post({ ...base, code: 'Z0001', azureAdId: 'ito@contoso.example' });
      expect(ok.status).toBe(201);
      expect(ok.body.azureAdId).toBe('ito@contoso.example');
      // Admin's own account: a security field of oneself needs the password again (step-up) first.
      const withoutStepUp = await patch('Admin', { azureAdId: 'admin@contoso.example' });
      expect(withoutStepUp.status).toBe(403);
      expect(withoutStepUp.body.error).toMatchObject({ code: 'STEP_UP_REQUIRED' });
      const adminAzure = await patch('Admin', { azureAdId: 'admin@contoso.example', currentPassword: adminPassword });
      expect(adminAzure.status).toBe(400);
      expect(adminAzure.body.error).toMatchObject({ code: 'AZURE_AD_NOT_FOR_ADMIN', field: 'azureAdId' });
    } finally {
      await settings({ azureAdEnabled: false });
    }
  });

  it('keeps an Azure AD id unique within a company, compared without case, on create and update', async () => {
    expect((await settings({ azureAdEnabled: true })).status).toBe(200);
    try {
      expect((await post({ ...base, code: 'Z0002', azureAdId: 'Sato@Contoso.example' })).status).toBe(201);
      const sameCase = await post({ ...base, code: 'Z0003', azureAdId: 'Sato@Contoso.example' });
      expect(sameCase.status).toBe(409);
      expect(sameCase.body.error).toMatchObject({ code: 'AZURE_AD_ID_TAKEN', field: 'azureAdId' });
      const otherCase = await post({ ...base, code: 'Z0003', azureAdId: 'sato@contoso.EXAMPLE' });
      expect(otherCase.status).toBe(409);
      expect(otherCase.body.error).toMatchObject({ code: 'AZURE_AD_ID_TAKEN', field: 'azureAdId' });
      expect((await post({ ...base, code: 'Z0003', azureAdId: 'kato@contoso.example' })).status).toBe(201);
      const edited = await patch('Z0003', { azureAdId: 'SATO@contoso.example' });
      expect(edited.status).toBe(409);
      expect(edited.body.error).toMatchObject({ code: 'AZURE_AD_ID_TAKEN', field: 'azureAdId' });
      // Its own id in another case is no conflict, and the database index holds even without the check.
      expect((await patch('Z0002', { azureAdId: 'SATO@CONTOSO.EXAMPLE' })).status).toBe(200);
      await expect(
        h.db.orm.em
          .fork()
          .getConnection()
          .execute(`update account set azure_ad_id = 'sato@contoso.example' where code = 'Z0003'`),
      ).rejects.toThrow(/account_azure_ad_id_unique/);

      // Another company may use the same id.
      await bootstrapCompany(h.db.orm.em.fork(), {
        code: 'azure2',
        name: '別会社',
        adminPassword: 'Other-Admin-passw0rd',
      });
      const other = await h.http
        .post('/api/auth/login')
        .send({ companyCode: 'azure2', loginId: 'Admin', password: 'Other-Admin-passw0rd' });
      const otherAuth = { Authorization: `Bearer ${other.body.token}` };
      expect((await h.http.patch('/api/settings').set(otherAuth).send({ azureAdEnabled: true })).status).toBe(200);
      const elsewhere = await h.http
        .post('/api/accounts')
        .set(otherAuth)
        .send({ ...base, code: 'Z0009', azureAdId: 'sato@contoso.example' });
      expect(elsewhere.status).toBe(201);
    } finally {
      await settings({ azureAdEnabled: false });
    }
  });

  it('refuses inactive ranks on create and requires a rank for own accounts (an empty list too)', async () => {
    for (const rank of [
      { code: 'R1', name: '一般' },
      { code: 'R9', name: '旧ランク', active: false },
    ]) {
      expect((await h.http.post('/api/ranks').set(auth()).send(rank)).status).toBe(201);
    }
    const missing = await post({ ...base, code: 'R0001' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'RANK_REQUIRED', field: 'ranks' });
    const inactive = await post({ ...base, code: 'R0001', ranks: [{ effectiveMonth: '2026-04', rankCode: 'R9' }] });
    expect(inactive.status).toBe(400);
    expect(inactive.body.error).toMatchObject({ code: 'RANK_INACTIVE', field: 'ranks.0.rankCode' });
    const empty = await post({ ...base, code: 'R0001', ranks: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'RANK_REQUIRED', field: 'ranks' });
    const created = await post({ ...base, code: 'R0001', ranks: [{ effectiveMonth: '2026-04', rankCode: 'R1' }] });
    expect(created.status).toBe(201);
    const duplicate = await post({
      ...base,
      code: 'R0003',
      ranks: [
        { effectiveMonth: '2026-04', rankCode: 'R1' },
        { effectiveMonth: '2026-04', rankCode: 'R1' },
      ],
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.field).toBe('ranks.1.effectiveMonth');
    // A contractor needs no rank.
    expect((await post({ ...base, code: 'R0002', type: 'contractor', partnerCode: 'CTR-01' })).status).toBe(201);
    await h.http.patch('/api/ranks/R9').set(auth()).send({ name: '旧ランク', active: true, sortOrder: 0 });
  });

  it('keeps the rank history row by row: appends (inactive ranks too), corrects and removes one row, never the last of an own account', async () => {
    const ranksOf = async (code: string) => (await h.http.get(`/api/accounts/${code}`).set(auth())).body.ranks;
    await createAccount(h, admin, { code: 'R0010', ranks: [{ effectiveMonth: '2026-04', rankCode: 'R1' }] });
    await h.http.patch('/api/ranks/R9').set(auth()).send({ name: '旧ランク', active: false, sortOrder: 0 });
    const replaceAll = await patch('R0010', { ranks: [] });
    expect(replaceAll.status).toBe(400);
    expect(replaceAll.body.error.field).toBe('ranks');
    expect(await ranksOf('R0010')).toHaveLength(1);

    const added = await h.http
      .post('/api/accounts/R0010/ranks')
      .set(auth())
      .send({ effectiveMonth: '2026-10', rankCode: 'R9' });
    expect(added.status).toBe(201);
    expect(added.body.ranks).toEqual([
      { effectiveMonth: '2026-04', rankCode: 'R1', rankName: '一般', active: true },
      { effectiveMonth: '2026-10', rankCode: 'R9', rankName: '旧ランク', active: false },
    ]);
    const sameMonth = await h.http
      .post('/api/accounts/R0010/ranks')
      .set(auth())
      .send({ effectiveMonth: '2026-10', rankCode: 'R1' });
    expect(sameMonth.status).toBe(409);
    expect(sameMonth.body.error).toMatchObject({ code: 'RANK_MONTH_TAKEN', field: 'effectiveMonth' });
    const unknown = await h.http
      .post('/api/accounts/R0010/ranks')
      .set(auth())
      .send({ effectiveMonth: '2027-04', rankCode: 'NO' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_RANK', field: 'rankCode' });
    const badMonth = await h.http
      .post('/api/accounts/R0010/ranks')
      .set(auth())
      .send({ effectiveMonth: '2027-13', rankCode: 'R1' });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.field).toBe('effectiveMonth');

    const corrected = await h.http.put('/api/accounts/R0010/ranks/2026-10').set(auth()).send({ rankCode: 'R1' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.ranks.map((r: { rankCode: string }) => r.rankCode)).toEqual(['R1', 'R1']);
    const noRow = await h.http.put('/api/accounts/R0010/ranks/2025-01').set(auth()).send({ rankCode: 'R1' });
    expect(noRow.status).toBe(404);

    const removed = await h.http.delete('/api/accounts/R0010/ranks/2026-04').set(auth());
    expect(removed.status).toBe(200);
    expect(removed.body.ranks).toEqual([{ effectiveMonth: '2026-10', rankCode: 'R1', rankName: '一般', active: true }]);
    const last = await h.http.delete('/api/accounts/R0010/ranks/2026-10').set(auth());
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('RANK_REQUIRED');
    expect(await ranksOf('R0010')).toHaveLength(1);

    // A contractor's rows are optional: its last row may go.
    await createAccount(h, admin, {
      code: 'R0011',
      type: 'contractor',
      partnerCode: 'CTR-01',
      ranks: [{ effectiveMonth: '2026-04', rankCode: 'R1' }],
    });
    expect((await h.http.delete('/api/accounts/R0011/ranks/2026-04').set(auth())).status).toBe(200);
    expect(await ranksOf('R0011')).toEqual([]);
    await h.http.patch('/api/ranks/R9').set(auth()).send({ name: '旧ランク', active: true, sortOrder: 0 });
  });

  it('limits the work style by company policy and forces skip flags off when matching is turned on', async () => {
    const ranks = [{ effectiveMonth: '2026-04', rankCode: 'R1' }];
    expect((await settings({ workStylePolicy: 'flex-only' })).status).toBe(200);
    try {
      const general = await post({ ...base, code: 'W0001', ranks, work: { workStyle: 'general' } });
      expect(general.status).toBe(400);
      expect(general.body.error).toMatchObject({ code: 'WORK_STYLE_NOT_ALLOWED', field: 'work.workStyle' });
      const defaulted = await post({ ...base, code: 'W0001', ranks, work: { effortInputSkip: true } });
      expect(defaulted.status).toBe(201);
      expect(defaulted.body.work).toMatchObject({ workStyle: 'flex', effortInputSkip: true });
      const matching = await patch('W0001', { work: { effortAttendanceMatching: true } });
      expect(matching.status).toBe(200);
      expect(matching.body.work).toMatchObject({ effortAttendanceMatching: true, effortInputSkip: false });
      const customer = await post({ ...base, code: 'W0002', type: 'customer', partnerCode: 'CUS-01' });
      expect(customer.status).toBe(201);
      expect(customer.body.work.workStyle).toBeNull();
    } finally {
      await settings({ workStylePolicy: 'both' });
    }
  });

  it('keeps the system administrator enabled and in its role', async () => {
    const disable = await patch('Admin', { disabled: true });
    expect(disable.status).toBe(409);
    const demote = await patch('Admin', { current: assignment('employee') });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('SYSTEM_ADMINISTRATOR');
  });

  it('records a corrected current assignment in the history, and keeps its date after the previous one', async () => {
    await createAccount(h, admin, { code: 'H0001', ranks: [{ effectiveMonth: '2026-04', rankCode: 'R1' }] });
    const moved = await patch('H0001', { current: assignment('employee', { effectiveDate: '2026-05-01' }) });
    expect(moved.status).toBe(200);
    const back = await patch('H0001', { current: assignment('employee', { effectiveDate: '2026-03-01' }) });
    expect(back.status).toBe(400);
    expect(back.body.error).toMatchObject({
      code: 'EFFECTIVE_DATE_NOT_AFTER_PREVIOUS',
      field: 'current.effectiveDate',
    });
    const history = await h.http.get('/api/accounts/H0001/assignments').set(auth());
    expect(history.body.items.map((i: { source: string }) => i.source)).toEqual(['edit', 'registration']);
  });
});

describe('delete', () => {
  const ranks = [{ effectiveMonth: '2026-04', rankCode: 'R1' }];

  it('refuses while the account is a project member or a department approver, and always for Admin', async () => {
    await createAccount(h, admin, { code: 'D0001', ranks });
    await createAccount(h, admin, { code: 'D0002', ranks });
    const project = await h.http
      .post('/api/projects')
      .set(auth())
      .send({ code: 'PRJ-01', name: '基幹刷新', members: [{ accountCode: 'D0001', projectRole: 'pm' }] });
    expect(project.status).toBe(201);
    const member = await h.http.delete('/api/accounts/D0001').set(auth());
    expect(member.status).toBe(409);
    expect(member.body.error.code).toBe('ACCOUNT_IN_USE_PROJECT');
    expect(member.body.error.message).toContain('PRJ-01 (PM)');

    const approver = await h.http.patch('/api/departments/0').set(auth()).send({ approverCode: 'D0002' });
    expect(approver.status).toBe(200);
    const blocked = await h.http.delete('/api/accounts/D0002').set(auth());
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('ACCOUNT_IN_USE_APPROVER');

    const adminDelete = await h.http.delete('/api/accounts/Admin').set(auth());
    expect(adminDelete.status).toBe(409);
    expect(adminDelete.body.error.code).toBe('SYSTEM_ADMINISTRATOR');

    await h.http.patch('/api/departments/0').set(auth()).send({ approverCode: null });
    expect((await h.http.delete('/api/accounts/D0002').set(auth())).status).toBe(204);
    expect((await h.http.get('/api/accounts/D0002').set(auth())).status).toBe(404);
  });

  it('refuses with 409 an account that has logged in or has an issuance history, and keeps that history; disabling works', async () => {
    await createAccount(h, admin, { code: 'D0003', ranks, mustChangePassword: false });
    expect((await login(h, 'D0003', 'Initial-passw0rd')).status).toBe(200);
    const loggedIn = await h.http.delete('/api/accounts/D0003').set(auth());
    expect(loggedIn.status).toBe(409);
    expect(loggedIn.body.error.code).toBe('ACCOUNT_IN_USE_LOGGED_IN');
    expect(loggedIn.body.error.message).toContain('無効にしてください');

    await createAccount(h, admin, { code: 'D0004', ranks, emails: ['d0004@example.test'] });
    expect((await h.http.post('/api/accounts/D0004/email-issuances').set(auth()).send({})).status).toBe(202);
    const issued = await h.http.delete('/api/accounts/D0004').set(auth());
    expect(issued.status).toBe(409);
    expect(issued.body.error.code).toBe('ACCOUNT_IN_USE_ISSUANCE_HISTORY');
    const history = await h.http.get('/api/accounts/D0004/issuances').set(auth());
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);

    const disabled = await patch('D0004', { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
  });
});
