import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Role, systemAdministratorCode, type EmailSlot } from '../../entities';
import { accountSearchCriteria, type AccountSearchQuery } from '../accounts/account-list';
import { matchingAccountsStatement, type SqlStatement } from '../accounts/account-search-query';
import type { Principal } from '../access/principal';
import { assertMayIssue, refusalOf } from '../access/policy';
import { InputError } from '../errors';
import { exclusionReasons, policyExclusion, type ExclusionReason } from './exclusion';

/** The list's filters without its order and page. */
export type AccountFilter = Omit<AccountSearchQuery, 'sort' | 'order' | 'limit' | 'offset'>;

/**
 * A selection too large to list code by code (up to every employee of a company): the list's filters (the
 * same conditions as アカウント一覧 shows for them) or the codes of an uploaded CSV file, with one address slot
 * for everybody. It is resolved in SQL: the preview counts and the run's items are computed by PostgreSQL, and
 * no list of 100,000 codes travels to the browser or through the workflow.
 */
export type BulkSelectionSource =
  { filter: AccountFilter; emailSlot: EmailSlot } | { codes: readonly string[]; emailSlot: EmailSlot };

/** Most codes a CSV file of a selection may hold (a JSON array of this many uuids stays a few MB). */
export const selectionMaxCodes = 200_000;

/** The lines a preview of a large selection shows (the first ones in the run's order); the counts cover every one. */
export const selectionSampleLines = 100;

/** Duplicate addresses a preview names (the largest groups first), each with its first codes. */
const duplicateGroupsShown = 50;
const duplicateCodesShown = 10;

/**
 * Reads the account codes of an uploaded file: the first column of each line, blank lines skipped, a first line
 * that is not a code (a header such as アカウントコード) skipped. A code listed twice is a 400 naming its line, as
 * a code selected twice is.
 */
export function codesOfCsv(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const codes: string[] = [];
  const lineOf = new Map<string, number>();
  lines.forEach((line, index) => {
    const cell = (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1');
    if (cell === '') return;
    if (index === 0 && !/^[\x21-\x7e]{1,10}$/.test(cell)) return;
    if (!/^[\x21-\x7e]{1,10}$/.test(cell)) {
      throw new InputError('VALIDATION_FAILED', `Line ${index + 1}: "${cell}" is not an account code.`, 'file');
    }
    const first = lineOf.get(cell);
    if (first !== undefined) {
      throw new InputError(
        'VALIDATION_FAILED',
        `Line ${index + 1}: "${cell}" is listed twice (line ${first}).`,
        'file',
      );
    }
    lineOf.set(cell, index + 1);
    codes.push(cell);
  });
  if (codes.length === 0) throw new InputError('VALIDATION_FAILED', 'The file lists no account code.', 'file');
  if (codes.length > selectionMaxCodes) {
    throw new InputError('VALIDATION_FAILED', `At most ${selectionMaxCodes} codes per file.`, 'file');
  }
  return codes;
}

/**
 * The policy's answer for the selection, asked of the one policy (`policyExclusion`) rather than rewritten in
 * SQL: per role of the selected accounts (the rules that depend on the target's role), and for the few accounts
 * whose own identity matters (the caller's own account, the system administrator's) on the account itself.
 */
interface PolicyScope {
  permittedRoleIds: string[];
  refusedAccountIds: string[];
}

async function policyScope(tx: EntityManager, auth: Principal, selected: SqlStatement): Promise<PolicyScope> {
  const roleRows = await tx.execute<{ role_id: string }[]>(
    `select distinct a.role_id from (${selected.sql}) s join account a on a.id = s.id`,
    selected.bindings,
  );
  const roles = await tx.find(Role, { id: { $in: roleRows.map((row) => row.role_id) } });
  // Any other account of the role: the rules that name one account (own, the system administrator's) come next.
  const permittedRoleIds = roles
    .filter((role) => {
      const target = {
        id: '',
        code: '',
        companyId: auth.companyId,
        roleCode: role.code,
        rolePermissions: role.permissions,
      };
      return !refusalOf(() => assertMayIssue(auth, target, false));
    })
    .map((role) => role.id);
  const special = await tx.find(
    Account,
    { company: auth.companyId, $or: [{ id: auth.accountId }, { code: systemAdministratorCode }] },
    { populate: ['role', 'company'] },
  );
  const refusedAccountIds = special
    .filter((account) => policyExclusion(auth, account, false) !== null)
    .map((account) => account.id);
  return { permittedRoleIds, refusedAccountIds };
}

/** A selection that holds nobody, at its start. */
export const nothingSelected = () => new InputError('NOTHING_SELECTED', 'The selection holds no account.', 'filter');

async function filterStatement(tx: EntityManager, auth: Principal, filter: AccountFilter) {
  const criteria = accountSearchCriteria(auth.companyId, {
    ...filter,
    sort: 'code',
    order: 'asc',
    limit: 1,
    offset: 0,
  });
  return matchingAccountsStatement((statement) => tx.execute(statement.sql, statement.bindings), criteria);
}

/**
 * The codes of the accounts the list's filters select, in code order, for a run that takes at most `max` (a bulk
 * PDF): more is a 400 naming the filter, none a 400 NOTHING_SELECTED.
 */
export async function codesOfFilter(
  em: EntityManager,
  auth: Principal,
  filter: AccountFilter,
  max: number,
): Promise<string[]> {
  const matching = await filterStatement(em, auth, filter);
  const rows = matching
    ? await em.execute<{ code: string }[]>(`select m.code from (${matching.sql}) m order by m.code limit ?`, [
        ...matching.bindings,
        max + 1,
      ])
    : [];
  if (rows.length === 0) throw nothingSelected();
  if (rows.length > max) {
    throw new InputError('TOO_MANY_SELECTED', `The filter selects more than ${max} accounts.`, 'filter').withParams({
      max,
    });
  }
  return rows.map((row) => row.code);
}

/**
 * The selected accounts as `select a.id, a.code, position`: a filter's in account-code order, a file's in the
 * file's order. Codes that name no account of the caller's company are a 400 naming the first few.
 */
async function selectedStatement(
  tx: EntityManager,
  auth: Principal,
  source: BulkSelectionSource,
): Promise<SqlStatement | null> {
  if ('filter' in source) {
    const matching = await filterStatement(tx, auth, source.filter);
    if (!matching) return null;
    return {
      sql: `select m.id, m.code, row_number() over (order by m.code) as position from (${matching.sql}) m`,
      bindings: matching.bindings,
    };
  }
  const codes = `{${source.codes.map((code) => `"${code.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  const unknown = await tx.execute<{ code: string; line: string }[]>(
    `select c.code, c.line from unnest(?::text[]) with ordinality c(code, line)
      where not exists (select 1 from account a where a.company_id = ? and a.code = c.code)
      order by c.line limit 5`,
    [codes, auth.companyId],
  );
  if (unknown.length > 0) {
    const named = unknown.map((row) => `"${row.code}"`).join(', ');
    throw new InputError('ACCOUNT_NOT_FOUND', `No account ${named} in this company.`, 'file');
  }
  return {
    sql: `select a.id, a.code, c.line as position from unnest(?::text[]) with ordinality c(code, line)
      join account a on a.company_id = ? and a.code = c.code`,
    bindings: [codes, auth.companyId],
  };
}

