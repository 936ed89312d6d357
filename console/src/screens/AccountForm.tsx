import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';

type Account = Schemas['Account'];
type Assignment = Schemas['AssignmentInput'];
type Role = Schemas['Role'];
type Rank = Schemas['Rank'];

interface Form {
  code: string;
  type: 'own' | 'contractor' | 'customer';
  partnerCode: string;
  lastName: string;
  firstName: string;
  lastNameKana: string;
  firstNameKana: string;
  shortName: string;
  emails: [string, string, string];
  locale: '' | 'ja' | 'en';
  disabled: boolean;
  loginDisabled: boolean;
  smartphoneOnly: boolean;
  password: string;
  mustChangePassword: boolean;
  azureAdId: string;
  mfaEnabled: boolean;
  note: string;
  current: Assignment;
  rank: { effectiveMonth: string; rankCode: string };
  work: NonNullable<Schemas['CreateAccountRequest']['work']>;
}

const today = () => new Date().toISOString().slice(0, 10);
const emptyAssignment = (): Assignment => ({
  effectiveDate: today(),
  departmentCode: '0',
  controlDepartmentCode: '0',
  reportingControlDepartmentCode: '0',
  roleCode: 'employee',
});

function formOf(account?: Account): Form {
  return {
    code: account?.code ?? '',
    type: account?.type ?? 'own',
    partnerCode: account?.partnerCode ?? '',
    lastName: account?.lastName ?? '',
    firstName: account?.firstName ?? '',
    lastNameKana: account?.lastNameKana ?? '',
    firstNameKana: account?.firstNameKana ?? '',
    shortName: account?.shortName ?? '',
    emails: [account?.emails[0] ?? '', account?.emails[1] ?? '', account?.emails[2] ?? ''],
    locale: account?.locale ?? '',
    disabled: account?.disabled ?? false,
    loginDisabled: account?.loginDisabled ?? false,
    smartphoneOnly: account?.smartphoneOnly ?? false,
    password: '',
    mustChangePassword: account?.mustChangePassword ?? true,
    azureAdId: account?.azureAdId ?? '',
    mfaEnabled: account?.mfaEnabled ?? false,
    note: account?.note ?? '',
    current: account
      ? {
          effectiveDate: account.current.effectiveDate,
          departmentCode: account.current.departmentCode,
          controlDepartmentCode: account.current.controlDepartmentCode,
          reportingControlDepartmentCode: account.current.reportingControlDepartmentCode,
          roleCode: account.current.roleCode,
        }
      : emptyAssignment(),
    rank: { effectiveMonth: today().slice(0, 7), rankCode: '' },
    work: account?.work ?? {},
  };
}

/** Roles this admin may hand out: none holding a permission the admin lacks (the API refuses those anyway). */
function assignable(roles: Role[], permissions: readonly string[]): Role[] {
  return roles.filter((role) => role.permissions.every((permission) => permissions.includes(permission)));
}

/**
 * 【アカウント登録】 new and edit: every field with the API's errors beside it, and in edit mode the pending transfer
 * (異動), the rank history, lockout, MFA reset, reissue and delete.
 */
