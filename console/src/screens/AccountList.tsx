import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { formatDateTime, useI18n } from '../i18n';
import { accountStatusText, issuanceStatusKeys } from '../issuance-words';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { AccountSearchLookups } from './AccountSearchLookups';

type Item = Schemas['AccountListItem'];
type SortKey = 'code' | 'kana' | 'department' | 'lastLoginAt' | 'lockedAt';

/** The search filters of 【アカウント一覧】, kept in the address so that back and reload keep them. */
const textFilters = ['code', 'partnerCode', 'name', 'kana', 'departmentCode', 'projectCode', 'issuanceStatus'] as const;
const flagFilters = ['includeSubDepartments', 'lockedOnly', 'includeDisabled', 'includeLoginDisabled'] as const;
const pageSizes = [50, 100, 200];
const sortable: Record<string, SortKey> = {
  code: 'code',
  kana: 'kana',
  departmentName: 'department',
  lastLoginAt: 'lastLoginAt',
  lockedAt: 'lockedAt',
};

const filterLabels: Record<(typeof textFilters)[number] | (typeof flagFilters)[number], MessageKey> = {
  code: 'accountCode',
  partnerCode: 'partnerCode',
  name: 'name',
  kana: 'kana',
  departmentCode: 'departmentCode',
  projectCode: 'projectCode',
  issuanceStatus: 'status',
  includeSubDepartments: 'includeSubDepartments',
  lockedOnly: 'lockedOnly',
  includeDisabled: 'includeDisabled',
  includeLoginDisabled: 'includeLoginDisabled',
};

function queryOf(params: URLSearchParams) {
  const query: Record<string, string | number> = {};
  for (const key of [...textFilters, 'type'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  for (const key of flagFilters) if (params.get(key) === 'true') query[key] = 'true';
  query.sort = params.get('sort') ?? 'code';
  query.order = params.get('order') === 'desc' ? 'desc' : 'asc';
  query.limit = Number(params.get('limit') ?? 50);
  query.offset = Number(params.get('offset') ?? 0);
  return query;
}

/** The list's filters without its order and page: what a bulk run by filter selects (every match). */
function filterOf(query: Record<string, string | number>): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(query))
    if (!['sort', 'order', 'limit', 'offset'].includes(key)) filter[key] = String(value);
  return filter;
}

function exportQuery(query: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (key !== 'limit' && key !== 'offset') params.set(key, String(value));
  return params.toString();
}

