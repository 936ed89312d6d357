import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { useI18n } from '../i18n';
import { exclusionKeys, IssuanceAction, reasonText, runItemStatus } from '../issuance-words';
import type { MessageKey } from '../messages';
import { BulkSelectionIssuance, type LargeSelection } from './BulkSelectionIssuance';

type Preview = Schemas['BulkEmailIssuancePreview'];
type Filter = NonNullable<Schemas['BulkEmailIssuanceSelection']['filter']>;
type Slot = 1 | 2 | 3;
interface Entry {
  emailSlot: Slot;
  typedAddress?: string;
  checked: boolean;
}
type Run = { runId: string; messages: Preview['messages'] };
type RunStatus = {
  finishedAt: string | null;
  progress: Schemas['BulkRunProgress'];
};
type Items = Schemas['BulkRunItems']['items'];

const stateLabels: Record<Items[number]['state'], MessageKey> = {
  queued: 'state_queued',
  sending: 'state_sending',
  pendingVerification: 'state_pendingVerification',
  verified: 'state_verified',
  issued: 'state_issued',
  expired: 'state_expired',
  superseded: 'state_superseded',
  failed: 'state_failed',
  skipped: 'state_skipped',
};

/**
 * パスワード一括発行 by e-mail: each selected employee's address (slot 1–3), 未設定 left out unless an address is
 * typed, 重複警告, the confirmation with the estimated seconds, then the run's progress until every mail is out,
 * and the result per employee.
 */
