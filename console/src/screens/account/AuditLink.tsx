import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { Panel } from './panel';

/** 「監査ログ」 filtered on this account (the events that changed it or that it made), for those with audit:read. */
export function AuditLink({ code }: { code: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  if (!can('audit:read')) return null;
  return (
    <Panel title={t('navAuditLog')}>
      <p>
        <Link to={`/audit?${new URLSearchParams({ account: code }).toString()}`}>{t('auditAccountLink')}</Link>
      </p>
    </Panel>
  );
}
