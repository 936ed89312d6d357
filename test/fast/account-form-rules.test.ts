import { workStylePolicies } from '../../entities';
import { allowedWorkStyles as domainWorkStyles } from '../../domain/accounts/account-rules';
import { accountFieldLabel } from '../../console/src/screens/account/field-labels';
import {
  allowedWorkStyles,
  commonBody,
  formOf,
  workFollowingRules,
  type AccountType,
  type Features,
} from '../../console/src/screens/account/form-model';
import { ja } from '../../console/src/messages';

/** The rules 【アカウント登録】 applies before sending, equal to the domain's (which refuses what breaks them). */
const types: AccountType[] = ['own', 'contractor', 'customer'];
const features = (change: Partial<Features> = {}): Features => ({
  issuanceChannel: 'email',
  accountCodeNumbering: 'manual',
  minPasswordLength: 12,
  lockoutWindowDays: 30,
  mfaEnabled: false,
  azureAdEnabled: false,
  smartphoneOptionEnabled: false,
  workStylePolicy: 'both',
  timeZone: 'Asia/Tokyo',
  ...change,
});

describe('the work settings of the account screen', () => {
  it.each(workStylePolicies.flatMap((policy) => types.map((type) => [policy, type] as const)))(
    'offers the work styles the domain allows (%s, %s)',
    (policy, type) => {
      expect(allowedWorkStyles(policy, type)).toEqual([...domainWorkStyles({ workStylePolicy: policy }, type)]);
    },
  );

  it('fixes the skip flags off while effort must match attendance, and discretionary labour off for partners', () => {
    const work = { effortAttendanceMatching: true, attendanceInputSkip: true, effortInputSkip: true };
    expect(workFollowingRules(work, 'own', features())).toMatchObject({
      attendanceInputSkip: false,
      effortInputSkip: false,
    });
    expect(workFollowingRules({ discretionaryLabour: true }, 'contractor', features())).toMatchObject({
      discretionaryLabour: false,
      workStyle: 'general',
    });
    expect(workFollowingRules({ workStyle: 'general' }, 'customer', features()).workStyle).toBeNull();
    expect(
      workFollowingRules({ workStyle: 'general' }, 'own', features({ workStylePolicy: 'flex-only' })).workStyle,
    ).toBe('flex');
  });
});

describe('the body the account screen sends', () => {
  const form = { ...formOf(), code: 'N0001', smartphoneOnly: true, azureAdId: 'n@corp.example', mfaEnabled: true };

  it('leaves out the fields of switched-off features, and a password nobody typed', () => {
    const body = commonBody(form, features());
    expect(body).not.toHaveProperty('smartphoneOnly');
    expect(body).not.toHaveProperty('azureAdId');
    expect(body).not.toHaveProperty('mfaEnabled');
    expect(body).not.toHaveProperty('password');
    const on = commonBody(
      { ...form, password: 'typed-passw0rd' },
      features({ smartphoneOptionEnabled: true, azureAdEnabled: true, mfaEnabled: true }),
    );
    expect(on).toMatchObject({
      smartphoneOnly: true,
      azureAdId: 'n@corp.example',
      mfaEnabled: true,
      password: 'typed-passw0rd',
    });
  });

  it("never sends Admin's Azure AD id (the document disables it)", () => {
    expect(commonBody({ ...form, code: 'Admin' }, features({ azureAdEnabled: true }))).not.toHaveProperty('azureAdId');
  });
});

describe('the labels errors are named by', () => {
  const t = (key: keyof typeof ja, params?: Record<string, string | number>) =>
    ja[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));

  it.each([
    ['shortName', 'form', '氏名略名'],
    ['current.departmentCode', 'form', '(現在)所属部門コード'],
    ['departmentCode', 'transfer', '(異動)所属部門コード'],
    ['emails.1', 'form', 'メールアドレス2'],
    ['work.workStyle', 'form', '勤務形態'],
    ['ranks.0.rankCode', 'form', '社員ランク'],
    ['ranks', 'form', '社員ランク'],
  ] as const)('%s (%s) → %s', (field, block, label) => {
    expect(accountFieldLabel(t, field, block)).toBe(label);
  });
});
