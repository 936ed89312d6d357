import { api, must, type Schemas } from '../../api/client';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n';
import { EditorForm, RowActions, sortOrderOf, useEditor, useItems } from './editor';

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
export const departments: Chart = {
  withApprover: true,
  list: () => must(api.GET('/api/departments')),
  create: (body) => must(api.POST('/api/departments', { body })),
  update: (code, body) => must(api.PATCH('/api/departments/{code}', { params: { path: { code } }, body })),
  remove: (code) => must(api.DELETE('/api/departments/{code}', { params: { path: { code } } })),
};
export const reportingDepartments: Chart = {
  withApprover: false,
  list: () => must(api.GET('/api/reporting-departments')),
  create: ({ approverCode: _, ...body }) => must(api.POST('/api/reporting-departments', { body })),
  update: (code, { approverCode: _, ...body }) =>
    must(api.PATCH('/api/reporting-departments/{code}', { params: { path: { code } }, body })),
  remove: (code) => must(api.DELETE('/api/reporting-departments/{code}', { params: { path: { code } } })),
};

/** A department chart as an indented tree (全社 = 0 at the root), in the order the API keeps; add, edit, delete. */
export function Tree({ chart }: { chart: Chart }) {
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
