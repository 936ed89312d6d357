import type { Principal } from '../access/principal';
import { actorOf } from '../audit/actor';
import type { AuditEventInput } from '../audit/audit-trail';
import type { BulkSelectionSource, SelectionSummary } from './bulk-selection';

/** A run's selection as the audit trail keeps it: every code up to this many (the employees' own events follow). */
const selectionKept = 1000;

/**
 * `bulk-run.start`: who started a bulk run, on which channel, its selection and size; each employee's issuance
 * then has its own events (issuance.start, issuance.verification-sent or issuance.issued, …).
 */
export function bulkRunEvent(
  auth: Principal,
  runId: string,
  channel: 'email' | 'pdf',
  lines: readonly { code: string; included: boolean; exclusionReason: string | null }[],
): AuditEventInput {
  const included = lines.filter((line) => line.included);
  const excluded = lines.filter((line) => !line.included);
  return runStarted(auth, runId, {
    channel,
    selected: lines.length,
    included: included.length,
    excluded: excluded.length,
    accounts: included.slice(0, selectionKept).map((line) => line.code),
    ...(included.length > selectionKept ? { accountsTruncated: true } : {}),
    exclusions: excluded.slice(0, selectionKept).map((line) => ({ code: line.code, reason: line.exclusionReason })),
  });
}

/**
 * `bulk-run.start` of a run selected by the list's filters or by an uploaded file: the filter as given (or the
 * file's first codes) and the counts PostgreSQL resolved; each employee's issuance then has its own events.
 */
export function bulkSelectionRunEvent(
  auth: Principal,
  runId: string,
  source: BulkSelectionSource,
  summary: Pick<SelectionSummary, 'selected' | 'included' | 'excluded' | 'excludedBy'>,
): AuditEventInput {
  const selection =
    'filter' in source
      ? { filter: source.filter }
      : {
          file: source.codes.length,
          accounts: source.codes.slice(0, selectionKept),
          ...(source.codes.length > selectionKept ? { accountsTruncated: true } : {}),
        };
  return runStarted(auth, runId, {
    channel: 'email',
    emailSlot: source.emailSlot,
    ...selection,
    selected: summary.selected,
    included: summary.included,
    excluded: summary.excluded,
    excludedBy: summary.excludedBy,
  });
}

function runStarted(auth: Principal, runId: string, details: Record<string, unknown>): AuditEventInput {
  return {
    companyId: auth.companyId,
    actor: actorOf(auth),
    action: 'bulk-run.start',
    target: { type: 'bulk-run', id: runId },
    details,
  };
}