export function AccountList() {
  const { t, language } = useI18n();
  const { can, me } = useSession();
  // The company's settings: the issuance links and the one issue button follow the channel; dates its time zone.
  const channel = me?.issuanceChannel ?? 'email';
  const timeZone = me?.timeZone;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(params.entries()));
  const [data, setData] = useState<Schemas['AccountList']>();
  const [error, setError] = useState<unknown>();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setData(await must(api.GET('/api/accounts', { params: { query: query as never } })));
    } catch (failure) {
      setError(failure);
    }
  }, [query]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) {
      if (value && key !== 'offset') next.set(key, value);
    }
    setSelection({});
    setParams(next);
  };
  const reset = () => {
    setDraft({});
    setSelection({});
    setParams(new URLSearchParams());
  };
  const setParam = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setParams(next);
  };

  const act = async (done: Promise<unknown>, message: string) => {
    try {
      await done;
      setNotice(message);
      await load();
    } catch (failure) {
      setError(failure);
    }
  };

  const columns = useMemo<ColumnDef<Item>[]>(
    () => [
      {
        id: 'select',
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label={t('selectAllOnPage')}
            checked={table.getIsAllPageRowsSelected()}
            onChange={table.getToggleAllPageRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={t('selectAccount', { code: row.original.code })}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      { accessorKey: 'code', header: t('accountCode') },
      {
        accessorKey: 'name',
        header: t('name'),
        // The product document: 再発行したい社員の氏名をクリックします (the name opens the account).
        cell: ({ row }) => <Link to={`/accounts/${encodeURIComponent(row.original.code)}`}>{row.original.name}</Link>,
      },
      { accessorKey: 'kana', header: t('kana') },
      { accessorKey: 'typeLabel', header: t('accountType'), cell: ({ row }) => t(`type_${row.original.type}`) },
      { accessorKey: 'departmentName', header: t('department') },
      { accessorKey: 'partnerName', header: t('partner') },
      {
        id: 'password',
        header: t('passwordStatus'),
        cell: ({ row }) => {
          const item = row.original;
          const label = accountStatusText(t, item).password;
          // PDF channel: 「パスワード」列の「未発行」リンク opens the PDF issuance (also for a notice nobody fetched).
          const open = item.passwordStatus === 'unissued' || item.passwordStatus === 'notice-expired';
          return channel === 'pdf' && open && can('issuance:issue') ? (
            <Link to="/pdf-issuance" state={{ codes: [item.code] }}>
              {label}
            </Link>
          ) : (
            label
          );
        },
      },
      {
        id: 'auth',
        header: t('authStatus'),
        cell: ({ row }) => {
          const item = row.original;
          const when = item.authRequestedAt
            ? t('requestSentAt', { at: formatDateTime(item.authRequestedAt, language, timeZone) })
            : undefined;
          const auth = accountStatusText(t, item).auth;
          const label = <span title={when}>{auth}</span>;
          // E-mail channel: 「認証状態」列の「未」リンク opens メール通知 (also to send again or reissue).
          return channel === 'email' && can('issuance:issue') ? (
            <Link
              to={`/accounts/${encodeURIComponent(item.code)}/email-issuance`}
              title={when}
              aria-label={when ? `${auth} (${when})` : undefined}
            >
              {auth}
            </Link>
          ) : (
            label
          );
        },
      },
      {
        accessorKey: 'lastLoginAt',
        header: t('lastLoginAt'),
        cell: ({ row }) => formatDateTime(row.original.lastLoginAt, language, timeZone),
      },
      {
        accessorKey: 'lockedAt',
        header: t('lockedAt'),
        cell: ({ row }) => {
          const item = row.original;
          return (
            <>
              {formatDateTime(item.lockedAt, language, timeZone)}{' '}
              {can('accounts:write') && (
                <button
                  type="button"
                  className="small"
                  disabled={!item.lockedAt}
                  onClick={() =>
                    void act(
                      must(api.DELETE('/api/accounts/{code}/lockout', { params: { path: { code: item.code } } })),
                      t('unlocked', { code: item.code }),
                    )
                  }
                >
                  {t('unlock')}
                </button>
              )}
            </>
          );
        },
      },
      {
        accessorKey: 'failedLoginCount',
        header: t('failedLogins'),
        cell: ({ row }) => {
          const item = row.original;
          return (
            <>
              {item.failedLoginCount}{' '}
              {can('accounts:write') && (
                <button
                  type="button"
                  className="small"
                  disabled={item.failedLoginCount < 1}
                  onClick={() =>
                    void act(
                      must(
                        api.DELETE('/api/accounts/{code}/login-failures', { params: { path: { code: item.code } } }),
                      ),
                      t('failuresCleared', { code: item.code }),
                    )
                  }
                >
                  {t('clear')}
                </button>
              )}
            </>
          );
        },
      },
    ],
    // `act` changes with the query too (through load), so load stands for both.
    [t, language, can, load, channel, timeZone],
  );

  const sorting: SortingState = [
    {
      id: Object.entries(sortable).find(([, key]) => key === query.sort)?.[0] ?? 'code',
      desc: query.order === 'desc',
    },
  ];
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.code,
    manualPagination: true,
    manualSorting: true,
    rowCount: data?.total ?? 0,
    state: { rowSelection: selection, sorting },
    onRowSelectionChange: setSelection,
    enableSortingRemoval: false,
  });
  const selected = Object.keys(selection).filter((code) => selection[code]);
  const limit = Number(query.limit);
  const offset = Number(query.offset);
  const total = data?.total ?? 0;

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{t('accountListTitle')}</h1>
      {/* On a phone the filters fold away (open by default on wider screens), so the list is one scroll away. */}
      <details className="filter-panel" open={!window.matchMedia('(max-width: 700px)').matches}>
        <summary>{t('searchFilters')}</summary>
        <form className="filters" onSubmit={search} role="search" aria-label={t('searchFilters')}>
          <TextField
            label={t('accountCode')}
            value={draft.code ?? ''}
            onChange={(v) => setDraft({ ...draft, code: v })}
            maxLength={10}
          />
          <div className="field">
            <label htmlFor="filter-type">{t('accountType')}</label>
            <select
              id="filter-type"
              value={draft.type ?? ''}
              onChange={(e) => setDraft({ ...draft, type: e.target.value })}
            >
              <option value="">{t('any')}</option>
              <option value="own">{t('type_own')}</option>
              <option value="contractor">{t('type_contractor')}</option>
              <option value="customer">{t('type_customer')}</option>
            </select>
          </div>
          <AccountSearchLookups draft={draft} setDraft={setDraft} />
          {(['name', 'kana'] as const).map((key) => (
            <TextField
              key={key}
              label={t(filterLabels[key])}
              value={draft[key] ?? ''}
              onChange={(v) => setDraft({ ...draft, [key]: v })}
            />
          ))}
          <div className="field">
            <label htmlFor="filter-issuance">{t('status')}</label>
            <select
              id="filter-issuance"
              value={draft.issuanceStatus ?? ''}
              onChange={(e) => setDraft({ ...draft, issuanceStatus: e.target.value })}
            >
              <option value="">{t('any')}</option>
              {Object.entries(issuanceStatusKeys).map(([status, key]) => (
                <option key={status} value={status}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="flags">
            <legend className="visually-hidden">{t('conditions')}</legend>
            {flagFilters.map((key) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={draft[key] === 'true'}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.checked ? 'true' : '' })}
                />
                {t(filterLabels[key])}
              </label>
            ))}
          </fieldset>
          <div className="buttons">
            <button type="submit" className="primary">
              {t('search')}
            </button>
            <button type="button" onClick={reset}>
              {t('reset')}
            </button>
            {can('accounts:write') && (
              <Link className="button" to="/accounts/new">
                {t('new')}
              </Link>
            )}
            {/* The export of issue 9 (GET /api/exports/accounts): the same filters, every match, as CSV. */}
            <a className="button" href={`/api/exports/accounts?${exportQuery(query)}`} download>
              {t('exportCsv')}
            </a>
          </div>
        </form>
      </details>

      <div className="toolbar" role="toolbar" aria-label={t('actionsForSelected')}>
        <span aria-live="polite">{t('selectedCount', { count: selected.length })}</span>
        {can('issuance:issue') && (
          <button
            type="button"
            disabled={selected.length === 0}
            onClick={() =>
              navigate(channel === 'pdf' ? '/pdf-issuance' : '/email-issuance', { state: { codes: selected } })
            }
          >
            {t('issuePasswords')}
          </button>
        )}
        {can('issuance:issue') && channel === 'email' && (
          <>
            <button
              type="button"
              disabled={!data || total === 0}
              onClick={() => navigate('/email-issuance', { state: { filter: filterOf(query) } })}
            >
              {t('issueAllMatching', { count: data?.totalIsLowerBound ? `${total}+` : total })}
            </button>
            <Link className="button" to="/email-issuance">
              {t('issueByFile')}
            </Link>
          </>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorMessage error={error} />

      <p className="count" aria-live="polite">
        {!data
          ? t('loading')
          : total === 0
            ? t('noMatches')
            : t('resultCount', { total, from: offset + 1, to: Math.min(offset + limit, total) })}
      </p>
      <div className="table-wrap">
        <table className="list responsive">
          <caption className="visually-hidden">{t('accountListTitle')}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const key = sortable[header.column.id];
                  const active = key === query.sort;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (query.order === 'desc' ? 'descending' : 'ascending') : undefined}
                    >
                      {key ? (
                        <button
                          type="button"
                          className="sort"
                          onClick={() =>
                            setParam({
                              sort: key,
                              order: active && query.order === 'asc' ? 'desc' : 'asc',
                              offset: '0',
                            })
                          }
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{active ? (query.order === 'desc' ? ' ▼' : ' ▲') : ' ↕'}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.disabled ? 'disabled' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    data-label={typeof cell.column.columnDef.header === 'string' ? cell.column.columnDef.header : ''}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('paging')}>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setParam({ offset: String(Math.max(0, offset - limit)) })}
        >
          {t('previous')}
        </button>
        <span>
          {t('pageOf', { page: Math.floor(offset / limit) + 1, pages: Math.max(1, Math.ceil(total / limit)) })}
        </span>
        <button
          type="button"
          disabled={offset + limit >= total}
          onClick={() => setParam({ offset: String(offset + limit) })}
        >
          {t('next')}
        </button>
        <label>
          {t('pageSize')}{' '}
          <select value={limit} onChange={(e) => setParam({ limit: e.target.value, offset: '0' })}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}
