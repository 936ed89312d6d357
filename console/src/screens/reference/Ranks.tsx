import { api, must, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n';
import { EditorForm, RowActions, sortOrderOf, useEditor, useItems } from './editor';

export function Ranks() {
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
