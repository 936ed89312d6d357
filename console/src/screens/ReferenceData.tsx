import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { Tree, departments, reportingDepartments } from './reference/Departments';
import { Partners } from './reference/Partners';
import { Projects } from './reference/Projects';
import { Ranks } from './reference/Ranks';
import { Reorganisations } from './reference/Reorganisations';
import { Roles } from './reference/Roles';

const tabs = ['departments', 'reorganisations', 'reporting', 'roles', 'ranks', 'partners', 'projects'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, MessageKey> = {
  departments: 'tabDepartments',
  reorganisations: 'tabReorganisations',
  reporting: 'tabReporting',
  roles: 'tabRoles',
  ranks: 'tabRanks',
  partners: 'tabPartners',
  projects: 'tabProjects',
};

/** マスタ: the departments tree and its reorganisations, the reporting chart, roles, ranks, partners and projects. */
export function ReferenceData() {
  const { t } = useI18n();
  const { can } = useSession();
  const [tab, setTab] = useState<Tab>('departments');
  if (!can('reference:read')) {
    return (
      <p className="error" role="alert">
        {t('notPermitted')}
      </p>
    );
  }
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <section aria-labelledby="reference-title">
      <h1 id="reference-title">{t('navReference')}</h1>
      <div className="tabs" role="tablist" aria-label={t('navReference')} onKeyDown={onKey}>
        {tabs.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(tabLabels[name])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'departments' && <Tree chart={departments} />}
        {tab === 'reorganisations' && <Reorganisations />}
        {tab === 'reporting' && <Tree chart={reportingDepartments} />}
        {tab === 'roles' && <Roles />}
        {tab === 'ranks' && <Ranks />}
        {tab === 'partners' && <Partners />}
        {tab === 'projects' && <Projects />}
      </div>
    </section>
  );
}
