import { useEffect, useState } from 'react';
import { api, must, type Schemas } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { EditorForm, useEditor, useItems } from './editor';

type Reorganisation = Schemas['Reorganisation'];
type ChangeKind = Reorganisation['changes'][number]['kind'];
type Account = Schemas['AccountListItem'];

const kindLabels: Record<ChangeKind, MessageKey> = {
  close: 'reorgClose',
  rename: 'reorgRename',
  move: 'reorgMoveUnder',
  create: 'reorgCreate',
};
const statusLabels: Record<Reorganisation['status'], MessageKey> = {
  pending: 'reorgPending',
  applied: 'reorgApplied',
  cancelled: 'reorgCancelled',
};
const editableKinds: ChangeKind[] = ['close', 'rename', 'move'];

/**
 * 【組織変更データ登録】: the reorganisations of the HR chart, and a form for a new one: one department closed,
 * renamed or moved on a date, with the accounts of that department that move elsewhere on the same date (each
 * becomes a pending 異動 of the account until the date).
 */
export function Reorganisations() {
  const { t } = useI18n();
  const { can } = useSession();
  const [items, loadError, reload] = useItems(() => must(api.GET('/api/reorganisations')));
  const [units] = useItems(() => must(api.GET('/api/departments')));
  const editor = useEditor(
    {
      effectiveDate: '',
      note: '',
      kind: 'close' as ChangeKind,
      code: '',
      name: '',
      parentCode: '0',
      target: '0',
      moveControl: true,
      moved: [] as string[],
    },
    reload,
  );
  const { form, set } = editor;
  const [cancelling, setCancelling] = useState<Reorganisation>();
  const [changing, setChanging] = useState<Reorganisation>();
  const accounts = useDepartmentAccounts(form.code, can('accounts:read'));
  const unitOptions = (units ?? []).map((unit) => ({ value: unit.code, label: `${unit.code} ${unit.name}` }));
  const submit = () => {
    const change =
      form.kind === 'rename'
        ? { kind: form.kind, code: form.code, name: form.name }
        : form.kind === 'move'
          ? { kind: form.kind, code: form.code, parentCode: form.parentCode }
          : { kind: 'close' as const, code: form.code };
    const moves = movesOf(form.moved, form.target, form.moveControl);
    const body = { effectiveDate: form.effectiveDate, note: form.note || undefined, changes: [change], moves };
    void editor.run(() => must(api.POST('/api/reorganisations', { body })));
  };
  const toggle = (code: string, on: boolean) =>
    set('moved', on ? [...form.moved, code] : form.moved.filter((moved) => moved !== code));
  return (
    <>
      <ErrorMessage error={loadError} />
      <DataTable
        caption={t('tabReorganisations')}
        headers={[t('reorgDate'), t('reorgStatus'), t('reorgChanges'), t('reorgMoves'), '']}
        rows={(items ?? []).map((item) => ({
          key: item.id,
          cells: [
            item.effectiveDate,
            t(statusLabels[item.status]),
            item.changes.map((change) => `${t(kindLabels[change.kind])} ${change.code}`).join('、'),
            item.moves.map((move) => `${move.accountCode} ${move.accountName} → ${move.departmentCode}`).join('、') ||
              '—',
            item.status === 'pending' && can('reference:write') ? (
              <span className="buttons">
                <button
                  type="button"
                  aria-label={`${t('reorgChangeMoves')} ${item.effectiveDate}`}
                  onClick={() => setChanging(item)}
                >
                  {t('reorgChangeMoves')}
                </button>
                <button
                  type="button"
                  aria-label={`${t('reorgCancel')} ${item.effectiveDate}`}
                  onClick={() => setCancelling(item)}
                >
                  {t('reorgCancel')}
                </button>
              </span>
            ) : (
              ''
            ),
          ],
        }))}
      />
      {changing && (
        <MovesChange
          key={changing.id}
          reorganisation={changing}
          unitOptions={unitOptions}
          onClose={(changed) => {
            setChanging(undefined);
            if (changed) reload();
          }}
        />
      )}
      <ConfirmDialog
        open={!!cancelling}
        title={t('reorgCancel')}
        confirmLabel={t('reorgCancel')}
        onCancel={() => setCancelling(undefined)}
        onConfirm={() => {
          setCancelling(undefined);
          const id = cancelling?.id ?? '';
          void editor.run(() => must(api.DELETE('/api/reorganisations/{id}', { params: { path: { id } } })));
        }}
      >
        <p>{cancelling && t('reorgCancelConfirm', { date: cancelling.effectiveDate })}</p>
      </ConfirmDialog>
      <EditorForm
        editor={editor}
        fields={['effectiveDate', 'note', 'changes.0.code', 'changes.0.name', 'changes.0.parentCode']}
        onSubmit={submit}
      >
        <TextField
          label={t('reorgDate')}
          type="date"
          required
          value={form.effectiveDate}
          onChange={(value) => set('effectiveDate', value)}
          error={fieldError(editor.error, 'effectiveDate')}
        />
        <TextField
          label={t('reorgNote')}
          value={form.note}
          onChange={(value) => set('note', value)}
          error={fieldError(editor.error, 'note')}
        />
        <SelectField
          label={t('reorgDepartment')}
          value={form.code}
          onChange={(value) => {
            set('code', value);
            set('moved', []);
          }}
          options={[{ value: '', label: '—' }, ...unitOptions.filter((option) => option.value !== '0')]}
          error={fieldError(editor.error, 'changes.0.code')}
        />
        <SelectField
          label={t('reorgKind')}
          value={form.kind}
          onChange={(value) => set('kind', value as ChangeKind)}
          options={editableKinds.map((kind) => ({ value: kind, label: t(kindLabels[kind]) }))}
        />
        {form.kind === 'rename' && (
          <TextField
            label={t('unitName')}
            value={form.name}
            onChange={(value) => set('name', value)}
            error={fieldError(editor.error, 'changes.0.name')}
          />
        )}
        {form.kind === 'move' && (
          <SelectField
            label={t('parentUnit')}
            value={form.parentCode}
            onChange={(value) => set('parentCode', value)}
            options={unitOptions.filter((option) => option.value !== form.code)}
            error={fieldError(editor.error, 'changes.0.parentCode')}
          />
        )}
        {form.code && (
          <AccountMoves
            accounts={accounts?.map(choice)}
            moved={form.moved}
            toggle={toggle}
            target={form.target}
            setTarget={(value) => set('target', value)}
            moveControl={form.moveControl}
            setMoveControl={(value) => set('moveControl', value)}
            unitOptions={unitOptions.filter((option) => option.value !== form.code)}
            error={editor.error}
          />
        )}
      </EditorForm>
    </>
  );
}

