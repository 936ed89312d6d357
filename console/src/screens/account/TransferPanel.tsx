import { useState } from 'react';
import { api, must, type Schemas } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { AssignmentFields } from './AssignmentFields';
import { accountFieldLabel } from './field-labels';
import { assignmentOf, type Account, type Assignment } from './form-model';
import { Panel, type Act } from './panel';

type Role = Schemas['Role'];

/**
 * (異動): one pending transfer, applied on its date; enter, change or cancel it. Only the five inputs are sent
 * (the names shown beside the codes are the look-ups', as of the transfer's date).
 */
export function TransferPanel(props: { account: Account; act: Act; error: unknown; roles: Role[]; choosable: Role[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const pending = props.account.transfer;
  const [value, setValue] = useState<Assignment>(() =>
    assignmentOf(pending ?? { ...props.account.current, effectiveDate: '' }),
  );
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { code: props.account.code } } };
  // A move entered by a reorganisation (組織変更データ) is changed or cancelled there, not here.
  const fromReorganisation = Boolean(pending?.reorganisationId);
  const writable = can('accounts:write') && !fromReorganisation;
  const label = (field: string) => accountFieldLabel(t, field, 'transfer');
  return (
    <Panel title={t('transfer')}>
      <p>{pending ? t('transferPending', { date: pending.effectiveDate }) : t('transferNone')}</p>
      {fromReorganisation && <p className="notice">{t('transferOfReorganisation')}</p>}
      <p className="hint">
        {t('transferDateHint')} {t('transferOnlyOne')}
      </p>
      <AssignmentFields
        value={value}
        onChange={setValue}
        errorPrefix=""
        error={props.error}
        roles={props.roles}
        choosable={props.choosable}
        known={pending ?? undefined}
        required={false}
        disabled={!writable}
      />
      {writable && (
        <p className="buttons">
          <button
            type="button"
            onClick={() =>
              void props.act(
                must(api.PUT('/api/accounts/{code}/transfer', { ...path, body: assignmentOf(value) })),
                t('transferSaved'),
                label,
              )
            }
          >
            {pending ? t('transferChange') : t('transferEnter')}
          </button>
          {pending && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('transferCancel')}
            </button>
          )}
        </p>
      )}
      {pending && (
        <ConfirmDialog
          open={confirming}
          title={t('transferCancel')}
          confirmLabel={t('transferCancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void props
              .act(must(api.DELETE('/api/accounts/{code}/transfer', path)), t('transferCancelled'))
              .then(() => setValue(assignmentOf({ ...props.account.current, effectiveDate: '' })));
          }}
        >
          <p>{t('transferCancelConfirm', { date: pending.effectiveDate })}</p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