export function AccountForm() {
  const { code } = useParams();
  const editing = code !== undefined;
  const { t, language } = useI18n();
  const { me, can } = useSession();
  const navigate = useNavigate();
  const [account, setAccount] = useState<Account>();
  const [form, setForm] = useState<Form>(formOf());
  const [roles, setRoles] = useState<Role[]>([]);
  const [ranks, setRanks] = useState<Rank[]>([]);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const writable = can('accounts:write');
  // One's own addresses, Azure AD id and MFA change only with the current password (and code) again (step-up).
  const editingSelf = editing && me?.accountCode === code;
  const [stepUp, setStepUp] = useState<StepUp>({ currentPassword: '', mfaCode: '' });
  const stepUpBody = editingSelf && stepUp.currentPassword ? stepUpOf(stepUp) : {};

  const load = useCallback(async () => {
    if (!code) return;
    const loaded = await must(api.GET('/api/accounts/{code}', { params: { path: { code } } }));
    setAccount(loaded);
    setForm(formOf(loaded));
  }, [code]);

  useEffect(() => {
    load().catch(setError);
    if (can('reference:read')) {
      must(api.GET('/api/roles')).then((answer) => setRoles(answer.items), setError);
      must(api.GET('/api/ranks')).then((answer) => setRanks(answer.items), setError);
    }
  }, [load, can]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const text = (
    key: keyof Form,
    label: string,
    options: { required?: boolean; type?: 'text' | 'password' | 'email' } = {},
  ) => (
    <TextField
      label={label}
      value={form[key] as string}
      onChange={(value) => set(key, value as never)}
      required={options.required}
      type={options.type}
      disabled={!writable}
      error={fieldError(error, key)}
    />
  );
  const check = (key: keyof Form, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={form[key] as boolean}
        disabled={!writable}
        onChange={(event) => set(key, event.target.checked as never)}
      />
      {label}
    </label>
  );

  const act = async (call: Promise<unknown>, message: string) => {
    setError(undefined);
    try {
      await call;
      setNotice(message);
      await load();
    } catch (failure) {
      setError(failure);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const common = {
      lastName: form.lastName,
      firstName: form.firstName,
      lastNameKana: form.lastNameKana || null,
      firstNameKana: form.firstNameKana || null,
      shortName: form.shortName,
      emails: form.emails.map((address) => address || null),
      locale: form.locale || null,
      disabled: form.disabled,
      loginDisabled: form.loginDisabled,
      smartphoneOnly: form.smartphoneOnly,
      mustChangePassword: form.mustChangePassword,
      azureAdId: form.azureAdId || null,
      mfaEnabled: form.mfaEnabled,
      work: form.work,
      note: form.note || null,
    };
    try {
      if (editing) {
        await must(
          api.PATCH('/api/accounts/{code}', {
            params: { path: { code: code! } },
            body: {
              ...common,
              ...(form.password ? { password: form.password } : {}),
              ...(form.type !== 'own' ? { partnerCode: form.partnerCode || null } : {}),
              current: form.current,
              ...stepUpBody,
            },
          }),
        );
        setNotice(t('saved'));
        await load();
      } else {
        const created = await must(
          api.POST('/api/accounts', {
            body: {
              ...common,
              ...(form.code ? { code: form.code } : {}),
              type: form.type,
              ...(form.type !== 'own' && form.partnerCode ? { partnerCode: form.partnerCode } : {}),
              password: form.password,
              current: form.current,
              ...(form.type === 'own' && form.rank.rankCode ? { ranks: [form.rank] } : {}),
            },
          }),
        );
        void navigate(`/accounts/${encodeURIComponent(created.code)}`);
      }
    } catch (failure) {
      setError(failure);
    }
  };

  const choosable = assignable(roles, me?.permissions ?? []);
  const roleOptions =
    choosable.some((role) => role.code === form.current.roleCode) || !roles.length
      ? choosable
      : [...choosable, ...roles.filter((role) => role.code === form.current.roleCode)];
  const assignment = (value: Assignment, onChange: (next: Assignment) => void, prefix: string, disabled = false) => (
    <div className="form-grid">
      {(
        [
          ['effectiveDate', t('effectiveDate')],
          ['departmentCode', t('departmentCode')],
          ['controlDepartmentCode', t('controlDepartmentCode')],
          ['reportingControlDepartmentCode', t('reportingControlDepartmentCode')],
        ] as const
      ).map(([key, label]) => (
        <TextField
          key={key}
          label={label}
          type={key === 'effectiveDate' ? 'date' : 'text'}
          value={value[key]}
          onChange={(next) => onChange({ ...value, [key]: next })}
          required
          disabled={disabled}
          error={fieldError(error, `${prefix}${key}`)}
        />
      ))}
      <div className={`field${fieldError(error, `${prefix}roleCode`) ? ' invalid' : ''}`}>
        <label htmlFor={`${prefix}role`}>{t('role')}</label>
        <select
          id={`${prefix}role`}
          value={value.roleCode}
          disabled={disabled}
          onChange={(event) => onChange({ ...value, roleCode: event.target.value })}
        >
          {roleOptions.map((role) => (
            <option key={role.code} value={role.code} disabled={!choosable.includes(role)}>
              {role.name} ({role.code})
            </option>
          ))}
        </select>
        {fieldError(error, `${prefix}roleCode`) && (
          <small className="field-error">{fieldError(error, `${prefix}roleCode`)}</small>
        )}
      </div>
    </div>
  );

  if (editing && !account) return <ErrorMessage error={error} />;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">
        {t('accountFormTitle')} {editing ? `— ${account!.code}` : `(${t('new')})`}
      </h1>
      <ErrorMessage error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void save(event)} noValidate>
        <fieldset>
          <legend>{t('common')}</legend>
          <div role="radiogroup" aria-label={t('accountType')} className="radios">
            {(['own', 'contractor', 'customer'] as const).map((type) => (
              <label key={type} className="check">
                <input
                  type="radio"
                  name="type"
                  checked={form.type === type}
                  disabled={editing || !writable}
                  onChange={() => set('type', type)}
                />
                {t(`type_${type}`)}
              </label>
            ))}
          </div>
          <div className="form-grid">
            {!editing && text('code', t('accountCode'))}
            {form.type !== 'own' && text('partnerCode', t('partnerCode'))}
            {text('lastName', t('lastName'), { required: true })}
            {text('firstName', t('firstName'), { required: true })}
            {text('lastNameKana', t('lastNameKana'))}
            {text('firstNameKana', t('firstNameKana'))}
            {text('shortName', t('shortName'), { required: true })}
            {form.emails.map((address, index) => (
              <TextField
                key={index}
                label={t('addressN', { n: index + 1 })}
                type="email"
                value={address}
                disabled={!writable}
                onChange={(value) => {
                  const emails = [...form.emails] as Form['emails'];
                  emails[index] = value;
                  set('emails', emails);
                }}
                error={fieldError(error, `emails.${index}`)}
              />
            ))}
            <div className="field">
              <label htmlFor="account-locale">{t('language')}</label>
              <select
                id="account-locale"
                value={form.locale}
                disabled={!writable}
                onChange={(event) => set('locale', event.target.value as Form['locale'])}
              >
                <option value="">{t('companyDefault')}</option>
                <option value="ja">日本語</option>
                <option value="en">English</option>
              </select>
            </div>
          </div>
          {check('disabled', t('disabled'))}
          {check('loginDisabled', t('loginDisabled'))}
          {check('smartphoneOnly', t('smartphoneOnly'))}
        </fieldset>

        <fieldset>
          <legend>{t('currentAssignment')}</legend>
          {assignment(form.current, (next) => set('current', next), 'current.', !writable)}
        </fieldset>

        {!editing && form.type === 'own' && (
          <fieldset>
            <legend>{t('rankHistory')}</legend>
            <div className="form-grid">
              <TextField
                label={t('effectiveMonth')}
                type="month"
                value={form.rank.effectiveMonth}
                onChange={(value) => set('rank', { ...form.rank, effectiveMonth: value })}
                error={fieldError(error, 'ranks.0.effectiveMonth')}
              />
              <RankSelect
                ranks={ranks.filter((rank) => rank.active)}
                value={form.rank.rankCode}
                onChange={(rankCode) => set('rank', { ...form.rank, rankCode })}
                error={fieldError(error, 'ranks.0.rankCode')}
              />
            </div>
          </fieldset>
        )}

        <fieldset>
          <legend>{t('passwordSection')}</legend>
          <div className="form-grid">
            {text('password', editing ? t('newPasswordOptional') : t('password'), {
              required: !editing,
              type: 'password',
            })}
            {text('azureAdId', t('azureAdId'))}
          </div>
          {check('mustChangePassword', t('mustChangePassword'))}
          {check('mfaEnabled', t('mfaEnabled'))}
        </fieldset>

        <fieldset>
          <legend>{t('workSettings')}</legend>
          {(
            [
              'effortAttendanceMatching',
              'attendanceInputSkip',
              'effortInputSkip',
              'discretionaryLabour',
              'excludedFromUtilization',
            ] as const
          ).map((key) => (
            <label key={key} className="check">
              <input
                type="checkbox"
                checked={!!form.work[key]}
                disabled={!writable}
                onChange={(event) => set('work', { ...form.work, [key]: event.target.checked })}
              />
              {t(`work_${key}`)}
            </label>
          ))}
          <div className="form-grid">
            {(['attendanceInputMethod', 'effortInputMethod'] as const).map((key) => (
              <div className="field" key={key}>
                <label htmlFor={`work-${key}`}>{t(`work_${key}`)}</label>
                <select
                  id={`work-${key}`}
                  value={form.work[key] ?? 'daily'}
                  disabled={!writable}
                  onChange={(event) => set('work', { ...form.work, [key]: event.target.value as 'daily' | 'monthly' })}
                >
                  <option value="daily">{t('daily')}</option>
                  <option value="monthly">{t('monthly')}</option>
                </select>
                {fieldError(error, `work.${key}`) && (
                  <small className="field-error">{fieldError(error, `work.${key}`)}</small>
                )}
              </div>
            ))}
            <div className="field">
              <label htmlFor="work-style">{t('work_workStyle')}</label>
              <select
                id="work-style"
                value={form.work.workStyle ?? ''}
                disabled={!writable}
                onChange={(event) =>
                  set('work', { ...form.work, workStyle: (event.target.value || null) as 'general' | 'flex' | null })
                }
              >
                <option value="">—</option>
                <option value="general">{t('general')}</option>
                <option value="flex">{t('flex')}</option>
              </select>
              {fieldError(error, 'work.workStyle') && (
                <small className="field-error">{fieldError(error, 'work.workStyle')}</small>
              )}
            </div>
          </div>
          {text('note', t('note'))}
        </fieldset>

        {editingSelf && writable && (
          <fieldset>
            <legend>{t('stepUp')}</legend>
            <p className="hint">{t('stepUpHint')}</p>
            <div className="form-grid">
              <TextField
                label={t('currentPassword')}
                type="password"
                autoComplete="current-password"
                value={stepUp.currentPassword}
                onChange={(value) => setStepUp((previous) => ({ ...previous, currentPassword: value }))}
                error={fieldError(error, 'currentPassword')}
              />
              {me?.mfaStatus === 'set' && (
                <TextField
                  label={t('mfaCode')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={stepUp.mfaCode}
                  onChange={(value) => setStepUp((previous) => ({ ...previous, mfaCode: value }))}
                  error={fieldError(error, 'mfaCode')}
                />
              )}
            </div>
          </fieldset>
        )}

        {writable && (
          <div className="buttons">
            <button type="submit" className="primary">
              {editing ? t('update') : t('register')}
            </button>
            <Link className="button" to="/accounts">
              {t('backToList')}
            </Link>
          </div>
        )}
      </form>

      {editing && account && (
        <>
          <Security account={account} act={act} stepUp={stepUpBody} />
          <Transfer account={account} act={act} assignment={assignment} />
          <RankHistory account={account} ranks={ranks} act={act} />
          <Section title={t('reissueTitle')}>
            {can('issuance:issue') && (
              <p className="buttons">
                <Link className="button" to={`/accounts/${encodeURIComponent(account.code)}/email-issuance`}>
                  {t('emailIssuanceTitle')}
                </Link>
                <Link className="button" to="/pdf-issuance" state={{ codes: [account.code] }}>
                  {t('pdfTitle')}
                </Link>
              </p>
            )}
          </Section>
          {writable && (
            <p>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (!window.confirm(t('deleteConfirm', { code: account.code }))) return;
                  must(api.DELETE('/api/accounts/{code}', { params: { path: { code: account.code } } })).then(
                    () => void navigate('/accounts'),
                    setError,
                  );
                }}
              >
                {t('delete')}
              </button>
            </p>
          )}
          <p className="hint">
            {t('updatedAt')}: {formatDateTime(account.updatedAt, language)}
          </p>
        </>
      )}
    </section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function RankSelect(props: { ranks: Rank[]; value: string; onChange(value: string): void; error?: string }) {
  const { t } = useI18n();
  return (
    <div className={`field${props.error ? ' invalid' : ''}`}>
      <label htmlFor="rank-select">{t('rank')}</label>
      <select id="rank-select" value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">—</option>
        {props.ranks.map((rank) => (
          <option key={rank.code} value={rank.code}>
            {rank.name}
            {rank.active ? '' : ' *'}
          </option>
        ))}
      </select>
      {props.error && <small className="field-error">{props.error}</small>}
    </div>
  );
}

type Act = (call: Promise<unknown>, message: string) => Promise<void>;

interface StepUp {
  currentPassword: string;
  mfaCode: string;
}
type StepUpBody = { currentPassword?: string; mfaCode?: string };

function stepUpOf(stepUp: StepUp): StepUpBody {
  return { currentPassword: stepUp.currentPassword, ...(stepUp.mfaCode ? { mfaCode: stepUp.mfaCode } : {}) };
}

/** 最終ログイン, ログイン失敗 (『xx日間にxx回ログイン失敗』), ロックアウト, 多要素認証. */
function Security({ account, act, stepUp }: { account: Account; act: Act; stepUp: StepUpBody }) {
  const { t, language } = useI18n();
  const { can } = useSession();
  const path = { params: { path: { code: account.code } } };
  return (
    <Section title={t('security')}>
      <dl className="facts">
        <dt>{t('lastLoginAt')}</dt>
        <dd>{formatDateTime(account.lastLoginAt, language) || '—'}</dd>
        <dt>{t('passwordChangedAt')}</dt>
        <dd>{formatDateTime(account.passwordChangedAt, language) || '—'}</dd>
        <dt>{t('failedLogins')}</dt>
        <dd>{account.failedLoginLabel}</dd>
        <dt>{t('lockedAt')}</dt>
        <dd>{formatDateTime(account.lockedAt, language) || '—'}</dd>
        <dt>{t('mfaStatus')}</dt>
        <dd>{account.mfaEnabled ? (account.mfaStatus === 'set' ? t('mfaSet') : t('notSet')) : t('mfaOff')}</dd>
      </dl>
      {can('accounts:write') && (
        <p className="buttons">
          <button
            type="button"
            disabled={!account.lockedAt}
            onClick={() =>
              void act(must(api.DELETE('/api/accounts/{code}/lockout', path)), t('unlocked', { code: account.code }))
            }
          >
            {t('unlock')}
          </button>
          <button
            type="button"
            disabled={account.failedLoginCount < 1}
            onClick={() =>
              void act(
                must(api.DELETE('/api/accounts/{code}/login-failures', path)),
                t('failuresCleared', { code: account.code }),
              )
            }
          >
            {t('clearFailures')}
          </button>
          <button
            type="button"
            disabled={account.mfaStatus !== 'set'}
            onClick={() =>
              void act(must(api.DELETE('/api/accounts/{code}/mfa', { ...path, body: stepUp })), t('mfaResetDone'))
            }
          >
            {t('mfaReset')}
          </button>
        </p>
      )}
    </Section>
  );
}

/** (異動): one pending transfer, applied on its date; enter, change or cancel it. */
function Transfer(props: {
  account: Account;
  act: Act;
  assignment: (value: Assignment, onChange: (next: Assignment) => void, prefix: string) => ReactNode;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const pending = props.account.transfer;
  const [value, setValue] = useState<Assignment>(() =>
    pending
      ? {
          effectiveDate: pending.effectiveDate,
          departmentCode: pending.departmentCode,
          controlDepartmentCode: pending.controlDepartmentCode,
          reportingControlDepartmentCode: pending.reportingControlDepartmentCode,
          roleCode: pending.roleCode,
        }
      : { ...props.account.current, effectiveDate: '' },
  );
  const path = { params: { path: { code: props.account.code } } };
  return (
    <Section title={t('transfer')}>
      <p>{pending ? t('transferPending', { date: pending.effectiveDate }) : t('transferNone')}</p>
      {can('accounts:write') && (
        <>
          {props.assignment(value, setValue, '')}
          <p className="buttons">
            <button
              type="button"
              onClick={() =>
                void props.act(
                  must(api.PUT('/api/accounts/{code}/transfer', { ...path, body: value })),
                  t('transferSaved'),
                )
              }
            >
              {pending ? t('transferChange') : t('transferEnter')}
            </button>
            {pending && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void props.act(must(api.DELETE('/api/accounts/{code}/transfer', path)), t('transferCancelled'))
                }
              >
                {t('transferCancel')}
              </button>
            )}
          </p>
        </>
      )}
    </Section>
  );
}

