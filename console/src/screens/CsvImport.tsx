import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import type { operations } from '../api/schema';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';

/*
 * The CSV import/export API (api/routes/account-imports.ts), through the client typed from its OpenAPI document:
 *   POST /api/account-imports?dryRun=true|false&encoding=&fileName=  body: the file's bytes (text/csv)
 *     dry run → 200 { summary, rows }, else 202 AccountImport;
 *   GET /api/account-imports/{importId} → AccountImport;  GET …/{importId}/results → the results CSV (a link);
 *   GET /api/exports/accounts?<the list's filters> → the account list as CSV (a link on アカウント一覧).
 */
type RowResult = Schemas['AccountImportRowResult'];
type Column = Schemas['AccountImportColumns']['items'][number];
type ImportStatus = Schemas['AccountImport'];
type ImportOperation = operations['postAccountImports'];
type Encoding = NonNullable<NonNullable<ImportOperation['parameters']['query']>['encoding']>;
/** The answer of a dry run (200); the real import answers 202 with an ImportStatus. */
type DryRun = ImportOperation['responses'][200]['content']['application/json'];

const encodings: readonly Encoding[] = ['auto', 'utf-8', 'shift_jis', 'cp932'];
const outcomeLabels: Record<RowResult['outcome'], MessageKey> = {
  create: 'outcome_create',
  update: 'outcome_update',
  unchanged: 'outcome_unchanged',
  error: 'outcome_error',
};

/**
 * Sends the file's bytes as they are (a CP932 file must reach the API undecoded); the typed body is the CSV's
 * text, so the serializer hands over the File instead.
 */
function upload(file: File, dryRun: boolean, encoding: Encoding) {
  return api.POST('/api/account-imports', {
    params: { query: { dryRun: dryRun ? 'true' : 'false', encoding, fileName: file.name.slice(0, 200) } },
    body: '',
    bodySerializer: () => file,
    headers: { 'Content-Type': 'text/csv' },
  });
}

/** CSV取込: choose the file, read the dry-run table (every row's outcome and error), then apply and follow it. */
export function CsvImport() {
  const { t, language } = useI18n();
  const { can } = useSession();
  const [file, setFile] = useState<File>();
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [dryRun, setDryRun] = useState<DryRun>();
  const [status, setStatus] = useState<ImportStatus>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [columns, setColumns] = useState<Column[]>([]);
  const writable = can('accounts:write');

  useEffect(() => {
    if (writable) must(api.GET('/api/account-imports/columns')).then((answer) => setColumns(answer.items), setError);
  }, [writable]);

  if (!writable) {
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
      setDryRun((await must(upload(file, true, encoding))) as DryRun);
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
      let current = (await must(upload(file, false, encoding))) as ImportStatus;
      setStatus(current);
      while (current.status !== 'done') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        current = await must(
          api.GET('/api/account-imports/{importId}', { params: { path: { importId: current.importId } } }),
        );
        setStatus(current);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const progress = status?.progress;
  /** The column as the file's header names it, in the console's language (the API answers its English key). */
  const header = (key: string) => columns.find((column) => column.key === key)?.[language] ?? key;
  const blocked = !!dryRun && dryRun.summary.error > 0;
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
            onChange={(event) => setEncoding(event.target.value as Encoding)}
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
        <button
          type="button"
          className="primary"
          disabled={!dryRun || blocked || busy || !!status}
          onClick={() => void apply()}
        >
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
          {blocked && (
            <p className="warning" role="alert">
              {t('importBlocked')}
            </p>
          )}
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
                row.field ? header(row.field) : '',
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
            <p className={progress.failed > 0 ? 'warning' : 'notice'} role="status">
              {t(progress.failed > 0 ? 'importDoneWithErrors' : 'importDone', {
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
      <ImportColumns columns={columns} />
      <p>
        <Link to="/accounts">{t('backToList')}</Link>
      </p>
    </section>
  );
}

const formatTexts: Record<NonNullable<Column['format']>, MessageKey> = {
  flag: 'importValues_flag',
  type: 'importValues_type',
  date: 'importValues_date',
  month: 'importValues_month',
  workStyle: 'importValues_workStyle',
  inputMethod: 'importValues_method',
  locale: 'importValues_locale',
};

/** The columns an import reads (名前 as the header writes them), and an empty file with their header to start from. */
function ImportColumns({ columns }: { columns: Column[] }) {
  const { t } = useI18n();
  return (
    <details className="panel">
      <summary>{t('importColumnsTitle')}</summary>
      <p>{t('importColumnsLead')}</p>
      <p>
        <a className="button" href="/api/account-imports/template" download>
          {t('importTemplate')}
        </a>
      </p>
      <DataTable
        caption={t('importColumnsTitle')}
        headers={[t('columnHeader'), t('columnHeaderEnglish'), t('remarks')]}
        rows={columns.map((column) => ({
          key: column.key,
          cells: [
            column.ja,
            column.en,
            [column.format ? formatTexts[column.format] : undefined, column.createOnly ? 'importCreateOnly' : undefined]
              .filter((key): key is MessageKey => !!key)
              .map((key) => t(key))
              .join(' — '),
          ],
        }))}
      />
    </details>
  );
}
