import { api, must } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { useSession } from '../../session';
import type { Account, Features } from './form-model';
import { Panel, type Act } from './panel';

export type StepUpBody = { currentPassword?: string; mfaCode?: string };

/**
 * 最終ログイン, 最終パスワード変更日時, ログイン失敗 (『xx日間にxx回ログイン失敗』), ロックアウト日時, and — only while the
 * company has MFA on (【ログイン認証設定】) — 多要素認証設定状況 and its 初期化.
 */
export function SecurityPanel(props: { account: Account; act: Act; stepUp: StepUpBody; features?: Features }) {
  const { account, act } = props;
  const { t, language } = useI18n();
  const { can, me } = useSession();
  // In the company's time zone, as the list shows them.
  const at = (iso: string | null | undefined) => formatDateTime(iso, language, me?.timeZone) || '—';
  const path = { params: { path: { code: account.code } } };
  const mfa = !!props.features?.mfaEnabled;
  return (
    <Panel title={t('security')}>
      <dl className="facts">
        <dt>{t('lastLoginAt')}</dt>
        <dd>{at(account.lastLoginAt)}</dd>
        <dt>{t('passwordChangedAt')}</dt>
        <dd>{at(account.passwordChangedAt)}</dd>
        <dt>{t('failedLogins')}</dt>
        <dd>
          {props.features
            ? t('failedLoginWindow', { days: props.features.lockoutWindowDays, count: account.failedLoginCount })
            : account.failedLoginLabel}
        </dd>
        <dt>{t('lockedAt')}</dt>
        <dd>{at(account.lockedAt)}</dd>
        {mfa && (
          <>
            <dt>{t('mfaStatus')}</dt>
            <dd>{account.mfaEnabled ? (account.mfaStatus === 'set' ? t('mfaSet') : t('notSet')) : t('mfaOff')}</dd>
          </>
        )}
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
          {mfa && (
            <button
              type="button"
              disabled={account.mfaStatus !== 'set'}
              onClick={() =>
                void act(
                  must(api.DELETE('/api/accounts/{code}/mfa', { ...path, body: props.stepUp })),
                  t('mfaResetDone'),
                )
              }
            >
              {t('mfaReset')}
            </button>
          )}
        </p>
      )}
    </Panel>
  );
}