type Move = Schemas['ReorganisationMovesRequest']['moves'][number];

/** The moves to the one target department of the accounts ticked, with their control department if asked. */
function movesOf(moved: string[], target: string, moveControl: boolean): Move[] {
  return moved.map((accountCode) => ({
    accountCode,
    departmentCode: target,
    ...(moveControl ? { controlDepartmentCode: target } : {}),
  }));
}

interface AccountChoice {
  code: string;
  name: string;
}
const choice = (account: Account): AccountChoice => ({
  code: account.code,
  name: `${account.lastName} ${account.firstName}`,
});

/**
 * The moves of a pending reorganisation, changed: the accounts of its department and those it moves already,
 * ticked or not, and their target department. Saving replaces its transfers.
 */
function MovesChange(props: {
  reorganisation: Reorganisation;
  unitOptions: { value: string; label: string }[];
  onClose(changed: boolean): void;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const { reorganisation } = props;
  const pending = reorganisation.moves.filter((move) => move.status === 'pending');
  const [moved, setMoved] = useState(pending.map((move) => move.accountCode));
  const [target, setTarget] = useState(pending[0]?.departmentCode ?? '0');
  const [moveControl, setMoveControl] = useState(
    pending.length === 0 || pending[0]?.controlDepartmentCode === pending[0]?.departmentCode,
  );
  const [error, setError] = useState<unknown>();
  const department = reorganisation.changes[0]?.code ?? '';
  const members = useDepartmentAccounts(department, can('accounts:read'));
  const listed = [
    ...pending.map((move) => ({ code: move.accountCode, name: move.accountName })),
    ...(members ?? []).map(choice).filter((member) => !pending.some((move) => move.accountCode === member.code)),
  ];
  const save = async () => {
    setError(undefined);
    try {
      await must(
        api.PUT('/api/reorganisations/{id}/moves', {
          params: { path: { id: reorganisation.id } },
          body: { moves: movesOf(moved, target, moveControl) },
        }),
      );
      props.onClose(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form
      className="reference-form"
      aria-label={t('reorgChangeMovesOf', { date: reorganisation.effectiveDate })}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>{t('reorgChangeMovesOf', { date: reorganisation.effectiveDate })}</h2>
      <ErrorMessage error={error} />
      <AccountMoves
        accounts={listed}
        moved={moved}
        toggle={(code, on) => setMoved(on ? [...moved, code] : moved.filter((other) => other !== code))}
        target={target}
        setTarget={setTarget}
        moveControl={moveControl}
        setMoveControl={setMoveControl}
        unitOptions={props.unitOptions.filter((option) => option.value !== department)}
        error={error}
      />
      <p className="buttons">
        <button type="submit" className="primary">
          {t('reorgSaveMoves')}
        </button>
        <button type="button" onClick={() => props.onClose(false)}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}

/** The accounts of the chosen department: those ticked move to the target department on the date. */
function AccountMoves(props: {
  accounts: AccountChoice[] | undefined;
  moved: string[];
  toggle(code: string, on: boolean): void;
  target: string;
  setTarget(value: string): void;
  moveControl: boolean;
  setMoveControl(value: boolean): void;
  unitOptions: { value: string; label: string }[];
  error: unknown;
}) {
  const { t } = useI18n();
  const moveError = props.moved
    .map((_, index) => fieldError(props.error, `moves.${index}.accountCode`))
    .find((message) => message);
  return (
    <fieldset className="account-moves">
      <legend>{t('reorgMovesTitle')}</legend>
      <p className="hint">{t('reorgMovesHint')}</p>
      {props.accounts?.length === 0 && <p>{t('reorgNoAccounts')}</p>}
      <ul className="checks">
        {props.accounts?.map((account) => (
          <li key={account.code}>
            <label>
              <input
                type="checkbox"
                checked={props.moved.includes(account.code)}
                onChange={(event) => props.toggle(account.code, event.target.checked)}
              />{' '}
              {account.code} {account.name}
            </label>
          </li>
        ))}
      </ul>
      <SelectField
        label={t('reorgTarget')}
        value={props.target}
        onChange={props.setTarget}
        options={props.unitOptions}
        error={fieldError(props.error, 'moves.0.departmentCode')}
      />
      <label>
        <input
          type="checkbox"
          checked={props.moveControl}
          onChange={(event) => props.setMoveControl(event.target.checked)}
        />{' '}
        {t('reorgMoveControl')}
      </label>
      {moveError && (
        <p className="error" role="alert">
          {moveError}
        </p>
      )}
    </fieldset>
  );
}

/** The accounts assigned to a department now (up to 500), for choosing whom a reorganisation moves. */
function useDepartmentAccounts(departmentCode: string, allowed: boolean): Account[] | undefined {
  const [accounts, setAccounts] = useState<Account[]>();
  useEffect(() => {
    setAccounts(undefined);
    if (!departmentCode || !allowed) return;
    let current = true;
    const query = { departmentCode, limit: 500 };
    void must(api.GET('/api/accounts', { params: { query } })).then(
      (answer) => current && setAccounts(answer.items),
      () => current && setAccounts([]),
    );
    return () => {
      current = false;
    };
  }, [departmentCode, allowed]);
  return accounts;
}
