import { Navigate, NavLink, Outlet, useNavigate } from 'react-router';
import { useI18n, type Language } from '../i18n';
import { useSession } from '../session';

/** The frame of every screen after login: the menu shows only what the role may open. */
export function Layout() {
  const { me, can, logOut } = useSession();
  const { t, language, choose } = useI18n();
  const navigate = useNavigate();
  if (me === undefined) return <p className="loading">{t('loading')}</p>;
  // A forced password change, or an MFA set-up still to do: the login screen leads through it.
  if (me === null || me.mustChangePassword || me.mfaStatus === 'unset') return <Navigate to="/login" replace />;
  return (
    <div className="frame">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appTitle')}</span>
        <nav aria-label={t('menu')}>
          <ul>
            {can('accounts:read') && (
              <li>
                <NavLink to="/accounts">{t('navAccounts')}</NavLink>
              </li>
            )}
            {can('accounts:write') && (
              <li>
                <NavLink to="/import">{t('navImport')}</NavLink>
              </li>
            )}
            {can('reference:read') && (
              <li>
                <NavLink to="/reference">{t('navReference')}</NavLink>
              </li>
            )}
            {can('settings:read') && (
              <li>
                <NavLink to="/settings">{t('navSettings')}</NavLink>
              </li>
            )}
            {can('audit:read') && (
              <li>
                <NavLink to="/audit">{t('navAuditLog')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me.lastName} {me.firstName} ({me.accountCode})
          </span>
          <label>
            <span className="visually-hidden">{t('language')}</span>
            <select value={language} onChange={(event) => choose(event.target.value as Language)}>
              <option value="ja">日本語</option>
              <option value="en">English</option>
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              void logOut().then(() => navigate('/login'));
            }}
          >
            {t('logout')}
          </button>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}

/** The first screen the role may open (the account list for most admins); a role with none is told so. */
export function Home() {
  const { can } = useSession();
  const { t } = useI18n();
  const first = [
    ['accounts:read', '/accounts'],
    ['reference:read', '/reference'],
    ['settings:read', '/settings'],
    ['audit:read', '/audit'],
  ].find(([permission]) => can(permission!));
  if (first) return <Navigate to={first[1]!} replace />;
  return <p role="status">{t('noScreens')}</p>;
}
