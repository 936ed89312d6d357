import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { CodeField } from '../components/CodeField';
import { ErrorMessage, fieldError, type FieldLabel } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';
import { accountFieldLabel } from './account/field-labels';
import {
  commonBody,
  formOf,
  systemAdministratorCode,
  today,
  workFollowingRules,
  type Account,
  type Form,
} from './account/form-model';
import { AssignmentFields } from './account/AssignmentFields';
import { AuditLink } from './account/AuditLink';
import { Panel, type Act } from './account/panel';
import { RankHistoryPanel } from './account/RankHistoryPanel';
import { RankSelect } from './account/RankSelect';
import { useFeatures, usePartners } from './account/references';
import { SecurityPanel, type StepUpBody } from './account/SecurityPanel';
import { TransferPanel } from './account/TransferPanel';
import { WorkSettingsFields } from './account/WorkSettingsFields';

type Role = Schemas['Role'];
type Rank = Schemas['Rank'];

/** Roles this admin may hand out: none holding a permission the admin lacks (the API refuses those anyway). */
function assignable(roles: Role[], permissions: readonly string[]): Role[] {
  return roles.filter((role) => role.permissions.every((permission) => permissions.includes(permission)));
}

/** The dated fields of a new form: the assignment's 適用日 and the rank's 適用年月. */
const pick = (form: Form) => ({ current: form.current, rank: form.rank });

interface StepUp {
  currentPassword: string;
  mfaCode: string;
}

function stepUpOf(stepUp: StepUp): StepUpBody {
  return { currentPassword: stepUp.currentPassword, ...(stepUp.mfaCode ? { mfaCode: stepUp.mfaCode } : {}) };
}

/**
 * 【アカウント登録】 new and edit: every field of the document in its order, those of switched-off features left out,
 * each code with its name, the API's errors beside the fields and named by their labels; in edit mode 再発行 on the
 * 共通 part, the pending transfer (異動), the rank history, lockout, MFA reset and delete.
 */
