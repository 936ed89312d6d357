import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime, useI18n } from '../i18n';
import { exclusionKeys, IssuanceAction } from '../issuance-words';

type Preview = Schemas['BulkPdfPreview'];
interface Download {
  /** Same-origin path of the one-time link: the browser sends the console's cookie with it. */
  path: string;
  expiresAt: string;
}

/** The one-time link's path; the API writes it with PUBLIC_BASE_URL, the console stays on its own origin. */
function pathOf(url: string): string {
  return new URL(url, window.location.origin).pathname;
}

/**
 * パスワード通知書 (PDF): one employee (the 未発行 link, or 再発行) or many (the list's checkboxes). The preview says
 * who gets a first password and who is left out and why (a bulk run leaves out whoever already has a password:
 * reissue is one person at a time, so for one employee that line is a 再発行 whose working password is reset);
 * then the issuance, its progress for a bulk run, and the download button, which works once.
 */
export function PdfIssuance() {
  const { t, language } = useI18n();
  const codes = (useLocation().state as { codes?: string[] } | null)?.codes ?? [];
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; ready: boolean }>();
  const [download, setDownload] = useState<Download>();
  const [fetched, setFetched] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (codes.length === 0) return;
    must(api.POST('/api/pdf-issuances/preview', { body: { accountCodes: codes } })).then(setPreview, setError);
    // Once: the selection comes from the list.
  }, []);

  const issue = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (codes.length === 1) {
        const started = await must(
          api.POST('/api/accounts/{code}/pdf-issuances', { params: { path: { code: codes[0]! } } }),
        );
        // The answer waited for the render (up to 10 s); a download a moment too early answers 409 and can be clicked again.
        setProgress({ done: 1, total: 1, ready: true });
        setDownload({ path: pathOf(started.download.url), expiresAt: started.download.expiresAt });
        return;
      }
      const started = await must(api.POST('/api/pdf-issuances', { body: { accountCodes: codes } }));
      setDownload({ path: pathOf(started.download.url!), expiresAt: started.download.expiresAt });
      let current = { done: started.done, total: started.total, ready: started.download.ready };
      setProgress(current);
      while (!current.ready) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const status = await must(api.GET('/api/pdf-issuances/{id}', { params: { path: { id: started.id } } }));
        if (status.stage === 'failed' || status.stage === 'superseded' || status.stage === 'discarded') {
          throw new Error(status.stage);
        }
        current = { done: status.done, total: status.total, ready: status.download.ready };
        setProgress(current);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  // One employee who already has a password: the per-account reissue, which the bulk preview leaves out.
  const singleReissue = codes.length === 1 && preview?.lines[0]?.exclusionReason === 'ALREADY_ISSUED';
  const messages = preview?.messages.filter((message) => !singleReissue || message.code !== 'ALREADY_ISSUED') ?? [];

  if (codes.length === 0) {
    return (
      <section>
        <h1>{t('pdfTitle')}</h1>
        <p>{t('nothingSelected')}</p>
        <Link to="/accounts">{t('backToList')}</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="pdf-title">
      <h1 id="pdf-title">{codes.length === 1 ? t('pdfTitle') : t('pdfBulkTitle')}</h1>
      <p>{t('pdfLead')}</p>
      {messages.map((message) => (
        <p key={message.message} className="warning" role="alert">
          {message.message}
        </p>
      ))}
      <ErrorMessage error={error} />
      {preview && (
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
      )}
      {!download && (
        <div className="buttons">
          <button
            type="button"
            className="primary"
            disabled={busy || !preview || (preview.included === 0 && !singleReissue)}
            onClick={() => void issue()}
          >
            {t('issuePdf')}
          </button>
          <Link className="button" to="/accounts">
            {t('backToList')}
          </Link>
        </div>
      )}
      {progress && (
        <>
          <label htmlFor="pdf-progress">{t('pdfProgress', { done: progress.done, total: progress.total })}</label>
          <progress id="pdf-progress" className="progress" max={progress.total} value={progress.done} />
        </>
      )}
      {download && progress?.ready && (
        <div className="result" role="status">
          <p>{t('pdfReady', { until: formatDateTime(download.expiresAt, language) })}</p>
          {fetched ? (
            <p className="notice">{t('pdfFetched')}</p>
          ) : (
            <a className="button primary" href={download.path} download onClick={() => setFetched(true)}>
              {t('download')}
            </a>
          )}
          <p>
            <Link to="/accounts">{t('backToList')}</Link>
          </p>
        </div>
      )}
    </section>
  );
}
