import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useI18n } from '../i18n';
import { exclusionKeys, IssuanceAction } from '../issuance-words';

type Preview = Schemas['BulkEmailIssuancePreview'];
type Filter = NonNullable<Schemas['BulkEmailIssuanceSelection']['filter']>;
type Slot = 1 | 2 | 3;

/** A selection the server resolves: every account matching the list's filters, or the codes of a file. */
export type LargeSelection = { filter: Filter } | { file: File };

function upload(file: File, emailSlot: Slot) {
  return {
    params: { query: { emailSlot: String(emailSlot) as '1' | '2' | '3' } },
    body: '',
    bodySerializer: () => file,
    headers: { 'Content-Type': 'text/csv' },
  };
}

function previewOf(selection: LargeSelection, emailSlot: Slot) {
  return 'filter' in selection
    ? api.POST('/api/email-issuances/preview', { body: { filter: selection.filter, emailSlot } })
    : api.POST('/api/email-issuances/preview-file', upload(selection.file, emailSlot));
}

function startOf(selection: LargeSelection, emailSlot: Slot) {
  return 'filter' in selection
    ? api.POST('/api/email-issuances/bulk', { body: { filter: selection.filter, emailSlot } })
    : api.POST('/api/email-issuances/bulk-file', upload(selection.file, emailSlot));
}

/**
 * パスワード一括発行 for every account matching the list's filters, or for a file of codes: the server counts them
 * (対象, 対象外 by reason, addresses per slot, 重複, 未設定, the estimate) and shows the first lines; one address
 * slot for everybody. No list of codes comes to the browser.
 */
export function BulkSelectionIssuance(props: {
  selection: LargeSelection;
  onStarted(run: { runId: string; messages: Preview['messages'] }): void;
}) {
  const { t } = useI18n();
  const [emailSlot, setEmailSlot] = useState<Slot>(1);
  const [preview, setPreview] = useState<Preview>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let stopped = false;
    setPreview(undefined);
    setError(undefined);
    must<Preview>(previewOf(props.selection, emailSlot))
      .then((answer) => !stopped && setPreview(answer))
      .catch((failure: unknown) => !stopped && setError(failure));
    return () => {
      stopped = true;
    };
  }, [props.selection, emailSlot]);

  const start = async () => {
    setConfirming(false);
    try {
      const started = await must(startOf(props.selection, emailSlot));
      props.onStarted({ runId: started.runId, messages: started.messages });
    } catch (failure) {
      setError(failure);
    }
  };

  const counts = preview?.selection;
  return (
    <section aria-labelledby="bulk-selection-title">
      <h1 id="bulk-selection-title">{t('bulkEmailTitle')}</h1>
      <p>
        {'filter' in props.selection
          ? t('selectionByFilter')
          : t('selectionByFile', { name: props.selection.file.name })}
      </p>
      <label>
        {t('addressSlot')}{' '}
        <select value={emailSlot} onChange={(event) => setEmailSlot(Number(event.target.value) as Slot)}>
          {[1, 2, 3].map((slot) => (
            <option key={slot} value={slot}>
              {t('addressN', { n: slot })}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      {!preview && !error && <p aria-live="polite">{t('previewLoading')}</p>}
      {preview && counts && (
        <>
          <dl className="summary" aria-label={t('selectionSummary')}>
            <dt>{t('selectionSelected')}</dt>
            <dd>{counts.selected}</dd>
            <dt>{t('selectionIncluded')}</dt>
            <dd>{preview.included}</dd>
            {Object.entries(counts.excludedBy).map(([reason, count]) => (
              <div key={reason}>
                <dt>{t(exclusionKeys[reason as keyof typeof exclusionKeys])}</dt>
                <dd>{count}</dd>
              </div>
            ))}
            {counts.addressesPerSlot.map((slot) => (
              <div key={slot.slot}>
                <dt>{t('addressesInSlot', { n: slot.slot })}</dt>
                <dd>{slot.count}</dd>
              </div>
            ))}
            <dt>{t('duplicateAddress')}</dt>
            <dd>{counts.duplicateLines}</dd>
            <dt>{t('confirmTitle')}</dt>
            <dd>{t('estimatedSeconds', { seconds: preview.estimate.seconds })}</dd>
          </dl>
          {preview.messages
            .filter((message) => message.code === 'DUPLICATE_ADDRESS')
            .map((message) => (
              <p key={message.message} className="warning" role="alert">
                {message.message}
              </p>
            ))}
          <div className="table-wrap">
            <table className="list responsive">
              <caption>{t('firstLines', { shown: preview.lines.length, total: counts.selected })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accountCode')}</th>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('issuanceKind')}</th>
                  <th scope="col">{t('sendAddress')}</th>
                  <th scope="col">{t('remarks')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((line) => (
                  <tr key={line.code} className={line.duplicateAddress ? 'duplicate' : undefined}>
                    <td data-label={t('accountCode')}>{line.code}</td>
                    <td data-label={t('name')}>{line.name}</td>
                    <td data-label={t('issuanceKind')}>
                      <IssuanceAction t={t} line={line} />
                    </td>
                    <td data-label={t('sendAddress')}>{line.address ?? t('notSet')}</td>
                    <td data-label={t('remarks')}>
                      {line.exclusionReason && t(exclusionKeys[line.exclusionReason])}
                      {line.duplicateAddress && <span className="warning-text">{t('duplicateAddress')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={!preview || preview.included === 0}
          onClick={() => setConfirming(true)}
        >
          {t('sendVerificationRequests')}
        </button>
        <Link className="button" to="/accounts">
          {t('backToAccountManagement')}
        </Link>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('confirmTitle')}
        onConfirm={() => void start()}
        onCancel={() => setConfirming(false)}
      >
        {preview?.messages
          .filter((message) => message.code === 'BULK_CONFIRMATION')
          .map((message) => (
            <p key={message.message}>{message.message}</p>
          ))}
        <p>{t('estimatedSeconds', { seconds: preview?.estimate.seconds ?? 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}
