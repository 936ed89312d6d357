import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { api, ApiError, must } from '../api/client';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n';
import { useSession } from '../session';

/** Admin login (company code, login ID, password, the MFA code when asked), then a forced password change. */
export function LoginScreen() {
  const { me, logIn, refresh } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [companyCode, setCompanyCode] = useState('');
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [mfaCode, setMfaCode] = useState('');
  const [mfaAsked, setMfaAsked] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (me && !me.mustChangePassword) {
    return me.mfaStatus === 'unset' ? <MfaSetUpNeeded /> : <Navigate to="/" replace />;
  }
  if (me?.mustChangePassword) return <PasswordChange onDone={() => void refresh().then(() => navigate('/'))} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await logIn({ companyCode, loginId, password, ...(mfaAsked ? { mfaCode } : {}) });
      void navigate('/');
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.code === 'MFA_REQUIRED') setMfaAsked(true);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <h1>{t('loginTitle')}</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby="login-error">
        <TextField
          label={t('companyCode')}
          value={companyCode}
          onChange={setCompanyCode}
          required
          autoComplete="organization"
        />
        <TextField label={t('loginId')} value={loginId} onChange={setLoginId} required autoComplete="username" />
        <TextField
          label={t('password')}
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="current-password"
        />
        {mfaAsked && (
          <TextField
            label={t('mfaCode')}
            value={mfaCode}
            onChange={setMfaCode}
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            hint={t('mfaCodeHint')}
            error={fieldError(error, 'mfaCode')}
          />
        )}
        <div id="login-error">
          <ErrorMessage error={error} />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </main>
  );
}

function PasswordChange({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState(false);
  const mismatch = confirmation !== '' && confirmation !== newPassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    try {
      await must(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
      setChanged(true);
    } catch (failure) {
      setError(failure);
    }
  };
  if (changed) {
    return (
      <main className="login" id="main">
        <h1>{t('passwordChangeTitle')}</h1>
        <p className="notice" role="status">
          {t('passwordChangedNotice')}
        </p>
        <button type="button" className="primary" onClick={onDone}>
          {t('continue')}
        </button>
      </main>
    );
  }
  return (
    <main className="login" id="main">
      <h1>{t('passwordChangeTitle')}</h1>
      <p>{t('passwordChangeLead')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('currentPassword')}
          type="password"
          value={currentPassword}
          onChange={setCurrent}
          required
          autoComplete="current-password"
          error={fieldError(error, 'currentPassword')}
        />
        <TextField
          label={t('newPassword')}
          type="password"
          value={newPassword}
          onChange={setNew}
          required
          autoComplete="new-password"
          error={fieldError(error, 'newPassword')}
        />
        <TextField
          label={t('newPasswordAgain')}
          type="password"
          value={confirmation}
          onChange={setConfirmation}
          required
          autoComplete="new-password"
          error={mismatch ? t('passwordsDiffer') : undefined}
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary">
          {t('changePassword')}
        </button>
      </form>
    </main>
  );
}

/** MFA is on for the account but not set up: the set-up (QR code, first code) is the login page's. */
function MfaSetUpNeeded() {
  const { t } = useI18n();
  const { logOut } = useSession();
  return (
    <main className="login" id="main">
      <h1>{t('mfaSetUpTitle')}</h1>
      <p>{t('mfaSetUpLead')}</p>
      <p>
        <a href="/login">{t('mfaSetUpLink')}</a>
      </p>
      <button type="button" onClick={() => void logOut()}>
        {t('logout')}
      </button>
    </main>
  );
}
