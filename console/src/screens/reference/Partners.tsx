import { api, must, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n';
import { EditorForm, RowActions, useEditor, useItems } from './editor';

type PartnerKind = Schemas['Partner']['kind'];

export function Partners() {
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
