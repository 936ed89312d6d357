import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { useI18n } from '../i18n';
import { exclusionKeys, IssuanceAction } from '../issuance-words';

type Preview = Schemas['BulkPdfPreview'];

/** The one-time link's path; the API writes it with PUBLIC_BASE_URL, the console stays on its own origin. */
function pathOf(url: string): string {
  return new URL(url, window.location.origin).pathname;
}

/** Saves the notice: the browser fetches the one-time link with the console's cookie, as a click on it would. */
function saveFile(path: string): void {
  const link = document.createElement('a');
  link.href = path;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 500));

/** Single: the issuance answer waits up to 10 s for the render; a slower render is waited for here. */
async function untilRendered(code: string, issuanceId: string): Promise<void> {
  for (;;) {
    const history = await must(api.GET('/api/accounts/{code}/issuances', { params: { path: { code } } }));
    const status = history.items.find((row) => row.id === issuanceId)?.status;
    if (status === 'issued') return;
    if (status !== 'sending') throw new Error(status ?? 'missing');
    await pause();
  }
}

/**
 * パスワード通知書 (PDF), as the product document has it: one employee (the 未発行 link, or 再発行 from the account,
 * which 初期化s the current password) or many (「選択してパスワードを発行」). The preview says who gets a password
 * and who is left out and why; one 「ダウンロード」 issues and saves the PDF (one per employee, or one holding the
 * whole selection, then 「PDF一括ダウンロード実行結果」 with OK); the link works once.
 */
export function PdfIssuance() {
  const { t } = useI18n();
  const codes = (useLocation().state as { codes?: string[] } | null)?.codes ?? [];
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [fetched, setFetched] = useState<number>();
  const [resultOpen, setResultOpen] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (codes.length === 0) return;
    must(api.POST('/api/pdf-issuances/preview', { body: { accountCodes: codes } })).then(setPreview, setError);
    // Once: the selection comes from the list.
  }, []);

  const issueOne = async (code: string) => {
    const started = await must(api.POST('/api/accounts/{code}/pdf-issuances', { params: { path: { code } } }));
    if (!started.download.ready) await untilRendered(code, started.id);
    saveFile(pathOf(started.download.url));
    setFetched(1);
  };
  const issueMany = async () => {
    const started = await must(api.POST('/api/pdf-issuances', { body: { accountCodes: codes } }));
    let current = { done: started.done, total: started.total, ready: started.download.ready };
    setProgress(current);
    while (!current.ready) {
      await pause();
      const status = await must(api.GET('/api/pdf-issuances/{id}', { params: { path: { id: started.id } } }));
      if (status.stage === 'failed' || status.stage === 'superseded' || status.stage === 'discarded') {
        throw new Error(status.stage);
      }
      current = { done: status.done, total: status.total, ready: status.download.ready };
      setProgress(current);
    }
    saveFile(pathOf(started.download.url!));
    setFetched(current.done);
    setResultOpen(true);
  };
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await (codes.length === 1 ? issueOne(codes[0]!) : issueMany());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  // One employee who already has a password: the per-account reissue, which the bulk preview leaves out.
  const singleReissue = codes.length === 1 && preview?.lines[0]?.exclusionReason === 'ALREADY_ISSUED';
  const messages = preview?.messages.filter((message) => !singleReissue || message.code !== 'ALREADY_ISSUED') ?? [];
  const back = (
    <Link className="button" to="/accounts">
      {t('backToAccountManagement')}
    </Link>
  );

  if (codes.length === 0) {
    return (
      <section>
        <h1>{t('pdfTitle')}</h1>
        <p>{t('nothingSelected')}</p>
        {back}
      </section>
    );
  }
  return (
    <section aria-labelledby="pdf-title">
      <h1 id="pdf-title">{codes.length === 1 ? t('pdfTitle') : t('pdfBulkTitle')}</h1>
      <p className={singleReissue ? 'warning' : undefined}>{singleReissue ? t('pdfReissueLead') : t('pdfLead')}</p>
      {messages.map((message) => (
        <p key={message.message} className="warning" role="alert">
          {message.message}
        </p>
      ))}
      <ErrorMessage error={error} />
      {preview ? (
        <DataTable
          caption={t('pdfTargets')}
          headers={[t('accountCode'), t('name'), t('issuanceKind'), t('remarks')]}
          rows={preview.lines.map((line) => ({
            key: line.code,
            cells: singleReissue
              ? [
                  line.code,
                  line.name,
                  <strong key="action" className="reissue">
                    {t('action_reissue')}
                  </strong>,
                  null,
                ]
              : [
                  line.code,
                  line.name,
                  <IssuanceAction key="action" t={t} line={line} />,
                  line.exclusionReason && t(exclusionKeys[line.exclusionReason]),
                ],
          }))}
        />
      ) : (
        !error && <p aria-live="polite">{t('previewLoading')}</p>
      )}
      {progress && fetched === undefined && (
        <>
          <label htmlFor="pdf-progress">{t('pdfProgress', { done: progress.done, total: progress.total })}</label>
          <progress id="pdf-progress" className="progress" max={progress.total} value={progress.done} />
        </>
      )}
      {fetched !== undefined && (
        <p className="notice" role="status">
          {t('pdfFetched')}
        </p>
      )}
      <div className="buttons">
        {fetched === undefined && (
          <button
            type="button"
            className="primary"
            disabled={busy || !preview || (preview.included === 0 && !singleReissue)}
            onClick={() => void download()}
          >
            {t('download')}
          </button>
        )}
        {back}
      </div>
      <ConfirmDialog open={resultOpen} title={t('pdfBulkResultTitle')} onConfirm={() => setResultOpen(false)}>
        <p>{t('pdfBulkResult', { count: fetched ?? 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}