export function BulkEmailIssuance() {
  const { t } = useI18n();
  const state = useLocation().state as { codes?: string[]; filter?: Filter } | null;
  const codes = (state?.codes ?? []).slice();
  // Every account matching the list's filter, or a file of codes: counted and resolved by the server.
  const [large, setLarge] = useState<LargeSelection | undefined>(() =>
    state?.filter ? { filter: state.filter } : undefined,
  );
  const [entries, setEntries] = useState<Map<string, Entry>>(
    () => new Map(codes.map((code) => [code, { emailSlot: 1, checked: true }])),
  );
  const [preview, setPreview] = useState<Preview>();
  const [editing, setEditing] = useState<string>();
  const [typed, setTyped] = useState('');
  const [confirmation, setConfirmation] = useState<Preview>();
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<unknown>();

  const selectionOf = (map: Map<string, Entry>, onlyChecked: boolean) =>
    [...map.entries()]
      .filter(([, entry]) => !onlyChecked || entry.checked)
      .map(([code, entry]) => ({
        code,
        emailSlot: entry.emailSlot,
        ...(entry.typedAddress ? { typedAddress: entry.typedAddress } : {}),
      }));

  const refresh = useCallback(async (map: Map<string, Entry>, first = false) => {
    setError(undefined);
    try {
      const answer = await must(
        api.POST('/api/email-issuances/preview', { body: { accounts: selectionOf(map, false) } }),
      );
      setPreview(answer);
      if (first) {
        // 未設定 and other excluded employees start unticked, as the seed's screen shows them.
        const next = new Map(map);
        for (const line of answer.lines) next.set(line.code, { ...next.get(line.code)!, checked: line.included });
        setEntries(next);
      }
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    if (codes.length > 0) void refresh(entries, true);
    // Once: the selection comes from the list.
  }, []);

  const update = (code: string, change: Partial<Entry>) => {
    const next = new Map(entries);
    next.set(code, { ...next.get(code)!, ...change });
    setEntries(next);
    if ('emailSlot' in change || 'typedAddress' in change) void refresh(next);
  };

  const askConfirmation = async () => {
    setError(undefined);
    try {
      setConfirmation(
        await must(api.POST('/api/email-issuances/preview', { body: { accounts: selectionOf(entries, true) } })),
      );
    } catch (failure) {
      setError(failure);
    }
  };
  const start = async () => {
    setConfirmation(undefined);
    try {
      const started = await must(
        api.POST('/api/email-issuances/bulk', { body: { accounts: selectionOf(entries, true) } }),
      );
      setRun({ runId: started.runId, messages: started.messages });
    } catch (failure) {
      setError(failure);
    }
  };

  if (run) return <BulkRunProgress run={run} />;
  if (large) return <BulkSelectionIssuance selection={large} onStarted={setRun} />;
  if (codes.length === 0) {
    return (
      <section>
        <h1>{t('bulkEmailTitle')}</h1>
        <p>{t('nothingSelected')}</p>
        <p>
          <label>
            {t('codesFile')}{' '}
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) setLarge({ file });
              }}
            />
          </label>
        </p>
        <Link to="/accounts">{t('backToAccountManagement')}</Link>
      </section>
    );
  }

  const checkedCount = [...entries.values()].filter((entry) => entry.checked).length;
  const included = preview?.lines.filter((line) => line.included && entries.get(line.code)?.checked).length ?? 0;
  return (
    <section aria-labelledby="bulk-email-title">
      <h1 id="bulk-email-title">{t('bulkEmailTitle')}</h1>
      <p>{t('bulkEmailLead')}</p>
      {preview?.messages
        .filter((message) => message.code === 'DUPLICATE_ADDRESS')
        .map((message) => (
          <p key={message.message} className="warning" role="alert">
            {message.message}
          </p>
        ))}
      <ErrorMessage error={error} />
      <div className="table-wrap">
        <table className="list responsive">
          <caption className="visually-hidden">{t('bulkEmailTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('send')}</th>
              <th scope="col">{t('accountCode')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('issuanceKind')}</th>
              <th scope="col">{t('addressSlot')}</th>
              <th scope="col">{t('sendAddress')}</th>
              <th scope="col">{t('remarks')}</th>
            </tr>
          </thead>
          <tbody>
            {!preview && !error && (
              <tr>
                <td colSpan={7} aria-live="polite">
                  {t('previewLoading')}
                </td>
              </tr>
            )}
            {preview?.lines.map((line) => {
              const entry = entries.get(line.code)!;
              return (
                <tr key={line.code} className={line.duplicateAddress ? 'duplicate' : undefined}>
                  <td data-label={t('send')}>
                    <input
                      type="checkbox"
                      aria-label={t('sendTo', { code: line.code })}
                      checked={entry.checked}
                      disabled={!line.included}
                      onChange={(event) => update(line.code, { checked: event.target.checked })}
                    />
                  </td>
                  <td data-label={t('accountCode')}>{line.code}</td>
                  <td data-label={t('name')}>{line.name}</td>
                  <td data-label={t('issuanceKind')}>
                    <IssuanceAction t={t} line={line} />
                  </td>
                  <td data-label={t('addressSlot')}>
                    <select
                      aria-label={t('addressSlotOf', { code: line.code })}
                      value={entry.typedAddress ? 1 : entry.emailSlot}
                      disabled={!!entry.typedAddress}
                      onChange={(event) => update(line.code, { emailSlot: Number(event.target.value) as Slot })}
                    >
                      {[1, 2, 3].map((slot) => (
                        <option key={slot} value={slot}>
                          {t('addressN', { n: slot })}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t('sendAddress')}>
                    {editing === line.code ? (
                      <form
                        className="inline"
                        onSubmit={(event) => {
                          event.preventDefault();
                          setEditing(undefined);
                          update(line.code, { typedAddress: typed, checked: false });
                        }}
                      >
                        <label>
                          <span className="visually-hidden">{t('typedAddressOf', { code: line.code })}</span>
                          <input
                            type="email"
                            required
                            value={typed}
                            onChange={(event) => setTyped(event.target.value)}
                          />
                        </label>
                        <button type="submit" className="small">
                          {t('set')}
                        </button>
                      </form>
                    ) : (
                      <>
                        <span>{line.address ?? t('notSet')}</span>{' '}
                        {line.address === null && (
                          <button
                            type="button"
                            className="small"
                            aria-label={t('typeAddressFor', { code: line.code })}
                            onClick={() => {
                              setTyped('');
                              setEditing(line.code);
                            }}
                          >
                            ✎
                          </button>
                        )}
                      </>
                    )}
                  </td>
                  <td data-label={t('remarks')}>
                    {line.exclusionReason && t(exclusionKeys[line.exclusionReason])}
                    {line.duplicateAddress && <span className="warning-text">{t('duplicateAddress')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="buttons">
        <button type="button" className="primary" disabled={included === 0} onClick={() => void askConfirmation()}>
          {t('sendVerificationRequests')}
        </button>
        <Link className="button" to="/accounts">
          {t('backToAccountManagement')}
        </Link>
        <span>{t('checkedOf', { checked: checkedCount, total: codes.length })}</span>
      </div>
      <ConfirmDialog
        open={!!confirmation}
        title={t('confirmTitle')}
        onConfirm={() => void start()}
        onCancel={() => setConfirmation(undefined)}
      >
        {confirmation?.messages
          .filter((message) => message.code === 'BULK_CONFIRMATION' || message.code === 'DUPLICATE_ADDRESS')
          .map((message) => (
            <p key={message.message}>{message.message}</p>
          ))}
        <p>{t('estimatedSeconds', { seconds: confirmation?.estimate.seconds ?? 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The run after OK: progress until every verification mail is out (read every second), then 実行結果. */
function BulkRunProgress({ run }: { run: Run }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<RunStatus>();
  const [items, setItems] = useState<Items>();
  const [resultOpen, setResultOpen] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const current = await must(
          api.GET('/api/email-issuances/bulk/{runId}', { params: { path: { runId: run.runId } } }),
        );
        if (stopped) return;
        setStatus(current);
        if (current.finishedAt) {
          const result = await must(
            api.GET('/api/email-issuances/bulk/{runId}/items', {
              params: { path: { runId: run.runId }, query: { limit: 1000 } },
            }),
          );
          if (!stopped) {
            setItems(result.items);
            setResultOpen(true);
          }
          return;
        }
      } catch (failure) {
        setError(failure);
      }
      if (!stopped) setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [run.runId]);

  const progress = status?.progress;
  const out = progress ? progress.total - progress.queued - progress.sending : 0;
  return (
    <section aria-labelledby="bulk-progress-title">
      <h1 id="bulk-progress-title">{t('bulkProgressTitle')}</h1>
      <ErrorMessage error={error} />
      {progress && (
        <>
          <label htmlFor="bulk-progress">{t('mailsOut', { out, total: progress.total })}</label>
          <progress id="bulk-progress" className="progress" max={progress.total} value={out} />
          <p aria-live="polite">
            {status?.finishedAt
              ? t('runFinished')
              : progress.deliveryProblem
                ? t('deliveryProblem', {
                    message: progress.deliveryProblem.message,
                    since: new Date(progress.deliveryProblem.since).toLocaleString(),
                  })
                : t('secondsRemaining', { seconds: progress.estimatedSecondsRemaining ?? 0 })}
          </p>
        </>
      )}
      {items && (
        <>
          <h2>{t('resultPerEmployee')}</h2>
          <DataTable
            headers={[
              t('accountCode'),
              t('name'),
              t('sendAddress'),
              t('passwordStatus'),
              t('authStatus'),
              t('remarks'),
            ]}
            rows={items.map((item) => {
              const pair = runItemStatus[item.state];
              return {
                key: item.accountCode,
                cells: [
                  item.accountCode,
                  item.name,
                  item.address ?? t('notSet'),
                  pair ? t(pair[0]) : t(stateLabels[item.state]),
                  pair ? t(pair[1]) : '—',
                  <>
                    {item.reissue && <strong className="reissue">{t('reissueFlag')}</strong>}{' '}
                    {reasonText(t, item.reason)}
                  </>,
                ],
              };
            })}
          />
          <Link className="button" to="/accounts">
            {t('backToAccountManagement')}
          </Link>
          <ConfirmDialog open={resultOpen} title={t('bulkEmailResultTitle')} onConfirm={() => setResultOpen(false)}>
            {run.messages
              .filter((message) => message.code === 'BULK_RESULT')
              .map((message) => (
                <p key={message.message}>{message.message}</p>
              ))}
            <p>{t('runFinished')}</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