/**
 * Every selected employee with the address of the slot and why it is left out, as the preview of a listed
 * selection decides it (exclusion.ts), in the same order: disabled, no address, already has a password (a bulk
 * run issues first passwords only, `isReissue`), an account the caller may not issue to.
 */
function linesStatement(selected: SqlStatement, emailSlot: EmailSlot, scope: PolicyScope): SqlStatement {
  const address = `a.email${emailSlot}`;
  return {
    sql: `select s.position::int as position, a.id as account_id, a.code, a.last_name, a.first_name,
    ${address} as address,
    case
      when a.disabled then 'ACCOUNT_DISABLED'
      when ${address} is null then 'EMAIL_NOT_SET'
      when a.password_status in ('issued', 'reissuing') or a.last_login_at is not null
        or exists (select 1 from issuance i where i.account_id = a.id and i.status = 'issued') then 'ALREADY_ISSUED'
      when not (a.role_id = any(?::uuid[])) or a.id = any(?::uuid[]) then 'NOT_PERMITTED'
    end as exclusion_reason
  from (${selected.sql}) s join account a on a.id = s.id`,
    bindings: [`{${scope.permittedRoleIds.join(',')}}`, `{${scope.refusedAccountIds.join(',')}}`, ...selected.bindings],
  };
}

export interface ResolvedSelection {
  /** The selection's lines, read from a temporary table of the caller's transaction. */
  lines: SqlStatement;
  emailSlot: EmailSlot;
}

const linesTable = 'bulk_selection_lines';

/**
 * Resolves the selection once into a temporary table of the transaction (dropped at its end), which the
 * preview's counts and the run's items then read; null when it selects nobody.
 */
export async function resolveSelectionSource(
  tx: EntityManager,
  auth: Principal,
  source: BulkSelectionSource,
): Promise<ResolvedSelection | null> {
  const selected = await selectedStatement(tx, auth, source);
  if (!selected) return null;
  const scope = await policyScope(tx, auth, selected);
  const lines = linesStatement(selected, source.emailSlot, scope);
  await tx.execute(`create temporary table ${linesTable} on commit drop as ${lines.sql}`, lines.bindings, 'run');
  await tx.execute(`analyze ${linesTable}`, [], 'run');
  return { lines: { sql: `select * from ${linesTable}`, bindings: [] }, emailSlot: source.emailSlot };
}

export interface SelectionSummary {
  selected: number;
  included: number;
  excluded: number;
  excludedBy: Partial<Record<ExclusionReason, number>>;
  /** How many selected employees have an address in メールアドレス1, 2 and 3 (to pick the slot). */
  addressesPerSlot: { slot: EmailSlot; count: number }[];
  /** Addresses several included employees share: the largest groups, each with its first codes. */
  duplicateAddresses: { address: string; accountCodes: string[]; count: number }[];
  /** Included employees whose address another included employee has too. */
  duplicateLines: number;
  sample: SampleLine[];
}