/** 社員ランク history: a row per month the rank changed; inactive ranks (*) allowed when editing. */
function RankHistory({ account, ranks, act }: { account: Account; ranks: Rank[]; act: Act }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [month, setMonth] = useState(today().slice(0, 7));
  const [rankCode, setRankCode] = useState('');
  if (account.type !== 'own') return null;
  const code = account.code;
  return (
    <Section title={t('rankHistory')}>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('effectiveMonth')}</th>
            <th scope="col">{t('rank')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {account.ranks.map((row) => (
            <tr key={row.effectiveMonth}>
              <td>{row.effectiveMonth}</td>
              <td>
                {row.rankName}
                {row.active ? '' : ' *'}
              </td>
              <td>
                {can('accounts:write') && (
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void act(
                        must(
                          api.DELETE('/api/accounts/{code}/ranks/{month}', {
                            params: { path: { code, month: row.effectiveMonth } },
                          }),
                        ),
                        t('saved'),
                      )
                    }
                  >
                    {t('delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('accounts:write') && (
        <div className="form-grid">
          <TextField label={t('effectiveMonth')} type="month" value={month} onChange={setMonth} />
          <RankSelect ranks={ranks} value={rankCode} onChange={setRankCode} />
          <p>
            <button
              type="button"
              disabled={!rankCode}
              onClick={() =>
                void act(
                  must(
                    api.POST('/api/accounts/{code}/ranks', {
                      params: { path: { code } },
                      body: { effectiveMonth: month, rankCode },
                    }),
                  ),
                  t('saved'),
                )
              }
            >
              {t('addRank')}
            </button>
          </p>
        </div>
      )}
    </Section>
  );
}
