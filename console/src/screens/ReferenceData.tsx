import { useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, ApiError, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { SelectField } from '../components/SelectField';
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
        {tab === 'departments' && <Tree chart={departments} />}
        {tab === 'reporting' && <Tree chart={reportingDepartments} />}
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

/**
 * One tab's form: a new row, or the row being edited (its key in `editing`), the API's error for it, and the row
 * waiting for the delete confirmation. After a change that succeeds, the form empties and the list reloads.
 */
function useEditor<F extends Record<string, unknown>>(empty: F, reload: () => void) {
  const [form, setForm] = useState<F>(empty);
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [deleting, setDeleting] = useState<{ label: string; run(): Promise<unknown> }>();
  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((current) => ({ ...current, [key]: value }));
  const clear = () => {
    setForm(empty);
    setEditing(undefined);
    setError(undefined);
  };
  const run = async (action: () => Promise<unknown>, after: () => void = clear): Promise<void> => {
    setError(undefined);
    try {
      await action();
      after();
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const edit = (key: string, values: F) => {
    setForm(values);
    setEditing(key);
    setError(undefined);
  };
  /** A text input of the form, with the API's error for the same field; the key cannot change while editing. */
  const text = (key: keyof F & string, label: string, options: { type?: 'number'; keyField?: boolean } = {}) => (
    <TextField
      label={label}
      value={String(form[key] ?? '')}
      type={options.type}
      onChange={(value) => set(key, value as F[typeof key])}
      disabled={options.keyField && editing !== undefined}
      required={key === 'code' || key === 'name'}
      error={fieldError(error, key)}
    />
  );
  return { form, set, editing, edit, clear, error, setError, run, text, deleting, setDeleting };
}
/** What the shared form needs of an editor, whatever its fields. */
type Editor = Pick<
  ReturnType<typeof useEditor<Record<string, unknown>>>,
  'editing' | 'clear' | 'error' | 'run' | 'deleting' | 'setDeleting'
>;

/** An error the form does not show beside one of its fields. */
function formLevel(error: unknown, fields: readonly string[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const shown = (field: string | undefined) => field !== undefined && fields.includes(field);
  if (error.body.issues?.length) return error.body.issues.every((issue) => shown(issue.field)) ? undefined : error;
  return shown(error.body.field) ? undefined : error;
}

/** 編集 and 削除 on one row, for a role with reference:write. */
function RowActions(props: { label: string; onEdit(): void; onDelete?: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  if (!can('reference:write')) return null;
  return (
    <span className="buttons">
      <button type="button" aria-label={`${t('edit')} ${props.label}`} onClick={props.onEdit}>
        {t('edit')}
      </button>
      {props.onDelete && (
        <button type="button" aria-label={`${t('delete')} ${props.label}`} onClick={props.onDelete}>
          {t('delete')}
        </button>
      )}
    </span>
  );
}

/**
 * The add/edit form under a list (only for a role with reference:write) and the delete confirmation. `fields`
 * are the inputs that show their own errors; any other error of the API is shown above the form.
 */
function EditorForm(props: {
  editor: Editor;
  fields: readonly string[];
  onSubmit(): void;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const { editor } = props;
  const deleting = editor.deleting;
  return (
    <>
      <ErrorMessage error={formLevel(editor.error, props.fields)} />
      {can('reference:write') && (
        <form
          className="reference-form"
          aria-label={editor.editing ? t('editing', { code: editor.editing }) : t('add')}
          onSubmit={(event) => {
            event.preventDefault();
            props.onSubmit();
          }}
        >
          <h2>{editor.editing ? t('editing', { code: editor.editing }) : t('add')}</h2>
          <div className="form-grid">{props.children}</div>
          <p className="buttons">
            <button type="submit" className="primary">
              {editor.editing ? t('update') : t('add')}
            </button>
            {editor.editing && (
              <button type="button" onClick={editor.clear}>
                {t('cancel')}
              </button>
            )}
          </p>
          {props.after}
        </form>
      )}
      <ConfirmDialog
        open={!!deleting}
        title={t('delete')}
        confirmLabel={t('delete')}
        onCancel={() => editor.setDeleting(undefined)}
        onConfirm={() => {
          editor.setDeleting(undefined);
          if (deleting) void editor.run(deleting.run);
        }}
      >
        <p>{deleting && t('deleteConfirm', { code: deleting.label })}</p>
      </ConfirmDialog>
    </>
  );
}

const sortOrderOf = (value: unknown) => (value === '' || value === undefined ? undefined : Number(value));

interface OrgUnitBody {
  name?: string;
  parentCode?: string;
  sortOrder?: number;
  approverCode?: string | null;
}
interface Chart {
  withApprover: boolean;
  list(): Promise<{ items: (Schemas['ReportingDepartment'] & { approverCode?: string | null })[] }>;
  create(body: OrgUnitBody & { code: string; name: string; parentCode: string }): Promise<unknown>;
  update(code: string, body: OrgUnitBody): Promise<unknown>;
  remove(code: string): Promise<unknown>;
}
const departments: Chart = {
  withApprover: true,
  list: () => must(api.GET('/api/departments')),
  create: (body) => must(api.POST('/api/departments', { body })),
  update: (code, body) => must(api.PATCH('/api/departments/{code}', { params: { path: { code } }, body })),
  remove: (code) => must(api.DELETE('/api/departments/{code}', { params: { path: { code } } })),
};
const reportingDepartments: Chart = {
  withApprover: false,
  list: () => must(api.GET('/api/reporting-departments')),
  create: ({ approverCode: _, ...body }) => must(api.POST('/api/reporting-departments', { body })),
  update: (code, { approverCode: _, ...body }) =>
    must(api.PATCH('/api/reporting-departments/{code}', { params: { path: { code } }, body })),
  remove: (code) => must(api.DELETE('/api/reporting-departments/{code}', { params: { path: { code } } })),
};

/** A department chart as an indented tree (全社 = 0 at the root), in the order the API keeps; add, edit, delete. */
function Tree({ chart }: { chart: Chart }) {
  const { t } = useI18n();
  const [items, loadError, reload] = useItems(chart.list);
  const editor = useEditor({ code: '', name: '', parentCode: '0', sortOrder: '', approverCode: '' }, reload);
  const { form, editing } = editor;
  const isRoot = editing !== undefined && !items?.find((item) => item.code === editing)?.parentCode;
  const submit = () => {
    const body: OrgUnitBody = {
      name: form.name,
      sortOrder: sortOrderOf(form.sortOrder),
      ...(isRoot ? {} : { parentCode: form.parentCode }),
      ...(chart.withApprover ? { approverCode: form.approverCode || null } : {}),
    };
    void editor.run(() =>
      editing
        ? chart.update(editing, body)
        : chart.create({ ...body, code: form.code, name: form.name, parentCode: form.parentCode }),
    );
  };
  return (
    <>
      <ErrorMessage error={loadError} />
      <ul className="tree" role="tree">
        {items?.map((item) => (
          <li
            key={item.code}
            role="treeitem"
            aria-level={item.depth + 1}
            style={{ paddingLeft: `${item.depth * 1.25}rem` }}
          >
            <span className="code">{item.code}</span> {item.name}{' '}
            <RowActions
              label={item.code}
              onEdit={() =>
                editor.edit(item.code, {
                  code: item.code,
                  name: item.name,
                  parentCode: item.parentCode ?? '',
                  sortOrder: String(item.sortOrder),
                  approverCode: item.approverCode ?? '',
                })
              }
              onDelete={
                item.parentCode
                  ? () => editor.setDeleting({ label: item.code, run: () => chart.remove(item.code) })
                  : undefined
              }
            />
          </li>
        ))}
      </ul>
      <EditorForm
        editor={editor}
        fields={['code', 'name', 'parentCode', 'sortOrder', 'approverCode']}
        onSubmit={submit}
      >
        {editor.text('code', t('code'), { keyField: true })}
        {editor.text('name', t('unitName'))}
        {!isRoot && (
          <SelectField
            label={t('parentUnit')}
            value={form.parentCode}
            onChange={(value) => editor.set('parentCode', value)}
            options={(items ?? [])
              .filter((item) => item.code !== editing)
              .map((item) => ({ value: item.code, label: `${item.code} ${item.name}` }))}
            error={fieldError(editor.error, 'parentCode')}
          />
        )}
        {editor.text('sortOrder', t('sortOrder'), { type: 'number' })}
        {chart.withApprover && editor.text('approverCode', t('approverCode'))}
      </EditorForm>
    </>
  );
}

type Permission = Schemas['Role']['permissions'][number];
const permissionLabels: Record<Permission, MessageKey> = {
  'accounts:read': 'perm_accountsRead',
  'accounts:write': 'perm_accountsWrite',
  'settings:read': 'perm_settingsRead',
  'settings:write': 'perm_settingsWrite',
  'reference:read': 'perm_referenceRead',
  'reference:write': 'perm_referenceWrite',
  'issuance:issue': 'perm_issuanceIssue',
  'issuance:reissue': 'perm_issuanceReissue',
};
const allPermissions = Object.keys(permissionLabels) as Permission[];

function Roles() {
  const { t } = useI18n();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/roles')));
  const editor = useEditor({ code: '', name: '', permissions: [] as Permission[] }, reload);
  const { form, editing } = editor;
  const submit = () =>
    void editor.run(() =>
      editing
        ? must(
            api.PATCH('/api/roles/{code}', {
              params: { path: { code: editing } },
              body: { name: form.name, permissions: form.permissions },
            }),
          )
        : must(api.POST('/api/roles', { body: form })),
    );
  const permissionError = fieldError(editor.error, 'permissions');
  return (
    <>
      <ErrorMessage error={loadError} />
      <DataTable
        headers={[t('code'), t('unitName'), t('permissions'), '']}
        rows={(items ?? []).map((role) => ({
          key: role.code,
          cells: [
            role.code,
            role.name,
            role.permissions.map((permission) => t(permissionLabels[permission])).join('、'),
            <RowActions
              key="actions"
              label={role.code}
              onEdit={() => editor.edit(role.code, { code: role.code, name: role.name, permissions: role.permissions })}
              onDelete={
                role.builtIn
                  ? undefined
                  : () =>
                      editor.setDeleting({
                        label: role.code,
                        run: () => must(api.DELETE('/api/roles/{code}', { params: { path: { code: role.code } } })),
                      })
              }
            />,
          ],
        }))}
      />
      <EditorForm editor={editor} fields={['code', 'name', 'permissions']} onSubmit={submit}>
        {editor.text('code', t('code'), { keyField: true })}
        {editor.text('name', t('unitName'))}
        <fieldset
          className={permissionError ? 'invalid' : undefined}
          aria-describedby={permissionError ? 'role-permissions-error' : undefined}
        >
          <legend>{t('permissions')}</legend>
          {allPermissions.map((permission) => (
            <label key={permission} className="check">
              <input
                type="checkbox"
                checked={form.permissions.includes(permission)}
                onChange={(event) =>
                  editor.set(
                    'permissions',
                    event.target.checked
                      ? [...form.permissions, permission]
                      : form.permissions.filter((held) => held !== permission),
                  )
                }
              />
              {t(permissionLabels[permission])}
            </label>
          ))}
          {permissionError && (
            <small id="role-permissions-error" className="field-error">
              {permissionError}
            </small>
          )}
        </fieldset>
      </EditorForm>
    </>
  );
}

function Ranks() {
  const { t } = useI18n();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/ranks')));
  const editor = useEditor({ code: '', name: '', sortOrder: '', active: true }, reload);
  const { form, editing } = editor;
  const submit = () => {
    const body = { name: form.name, sortOrder: sortOrderOf(form.sortOrder), active: form.active };
    void editor.run(() =>
      editing
        ? must(api.PATCH('/api/ranks/{code}', { params: { path: { code: editing } }, body }))
        : must(api.POST('/api/ranks', { body: { ...body, code: form.code } })),
    );
  };
  return (
    <>
      <ErrorMessage error={loadError} />
      <DataTable
        headers={[t('code'), t('unitName'), t('active'), t('sortOrder'), '']}
        rows={(items ?? []).map((rank: Schemas['Rank']) => ({
          key: rank.code,
          cells: [
            rank.code,
            rank.name,
            rank.active ? '○' : '*',
            rank.sortOrder,
            <RowActions
              key="actions"
              label={rank.code}
              onEdit={() =>
                editor.edit(rank.code, {
                  code: rank.code,
                  name: rank.name,
                  sortOrder: String(rank.sortOrder),
                  active: rank.active,
                })
              }
              onDelete={() =>
                editor.setDeleting({
                  label: rank.code,
                  run: () => must(api.DELETE('/api/ranks/{code}', { params: { path: { code: rank.code } } })),
                })
              }
            />,
          ],
        }))}
      />
      <EditorForm editor={editor} fields={['code', 'name', 'sortOrder', 'active']} onSubmit={submit}>
        {editor.text('code', t('code'), { keyField: true })}
        {editor.text('name', t('unitName'))}
        {editor.text('sortOrder', t('sortOrder'), { type: 'number' })}
        <label className="check">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(event) => editor.set('active', event.target.checked)}
          />
          {t('active')}
        </label>
      </EditorForm>
    </>
  );
}

type PartnerKind = Schemas['Partner']['kind'];

function Partners() {
  const { t } = useI18n();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/partners')));
  const editor = useEditor({ kind: 'contractor' as PartnerKind, code: '', name: '' }, reload);
  const { form, editing } = editor;
  const path = (partner: { kind: PartnerKind; code: string }) => ({
    params: { path: { kind: partner.kind, code: partner.code } },
  });
  const submit = () =>
    void editor.run(() =>
      editing
        ? must(api.PATCH('/api/partners/{kind}/{code}', { ...path(form), body: { name: form.name } }))
        : must(api.POST('/api/partners', { body: form })),
    );
  return (
    <>
      <ErrorMessage error={loadError} />
      <DataTable
        headers={[t('partnerKind'), t('code'), t('unitName'), '']}
        rows={(items ?? []).map((partner) => ({
          key: `${partner.kind}-${partner.code}`,
          cells: [
            t(`type_${partner.kind}`),
            partner.code,
            partner.name,
            <RowActions
              key="actions"
              label={`${t(`type_${partner.kind}`)} ${partner.code}`}
              onEdit={() => editor.edit(partner.code, { ...partner })}
              onDelete={() =>
                editor.setDeleting({
                  label: partner.code,
                  run: () => must(api.DELETE('/api/partners/{kind}/{code}', path(partner))),
                })
              }
            />,
          ],
        }))}
      />
      <EditorForm editor={editor} fields={['kind', 'code', 'name']} onSubmit={submit}>
        <SelectField
          label={t('partnerKind')}
          value={form.kind}
          disabled={editing !== undefined}
          onChange={(value) => editor.set('kind', value as PartnerKind)}
          options={(['contractor', 'customer'] as const).map((kind) => ({ value: kind, label: t(`type_${kind}`) }))}
          error={fieldError(editor.error, 'kind')}
        />
        {editor.text('code', t('code'), { keyField: true })}
        {editor.text('name', t('unitName'))}
      </EditorForm>
    </>
  );
}

type ProjectRole = Schemas['AddProjectMemberRequest']['projectRole'];
const projectRoles: ProjectRole[] = ['pm', 'pl', 'member'];

function Projects() {
  const { t } = useI18n();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/projects')));
  const editor = useEditor({ code: '', name: '' }, reload);
  const { form, editing } = editor;
  const submit = () =>
    void editor.run(() =>
      editing
        ? must(api.PATCH('/api/projects/{code}', { params: { path: { code: editing } }, body: { name: form.name } }))
        : must(api.POST('/api/projects', { body: form })),
    );
  const project = items?.find((item) => item.code === editing);
  return (
    <>
      <ErrorMessage error={loadError} />
      <DataTable
        headers={[t('code'), t('unitName'), t('members'), '']}
        rows={(items ?? []).map((item) => ({
          key: item.code,
          cells: [
            item.code,
            item.name,
            item.members
              .map((member) => `${member.lastName} ${member.firstName} (${member.projectRole.toUpperCase()})`)
              .join('、'),
            <RowActions
              key="actions"
              label={item.code}
              onEdit={() => editor.edit(item.code, { code: item.code, name: item.name })}
              onDelete={() =>
                editor.setDeleting({
                  label: item.code,
                  run: () => must(api.DELETE('/api/projects/{code}', { params: { path: { code: item.code } } })),
                })
              }
            />,
          ],
        }))}
      />
      <EditorForm
        editor={editor}
        fields={['code', 'name']}
        onSubmit={submit}
        after={project && <ProjectMembers project={project} reload={reload} />}
      >
        {editor.text('code', t('code'), { keyField: true })}
        {editor.text('name', t('unitName'))}
      </EditorForm>
    </>
  );
}

/** The members of the project being edited: change a member's project role, remove one, add one. */
function ProjectMembers({ project, reload }: { project: Schemas['Project']; reload(): void }) {
  const { t } = useI18n();
  const editor = useEditor({ accountCode: '', projectRole: 'member' as ProjectRole }, reload);
  const roleOptions = projectRoles.map((role) => ({ value: role, label: t(`projectRole_${role}`) }));
  const memberPath = (accountCode: string) => ({ params: { path: { code: project.code, accountCode } } });
  const add = () =>
    void editor.run(() =>
      must(api.POST('/api/projects/{code}/members', { params: { path: { code: project.code } }, body: editor.form })),
    );
  return (
    <fieldset>
      <legend>{t('memberOf', { code: project.code })}</legend>
      <ErrorMessage error={formLevel(editor.error, ['accountCode', 'projectRole'])} />
      <DataTable
        headers={[t('accountCode'), t('name'), t('projectRole'), '']}
        rows={project.members.map((member) => ({
          key: member.accountCode,
          cells: [
            member.accountCode,
            `${member.lastName} ${member.firstName}`,
            <SelectField
              key="role"
              label={`${t('projectRole')} ${member.accountCode}`}
              value={member.projectRole}
              options={roleOptions}
              onChange={(value) =>
                void editor.run(
                  () =>
                    must(
                      api.PATCH('/api/projects/{code}/members/{accountCode}', {
                        ...memberPath(member.accountCode),
                        body: { projectRole: value as ProjectRole },
                      }),
                    ),
                  () => undefined,
                )
              }
            />,
            <button
              key="remove"
              type="button"
              onClick={() =>
                void editor.run(() =>
                  must(api.DELETE('/api/projects/{code}/members/{accountCode}', memberPath(member.accountCode))),
                )
              }
            >
              {t('removeMember')}
            </button>,
          ],
        }))}
      />
      <div className="form-grid">
        {editor.text('accountCode', t('accountCode'))}
        <SelectField
          label={t('projectRole')}
          value={editor.form.projectRole}
          options={roleOptions}
          onChange={(value) => editor.set('projectRole', value as ProjectRole)}
          error={fieldError(editor.error, 'projectRole')}
        />
      </div>
      <p className="buttons">
        <button type="button" onClick={add}>
          {t('addMember')}
        </button>
      </p>
    </fieldset>
  );
}