export function AccountForm() {
  const { code } = useParams();
  const editing = code !== undefined;
  const { t, language } = useI18n();
  const { me, can } = useSession();
  const navigate = useNavigate();
  const features = useFeatures();
  const [account, setAccount] = useState<Account>();
  const [form, setForm] = useState<Form>(formOf());
  const [roles, setRoles] = useState<Role[]>([]);
  const [ranks, setRanks] = useState<Rank[]>([]);
  const [error, setError] = useState<unknown>();
  const formLabel: FieldLabel = (field) => accountFieldLabel(t, field);
  const [errorLabel, setErrorLabel] = useState<{ of: FieldLabel }>({ of: formLabel });
  const [notice, setNotice] = useState<string>();
  const writable = can('accounts:write');
  const partners = usePartners(form.type);
  // One's own addresses, Azure AD id and MFA change only with the current password (and code) again (step-up).
  const editingSelf = editing && me?.accountCode === code;
  const [stepUp, setStepUp] = useState<StepUp>({ currentPassword: '', mfaCode: '' });
  const stepUpBody = editingSelf && stepUp.currentPassword ? stepUpOf(stepUp) : {};
  const isAdmin = editing && code === systemAdministratorCode;

  // A new account starts on today of the company (not of the browser) once its time zone is known.
  const timeZone = features?.timeZone;
  useEffect(() => {
    if (editing || !timeZone) return;
    setForm((previous) =>
      previous.current.effectiveDate === today() ? { ...previous, ...pick(formOf(undefined, timeZone)) } : previous,
    );
  }, [editing, timeZone]);

  const load = useCallback(async () => {
    if (!code) {
      setAccount(undefined);
      setForm(formOf());
      return;
    }
    const loaded = await must(api.GET('/api/accounts/{code}', { params: { path: { code } } }));
    setAccount(loaded);
    setForm(formOf(loaded));
  }, [code]);

  // On the account's code and the permission only: a language switch keeps what is being typed.
  const referenceReadable = can('reference:read');
  useEffect(() => {
    setError(undefined);
    setNotice(undefined);
    load().catch(setError);
    if (referenceReadable) {
      must(api.GET('/api/roles')).then((answer) => setRoles(answer.items), setError);
      must(api.GET('/api/ranks')).then((answer) => setRanks(answer.items), setError);
    }
  }, [load, referenceReadable]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const fail = (failure: unknown, label: FieldLabel = formLabel) => {
    setErrorLabel({ of: label });
    setError(failure);
  };
  const text = (
    key: keyof Form,
    label: string,
    options: { required?: boolean; type?: 'text' | 'password' | 'email'; hint?: string; disabled?: boolean } = {},
  ) => (
    <TextField
      label={label}
      value={form[key] as string}
      onChange={(value) => set(key, value as never)}
      required={options.required}
      type={options.type}
      hint={options.hint}
      disabled={!writable || options.disabled}
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

  const act: Act = async (call, message, label) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await call;
      setNotice(message);
      await load();
    } catch (failure) {
      fail(failure, label);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const common = commonBody(form, features);
    try {
      if (editing) {
        await must(
          api.PATCH('/api/accounts/{code}', {
            params: { path: { code: code! } },
            body: {
              ...common,
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
              ...(features?.accountCodeNumbering !== 'auto' ? { code: form.code } : {}),
              type: form.type,
              ...(form.type !== 'own' && form.partnerCode ? { partnerCode: form.partnerCode } : {}),
              current: form.current,
              ...(form.type === 'own' && form.rank.rankCode ? { ranks: [form.rank] } : {}),
            },
          }),
        );
        void navigate(`/accounts/${encodeURIComponent(created.code)}`);
      }
    } catch (failure) {
      fail(failure);
    }
  };

  const choosable = assignable(roles, me?.permissions ?? []);
  const activeRanks = ranks.filter((rank) => rank.active);
  const partnerKind = form.type === 'own' ? undefined : form.type;

  if (editing && !account) return <ErrorMessage error={error} label={errorLabel.of} />;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">
        {t('accountFormTitle')} {editing ? `— ${account!.code}` : `(${t('new')})`}
      </h1>
      <ErrorMessage error={error} label={errorLabel.of} />
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
                  onChange={() =>
                    setForm((previous) => ({
                      ...previous,
                      type,
                      partnerCode: '',
                      work: workFollowingRules(previous.work, type, features),
                    }))
                  }
                />
                {t(`type_${type}`)}
              </label>
            ))}
            {features?.smartphoneOptionEnabled && check('smartphoneOnly', t('smartphoneOnly'))}
          </div>
          <div className="form-grid">
            {!editing &&
              (features?.accountCodeNumbering === 'auto' ? (
                <p className="hint">{t('codeAutoNumbered')}</p>
              ) : (
                text('code', t('accountCode'), { required: true })
              ))}
            {partnerKind && (
              <CodeField
                label={t(`partnerCode_${partnerKind}`)}
                nameLabel={t(`partnerName_${partnerKind}`)}
                value={form.partnerCode}
                onChange={(value) => set('partnerCode', value)}
                options={partners}
                known={
                  account?.partnerCode ? { code: account.partnerCode, name: account.partnerName ?? '' } : undefined
                }
                disabled={!writable}
                error={fieldError(error, 'partnerCode')}
              />
            )}
          </div>
          {check('disabled', t('disabled'))}
          {check('loginDisabled', t('loginDisabled'))}
          <div className="form-grid">
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
          {editing && account && can('issuance:reissue') && account.passwordStatus !== 'unissued' && (
            <p className="buttons">
              <Link
                className="button"
                to={
                  features?.issuanceChannel === 'pdf'
                    ? '/pdf-issuance'
                    : `/accounts/${encodeURIComponent(account.code)}/email-issuance`
                }
                state={features?.issuanceChannel === 'pdf' ? { codes: [account.code] } : undefined}
              >
                {t('reissueOpen')}
              </Link>
              <small className="hint">{t('reissueHint')}</small>
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('currentAssignment')}</legend>
          <AssignmentFields
            value={form.current}
            onChange={(next) => set('current', next)}
            errorPrefix="current."
            error={error}
            roles={roles}
            choosable={choosable}
            known={account?.current}
            required
            disabled={!writable}
          />
        </fieldset>

        {!editing && form.type === 'own' && (
          <fieldset>
            <legend>{t('rankHistory')}</legend>
            <div className="form-grid">
              <TextField
                label={t('effectiveMonth')}
                type="month"
                value={form.rank.effectiveMonth}
                required={activeRanks.length > 0}
                onChange={(value) => set('rank', { ...form.rank, effectiveMonth: value })}
                error={fieldError(error, 'ranks.0.effectiveMonth')}
              />
              <RankSelect
                ranks={activeRanks}
                value={form.rank.rankCode}
                required={activeRanks.length > 0}
                onChange={(rankCode) => set('rank', { ...form.rank, rankCode })}
                error={fieldError(error, 'ranks.0.rankCode') ?? fieldError(error, 'ranks')}
              />
            </div>
          </fieldset>
        )}

        <fieldset>
          <legend>{t('passwordSection')}</legend>
          <div className="form-grid">
            {text('password', editing ? t('newPasswordOptional') : t('password'), {
              type: 'password',
              hint: editing ? undefined : t('passwordOptionalHint'),
            })}
            {features?.azureAdEnabled &&
              text('azureAdId', t('azureAdId'), {
                disabled: isAdmin,
                hint: isAdmin ? t('azureAdNotForAdmin') : undefined,
              })}
          </div>
          {check('mustChangePassword', t('mustChangePassword'))}
          {features?.mfaEnabled && check('mfaEnabled', t('mfaEnabled'))}
        </fieldset>

        <fieldset>
          <legend>{t('workSettings')}</legend>
          <WorkSettingsFields
            work={workFollowingRules(form.work, form.type, features)}
            type={form.type}
            features={features}
            onChange={(next) => set('work', workFollowingRules(next, form.type, features))}
            disabled={!writable}
            error={error}
          />
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

        <div className="buttons">
          {writable && (
            <>
              <button type="submit" className="primary">
                {editing ? t('update') : t('register')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setError(undefined);
                  setNotice(undefined);
                  setForm(formOf(account, timeZone));
                }}
              >
                {t('cancel')}
              </button>
              {editing && (
                <Link className="button" to="/accounts/new">
                  {t('new')}
                </Link>
              )}
              {editing && account && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (!window.confirm(t('deleteConfirm', { code: account.code }))) return;
                    must(api.DELETE('/api/accounts/{code}', { params: { path: { code: account.code } } })).then(
                      () => void navigate('/accounts'),
                      (failure) => fail(failure),
                    );
                  }}
                >
                  {t('delete')}
                </button>
              )}
            </>
          )}
          <Link className="button" to="/accounts">
            {t('close')}
          </Link>
        </div>
      </form>

      {editing && account && (
        <>
          <SecurityPanel account={account} act={act} stepUp={stepUpBody} features={features} />
          <TransferPanel
            key={`${account.code}:${account.transfer?.effectiveDate ?? ''}`}
            account={account}
            act={act}
            error={error}
            roles={roles}
            choosable={choosable}
          />
          <RankHistoryPanel account={account} ranks={ranks} act={act} error={error} timeZone={timeZone} />
          <Panel title={t('updatedAt')}>
            <p className="hint">{formatDateTime(account.updatedAt, language, me?.timeZone)}</p>
          </Panel>
          <AuditLink code={account.code} />
        </>
      )}
    </section>
  );
}
