import { api, must, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n';
import { EditorForm, formLevel, RowActions, useEditor, useItems } from './editor';

type ProjectRole = Schemas['AddProjectMemberRequest']['projectRole'];
const projectRoles: ProjectRole[] = ['pm', 'pl', 'member'];

export function Projects() {
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
