import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';

/*
 * The CSV import/export API comes from issue 9 (branch issue-9), built at the same time as this screen: its
 * endpoints are called by path, with these shapes written from that branch's routes (api/routes/account-imports.ts),
 * until the generated client types include them after the merge (npm run console:api-types).
 *   POST /api/account-imports?dryRun=true|false&encoding=&fileName=  body: the CSV (text/csv)
 *     dry run → 200 { summary, rows }, else 202 ImportStatus;
 *   GET /api/account-imports/{importId} → ImportStatus;  GET …/{importId}/results → the results CSV;
 *   GET /api/exports/accounts?<the list's filters> → the account list as CSV.
 */
interface RowResult {
  row: number;
  code: string;
  outcome: 'create' | 'update' | 'unchanged' | 'error';
  field: string;
  errorCode: string;
  message: string;
}
interface DryRun {
  summary: { total: number; create: number; update: number; unchanged: number; error: number };
  rows: RowResult[];
}
interface ImportStatus {
  importId: string;
  status: 'running' | 'done';
  progress: { total: number; pending: number; created: number; updated: number; unchanged: number; failed: number };
}

const encodings = ['auto', 'utf-8', 'shift_jis', 'cp932'] as const;
const outcomeLabels: Record<RowResult['outcome'], MessageKey> = {
  create: 'outcome_create',
  update: 'outcome_update',
  unchanged: 'outcome_unchanged',
  error: 'outcome_error',
};

function importPath(dryRun: boolean, encoding: string, fileName: string): string {
  const query = new URLSearchParams({ dryRun: String(dryRun), encoding, fileName: fileName.slice(0, 200) });
  return `/api/account-imports?${query.toString()}`;
}

/** CSV取込: choose the file, read the dry-run table (every row's outcome and error), then apply and follow it. */
export function CsvImport() {
  const { t } = useI18n();
  const { can } = useSession();
  const [file, setFile] = useState<File>();
  const [encoding, setEncoding] = useState<(typeof encodings)[number]>('auto');
  const [dryRun, setDryRun] = useState<DryRun>();
  const [status, setStatus] = useState<ImportStatus>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (!can('accounts:write')) {
    return (
      <p className="error" role="alert">
        {t('notPermitted')}
      </p>
    );
  }
  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      setDryRun(
        await request<DryRun>('POST', importPath(true, encoding, file.name), { content: file, type: 'text/csv' }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      let current = await request<ImportStatus>('POST', importPath(false, encoding, file.name), {
        content: file,
        type: 'text/csv',
      });
      setStatus(current);
      while (current.status !== 'done') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        current = await request<ImportStatus>('GET', `/api/account-imports/${current.importId}`);
        setStatus(current);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const progress = status?.progress;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('importTitle')}</h1>
      <p>{t('importLead')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="import-file">{t('csvFile')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setDryRun(undefined);
              setStatus(undefined);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="import-encoding">{t('encoding')}</label>
          <select
            id="import-encoding"
            value={encoding}
            onChange={(event) => setEncoding(event.target.value as (typeof encodings)[number])}
          >
            {encodings.map((name) => (
              <option key={name} value={name}>
                {name === 'auto' ? t('encodingAuto') : name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="buttons">
        <button type="button" disabled={!file || busy} onClick={() => void check()}>
          {t('dryRun')}
        </button>
        <button type="button" className="primary" disabled={!dryRun || busy || !!status} onClick={() => void apply()}>
          {t('applyImport')}
        </button>
      </p>
      <ErrorMessage error={error} />
      {dryRun && (
        <>
          <p role="status">
            {t('dryRunSummary', {
              total: dryRun.summary.total,
              create: dryRun.summary.create,
              update: dryRun.summary.update,
              unchanged: dryRun.summary.unchanged,
              error: dryRun.summary.error,
            })}
          </p>
          {dryRun.summary.error > 0 && <p className="warning">{t('dryRunErrors')}</p>}
          <DataTable
            caption={t('dryRun')}
            headers={[t('row'), t('accountCode'), t('result'), t('column'), t('remarks')]}
            rows={dryRun.rows.map((row) => ({
              key: String(row.row),
              className: row.outcome === 'error' ? 'error-row' : undefined,
              cells: [
                row.row,
                row.code,
                t(outcomeLabels[row.outcome]),
                row.field,
                <>
                  {row.message}
                  {row.errorCode && <span className="code"> ({row.errorCode})</span>}
                </>,
              ],
            }))}
          />
        </>
      )}
      {progress && status && (
        <>
          <label htmlFor="import-progress">
            {t('importProgress', { done: progress.total - progress.pending, total: progress.total })}
          </label>
          <progress
            id="import-progress"
            className="progress"
            max={progress.total}
            value={progress.total - progress.pending}
          />
          {status.status === 'done' && (
            <p className="notice" role="status">
              {t('importDone', {
                created: progress.created,
                updated: progress.updated,
                unchanged: progress.unchanged,
                failed: progress.failed,
              })}{' '}
              <a href={`/api/account-imports/${status.importId}/results`} download>
                {t('importResults')}
              </a>
            </p>
          )}
        </>
      )}
      <p>
        <Link to="/accounts">{t('backToList')}</Link>
      </p>
    </section>
  );
}
