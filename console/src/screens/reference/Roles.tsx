import { api, must, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { EditorForm, RowActions, useEditor, useItems } from './editor';

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
  'audit:read': 'perm_auditRead',
};
const allPermissions = Object.keys(permissionLabels) as Permission[];

export function Roles() {
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
