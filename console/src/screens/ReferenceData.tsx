import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { api, must, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';

const tabs = ['departments', 'reporting', 'roles', 'ranks', 'partners', 'projects'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, MessageKey> = {
  departments: 'tabDepartments',
  reporting: 'tabReporting',
  roles: 'tabRoles',
  ranks: 'tabRanks',
  partners: 'tabPartners',
  projects: 'tabProjects',
};

/** マスタ: the departments tree, the reporting chart, roles, ranks, partners and projects. */
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
        {tab === 'departments' && <Tree load={() => must(api.GET('/api/departments'))} />}
        {tab === 'reporting' && <Tree load={() => must(api.GET('/api/reporting-departments'))} />}
        {tab === 'roles' && <Roles />}
        {tab === 'ranks' && <Ranks />}
        {tab === 'partners' && <Partners />}
        {tab === 'projects' && <Projects />}
      </div>
    </section>
  );
}

function useItems<T>(load: () => Promise<{ items: T[] }>): [T[] | undefined, unknown, () => void] {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(() => {
    load().then((answer) => setItems(answer.items), setError);
    // The loader is a fresh arrow each render; the tab decides what is loaded.
  }, []);
  useEffect(reload, [reload]);
  return [items, error, reload];
}

/** A department chart as an indented tree (全社 = 0 at the root), in the order the API keeps. */
function Tree({ load }: { load: () => Promise<{ items: { code: string; name: string; depth: number }[] }> }) {
  const [items, error] = useItems(load);
  return (
    <>
      <ErrorMessage error={error} />
      <ul className="tree" role="tree">
        {items?.map((item) => (
          <li
            key={item.code}
            role="treeitem"
            aria-level={item.depth + 1}
            style={{ paddingLeft: `${item.depth * 1.25}rem` }}
          >
            <span className="code">{item.code}</span> {item.name}
          </li>
        ))}
      </ul>
    </>
  );
}

function Roles() {
  const { t } = useI18n();
  const [items, error] = useItems(() => must(api.GET('/api/roles')));
  return (
    <>
      <ErrorMessage error={error} />
      <DataTable
        headers={[t('code'), t('name'), t('permissions')]}
        rows={(items ?? []).map((role) => ({
          key: role.code,
          cells: [role.code, role.name, role.permissions.join(', ')],
        }))}
      />
    </>
  );
}

function Ranks() {
  const { t } = useI18n();
  const { can } = useSession();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/ranks')));
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const add = async () => {
    setError(undefined);
    try {
      await must(api.POST('/api/ranks', { body: { code, name } }));
      setCode('');
      setName('');
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <ErrorMessage error={loadError ?? error} />
      <DataTable
        headers={[t('code'), t('name'), t('active')]}
        rows={(items ?? []).map((rank: Schemas['Rank']) => ({
          key: rank.code,
          cells: [rank.code, rank.name, rank.active ? '○' : '*'],
        }))}
      />
      {can('reference:write') && (
        <div className="form-grid">
          <TextField label={t('code')} value={code} onChange={setCode} error={fieldError(error, 'code')} />
          <TextField label={t('name')} value={name} onChange={setName} error={fieldError(error, 'name')} />
          <p>
            <button type="button" onClick={() => void add()}>
              {t('addRank')}
            </button>
          </p>
        </div>
      )}
    </>
  );
}

function Partners() {
  const { t } = useI18n();
  const [items, error] = useItems(() => must(api.GET('/api/partners')));
  return (
    <>
      <ErrorMessage error={error} />
      <DataTable
        headers={[t('accountType'), t('code'), t('name')]}
        rows={(items ?? []).map((partner) => ({
          key: `${partner.kind}-${partner.code}`,
          cells: [t(`type_${partner.kind}`), partner.code, partner.name],
        }))}
      />
    </>
  );
}

function Projects() {
  const { t } = useI18n();
  const [items, error] = useItems(() => must(api.GET('/api/projects')));
  return (
    <>
      <ErrorMessage error={error} />
      <DataTable
        headers={[t('code'), t('name'), t('members')]}
        rows={(items ?? []).map((project) => ({
          key: project.code,
          cells: [
            project.code,
            project.name,
            project.members
              .map((member) => `${member.lastName} ${member.firstName} (${member.projectRole.toUpperCase()})`)
              .join('、'),
          ],
        }))}
      />
    </>
  );
}
