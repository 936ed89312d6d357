import { fromZonedTime } from 'date-fns-tz';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, apiLanguage, must, type ApiErrorBody, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { formatDateTime, useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { actorText, changeLabel, changeValue, targetText, targetTypes, type AuditEvent } from './audit/change-text';

type Verification = Schemas['AuditChainVerification'];

/** The filters of 「監査ログ」, kept in the address so that back, reload and the account's link keep them. */
const filterKeys = ['account', 'actor', 'action', 'targetType', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;
const pageSize = 50;

const problemKeys: Record<NonNullable<Verification['firstBroken']>['problem'], MessageKey> = {
  'row-altered': 'chainProblem_rowAltered',
  'link-broken': 'chainProblem_linkBroken',
  'sequence-gap': 'chainProblem_sequenceGap',
  'head-mismatch': 'chainProblem_headMismatch',
};

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(filterKeys.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
}

/** The day after a calendar date (YYYY-MM-DD): 「終了日」 includes its whole day, the API's `to` excludes. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** The API's query of the filters: dates are days in the company's time zone, sent as the instants they begin. */
function queryOf(filters: Filters, timeZone: string): Record<string, string> {
  const { from, to, ...rest } = filters;
  const startOf = (date: string) => fromZonedTime(`${date}T00:00:00`, timeZone).toISOString();
  return { ...rest, ...(from ? { from: startOf(from) } : {}), ...(to ? { to: startOf(nextDay(to)) } : {}) };
}

/**
 * The CSV of the same query (the API's Accept: text/csv), saved through a link to the file as the browser holds
 * it: a plain link cannot ask for text/csv.
 */
async function downloadCsv(query: Record<string, string>): Promise<void> {
  const response = await fetch(`/api/audit-events?${new URLSearchParams(query).toString()}`, {
    credentials: 'same-origin',
    headers: { Accept: 'text/csv', 'Accept-Language': apiLanguage() },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: ApiErrorBody };
    throw new ApiError(response.status, body.error ?? { code: `HTTP_${response.status}`, message: '' });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: 'audit-events.csv' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One event's changed fields side by side: the field's label, before → after; a secret only as 「変更」. */
function Changes({ event, timeZone }: { event: AuditEvent; timeZone?: string }) {
  const { t, language } = useI18n();
  const details = Object.entries(event.details ?? {});
  if (event.changes.length === 0 && details.length === 0) return null;
  return (
    <table className="changes">
      <caption className="visually-hidden">{t('auditChanges')}</caption>
      <tbody>
        {event.changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{changeLabel(t, event.target.type, change.field)}</th>
            <td>
              {'changed' in change ? (
                t('auditChanged')
              ) : (
                <>
                  <span className="before">{changeValue(t, change.before, language, timeZone)}</span>
                  {' → '}
                  <span className="after">{changeValue(t, change.after, language, timeZone)}</span>
                </>
              )}
            </td>
          </tr>
        ))}
        {details.map(([key, value]) => (
          <tr key={`details.${key}`} className="details">
            <th scope="row">{key}</th>
            <td>{Array.isArray(value) ? value.join(', ') : changeValue(t, value, language, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 「監査ログ」 (issue 21): the company's audit trail, newest first, filtered by account, actor, action, target type
 * and days of the company's time zone, a page at a time (さらに表示); the same query as CSV, and the chain's check.
 */
export function AuditLog() {
  const { t, language } = useI18n();
  const { me } = useSession();
  const timeZone = me?.timeZone ?? 'Asia/Tokyo';
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const query = useMemo(() => queryOf(filters, timeZone), [filters, timeZone]);
  const [draft, setDraft] = useState<Filters>(filters);
  const [events, setEvents] = useState<AuditEvent[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [actions, setActions] = useState<Schemas['AuditActions']['items']>([]);
  const [verification, setVerification] = useState<Verification>();
  const [error, setError] = useState<unknown>();

  // The account's link changes the address while the screen is open: the form follows it.
  useEffect(() => setDraft(filters), [filters]);

  const page = useCallback(
    (cursor?: string) =>
      must(
        api.GET('/api/audit-events', {
          params: { query: { ...query, limit: pageSize, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [query],
  );

  // Again on a language switch: each event's action text is the API's, in the language asked.
  useEffect(() => {
    let current = true;
    setError(undefined);
    setEvents(undefined);
    page().then(
      (answer) => {
        if (!current) return;
        setEvents(answer.items);
        setNextCursor(answer.nextCursor);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [page, language]);

  useEffect(() => {
    must(api.GET('/api/audit-actions')).then(
      (answer) => setActions(answer.items),
      () => setActions([]),
    );
  }, [language]);

  const more = async () => {
    if (!nextCursor) return;
    try {
      const answer = await page(nextCursor);
      setEvents((previous) => [...(previous ?? []), ...answer.items]);
      setNextCursor(answer.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, value]) => value) as [string, string][]));
  };

  const run = (work: Promise<unknown>) => {
    setError(undefined);
    work.catch(setError);
  };

  const text = (key: 'account' | 'actor', label: MessageKey) => (
    <TextField label={t(label)} value={draft[key] ?? ''} onChange={(value) => setDraft({ ...draft, [key]: value })} />
  );
  const choice = (key: 'action' | 'targetType', label: MessageKey, options: { value: string; label: string }[]) => (
    <SelectField
      label={t(label)}
      value={draft[key] ?? ''}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
      options={[{ value: '', label: t('any') }, ...options]}
    />
  );
  const date = (key: 'from' | 'to', label: MessageKey) => (
    <TextField
      label={t(label)}
      type="date"
      value={draft[key] ?? ''}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
      hint={t('auditDateHint', { timeZone })}
    />
  );

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditLogTitle')}</h1>
      <form className="filters" onSubmit={search} role="search" aria-label={t('searchFilters')}>
        {text('account', 'auditAccount')}
        {text('actor', 'auditActor')}
        {choice(
          'action',
          'auditAction',
          actions.map((action) => ({ value: action.code, label: `${action.text} (${action.code})` })),
        )}
        {choice(
          'targetType',
          'auditTargetType',
          Object.entries(targetTypes).map(([value, key]) => ({ value, label: t(key) })),
        )}
        {date('from', 'auditFrom')}
        {date('to', 'auditTo')}
        <div className="buttons">
          <button type="submit" className="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              setParams(new URLSearchParams());
            }}
          >
            {t('reset')}
          </button>
          <button type="button" onClick={() => run(downloadCsv(query))}>
            {t('auditDownload')}
          </button>
          <button type="button" onClick={() => run(must(api.POST('/api/audit-events/verify')).then(setVerification))}>
            {t('auditVerify')}
          </button>
        </div>
      </form>
      {verification && (
        <p className={verification.ok ? 'notice' : 'warning'} role="status">
          {verification.firstBroken
            ? t('auditVerifyBroken', {
                seq: verification.firstBroken.seq,
                problem: t(problemKeys[verification.firstBroken.problem]),
                checked: verification.checked,
              })
            : t('auditVerifyOk', { checked: verification.checked })}
        </p>
      )}
      <ErrorMessage error={error} />
      <p className="count" aria-live="polite">
        {!events
          ? error
            ? ''
            : t('loading')
          : events.length === 0
            ? t('auditNone')
            : t('auditShown', { count: events.length })}
      </p>
      {events && events.length > 0 && (
        <DataTable
          caption={t('auditLogTitle')}
          headers={[
            t('auditTime'),
            t('auditActor'),
            t('auditAction'),
            t('auditTarget'),
            t('auditOutcome'),
            t('auditChanges'),
            t('auditRequest'),
          ]}
          rows={events.map((event) => ({
            key: event.seq,
            className: event.outcome === 'succeeded' ? undefined : `outcome-${event.outcome}`,
            cells: [
              formatDateTime(event.occurredAt, language, timeZone, 'seconds'),
              actorText(t, event.actor),
              event.actionText,
              targetText(t, event.target),
              [t(`outcome_${event.outcome}`), event.reason ? `(${event.reason})` : ''].filter(Boolean).join(' '),
              <Changes event={event} timeZone={timeZone} />,
              [event.requestId, event.clientAddress].filter(Boolean).join(' / '),
            ],
          }))}
        />
      )}
      {events && events.length > 0 && (
        <nav className="pager" aria-label={t('paging')}>
          {nextCursor ? (
            <button type="button" onClick={() => void more()}>
              {t('auditMore')}
            </button>
          ) : (
            <span>{t('auditEnd')}</span>
          )}
        </nav>
      )}
    </section>
  );
}