export interface SampleLine {
  position: number;
  code: string;
  name: string;
  address: string | null;
  exclusionReason: ExclusionReason | null;
  duplicateAddress: boolean;
}

/** A filter that matches nobody (所属部門コード naming no department). */
export const emptySelection: SelectionSummary = {
  selected: 0,
  included: 0,
  excluded: 0,
  excludedBy: {},
  addressesPerSlot: [1, 2, 3].map((slot) => ({ slot: slot as EmailSlot, count: 0 })),
  duplicateAddresses: [],
  duplicateLines: 0,
  sample: [],
};

/** The counts a preview shows for a selection, each computed by PostgreSQL over every selected employee. */
export async function summariseSelection(tx: EntityManager, resolved: ResolvedSelection): Promise<SelectionSummary> {
  const { lines } = resolved;
  const counts = await tx.execute<{ reason: string | null; n: number }[]>(
    `select l.exclusion_reason as reason, count(*)::int as n from (${lines.sql}) l group by l.exclusion_reason`,
    lines.bindings,
  );
  const excludedBy: Partial<Record<ExclusionReason, number>> = {};
  let included = 0;
  for (const row of counts) {
    if (row.reason === null) included = row.n;
    else if ((exclusionReasons as readonly string[]).includes(row.reason))
      excludedBy[row.reason as ExclusionReason] = row.n;
  }
  const selected = counts.reduce((sum, row) => sum + row.n, 0);
  const slots = await tx.execute<{ s1: number; s2: number; s3: number }[]>(
    `select count(a.email1)::int as s1, count(a.email2)::int as s2, count(a.email3)::int as s3
       from (${lines.sql}) l join account a on a.id = l.account_id`,
    lines.bindings,
  );
  const duplicates = await tx.execute<{ address: string; codes: string[]; n: number; lines: number }[]>(
    `select min(l.address) as address, (array_agg(l.code order by l.position))[1:${duplicateCodesShown}] as codes,
        count(*)::int as n, (sum(count(*)) over ())::int as lines
       from (${lines.sql}) l where l.exclusion_reason is null
      group by lower(l.address) having count(*) > 1
      order by count(*) desc, min(l.position) limit ${duplicateGroupsShown}`,
    lines.bindings,
  );
  const sample = await tx.execute<
    {
      position: number;
      code: string;
      last_name: string;
      first_name: string;
      address: string | null;
      exclusion_reason: string | null;
      shared: boolean;
    }[]
  >(
    `select f.*, (f.exclusion_reason is null and lower(f.address) in (
         select lower(o.address) from (${lines.sql}) o where o.exclusion_reason is null
          group by lower(o.address) having count(*) > 1
       )) as shared
       from (${lines.sql}) f order by f.position limit ${selectionSampleLines}`,
    [...lines.bindings, ...lines.bindings],
  );
  const slotCounts = slots[0] ?? { s1: 0, s2: 0, s3: 0 };
  return {
    selected,
    included,
    excluded: selected - included,
    excludedBy,
    addressesPerSlot: [
      { slot: 1, count: slotCounts.s1 },
      { slot: 2, count: slotCounts.s2 },
      { slot: 3, count: slotCounts.s3 },
    ],
    duplicateAddresses: duplicates.map((row) => ({ address: row.address, accountCodes: row.codes, count: row.n })),
    duplicateLines: duplicates[0]?.lines ?? 0,
    sample: sample.map((row) => ({
      position: row.position,
      code: row.code,
      name: `${row.last_name} ${row.first_name}`,
      address: row.address,
      exclusionReason: row.exclusion_reason as ExclusionReason | null,
      duplicateAddress: row.shared,
    })),
  };
}

/** From this many items a run's start refreshes the items' statistics (see materialiseRunItems). */
const analyseFromItems = 10_000;

/**
 * The run's items, written by PostgreSQL from the selection in one INSERT … SELECT: every selected employee at
 * its position, the excluded ones as skipped with the reason. Returns how many were written.
 */
export async function materialiseRunItems(
  tx: EntityManager,
  runId: string,
  resolved: ResolvedSelection,
): Promise<number> {
  const { lines } = resolved;
  const result = await tx.execute<{ affectedRows: number }>(
    `insert into bulk_run_item (id, created_at, updated_at, run_id, position, account_id, email_slot, status, skip_reason)
     select gen_random_uuid(), now(), now(), ?, l.position, l.account_id, ?,
       case when l.exclusion_reason is null then 'queued' else 'skipped' end, l.exclusion_reason
       from (${lines.sql}) l`,
    [runId, resolved.emailSlot, ...lines.bindings],
    'run',
  );
  // The progress of a run counts its items after every chunk: with statistics from before 100,000 new rows the
  // planner expects a few and joins them one by one to their issuances (0.5 s a read at 100,000, against 0.15 s
  // planned with the rows known). Autovacuum analyses the table only later, or never for a run that is a small
  // share of a large table.
  if (result.affectedRows >= analyseFromItems) await tx.execute('analyze bulk_run_item', [], 'run');
  return result.affectedRows;
}
