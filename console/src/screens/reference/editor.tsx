import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

/** What the reference-data tabs share: loading a list, the add/edit form with its errors, row actions. */
export function useItems<T>(load: () => Promise<{ items: T[] }>): [T[] | undefined, unknown, () => void] {
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
export function useEditor<F extends Record<string, unknown>>(empty: F, reload: () => void) {
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
export type Editor = Pick<
  ReturnType<typeof useEditor<Record<string, unknown>>>,
  'editing' | 'clear' | 'error' | 'run' | 'deleting' | 'setDeleting'
>;

/** An error the form does not show beside one of its fields. */
export function formLevel(error: unknown, fields: readonly string[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const shown = (field: string | undefined) => field !== undefined && fields.includes(field);
  if (error.body.issues?.length) return error.body.issues.every((issue) => shown(issue.field)) ? undefined : error;
  return shown(error.body.field) ? undefined : error;
}

/** 編集 and 削除 on one row, for a role with reference:write. */
export function RowActions(props: { label: string; onEdit(): void; onDelete?: () => void }) {
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
export function EditorForm(props: {
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

export const sortOrderOf = (value: unknown) => (value === '' || value === undefined ? undefined : Number(value));
