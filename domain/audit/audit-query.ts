import type { EntityManager } from '@mikro-orm/postgresql';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { actionText, type AuditLanguage } from './action-texts';
import type { AuditActorKind } from './actor';
import type { AuditOutcome } from './audit-trail';
import type { AuditChange } from './changes';

export interface AuditEventFilter {
  /** An account's id: the events that changed it or that it made. */
  accountId?: string;
  /** An account's code, the same way (also for an account deleted since). */
  account?: string;
  /** The actor's code (an account's code, a SCIM token's or a system actor's name). */
  actor?: string;
  action?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  limit: number;
}

/** One event as the API answers it (docs/audit.md): what a screen needs to show it without another call. */
export interface AuditEventView {
  seq: string;
  occurredAt: string;
  action: string;
  actionText: string;
  outcome: AuditOutcome;
  reason: string | null;
  actor: {
    kind: AuditActorKind;
    accountId: string | null;
    code: string | null;
    name: string | null;
    role: string | null;
  };
  target: { type: string; id: string | null; code: string | null; name: string | null };
  changes: AuditChange[];
  details: Record<string, unknown> | null;
  requestId: string | null;
  clientAddress: string | null;
  traceId: string | null;
}

interface EventRow {
  seq: string;
  occurred_at: Date;
  actor_kind: AuditActorKind;
  actor_account_id: string | null;
  actor_code: string | null;
  actor_role: string | null;
  actor_display_name: string | null;
  request_id: string | null;
  client_address: string | null;
  trace_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_code: string | null;
  target_name: string | null;
  changes: AuditChange[];
  details: Record<string, unknown> | null;
  outcome: AuditOutcome;
  reason: string | null;
}

function viewOf(row: EventRow, language: AuditLanguage): AuditEventView {
  return {
    seq: String(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    action: row.action,
    actionText: actionText(row.action, language),
    outcome: row.outcome,
    reason: row.reason,
    actor: {
      kind: row.actor_kind,
      accountId: row.actor_account_id,
      code: row.actor_code,
      name: row.actor_display_name,
      role: row.actor_role,
    },
    target: { type: row.target_type, id: row.target_id, code: row.target_code, name: row.target_name },
    changes: row.changes,
    details: row.details,
    requestId: row.request_id,
    clientAddress: row.client_address,
    traceId: row.trace_id,
  };
}

/** The company's events matching `filter`, the newest first, a page at a time (the cursor is the last `seq`). */
export async function listAuditEvents(
  em: EntityManager,
  principal: Principal,
  filter: AuditEventFilter,
  language: AuditLanguage,
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  assertPermitted(principal, 'audit:read');
  const where = ['e.company_id = ?'];
  const params: unknown[] = [principal.companyId];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.accountId) add('(e.target_id = ? or e.actor_account_id = ?)', filter.accountId, filter.accountId);
  if (filter.account) {
    add(
      `((e.target_type = 'account' and e.target_code = ?) or (e.actor_kind = 'account' and e.actor_code = ?))`,
      filter.account,
      filter.account,
    );
  }
  if (filter.actor) add('e.actor_code = ?', filter.actor);
  if (filter.action) add('e.action = ?', filter.action);
  if (filter.targetType) add('e.target_type = ?', filter.targetType);
  if (filter.from) add('e.occurred_at >= ?', filter.from);
  if (filter.to) add('e.occurred_at < ?', filter.to);
  if (filter.cursor) add('e.seq < ?', filter.cursor);
  const rows = await em.getConnection().execute<EventRow[]>(
    `select e.*, coalesce(e.actor_name, nullif(trim(a.last_name || ' ' || a.first_name), '')) as actor_display_name
     from audit_event e left join account a on a.id = e.actor_account_id and e.actor_kind = 'account'
     where ${where.join(' and ')} order by e.seq desc limit ?`,
    [...params, filter.limit + 1],
  );
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => viewOf(row, language)),
    nextCursor: rows.length > filter.limit ? String(page.at(-1)!.seq) : null,
  };
}

/** Every page of `listAuditEvents` in turn (the CSV export streams them). */
export async function* allAuditEvents(
  em: EntityManager,
  principal: Principal,
  filter: Omit<AuditEventFilter, 'limit' | 'cursor'>,
  language: AuditLanguage,
): AsyncGenerator<AuditEventView> {
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(
      em,
      principal,
      { ...filter, limit: 1000, ...(cursor ? { cursor } : {}) },
      language,
    );
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export type ChainProblem = 'row-altered' | 'link-broken' | 'sequence-gap' | 'head-mismatch';

export interface ChainVerification {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first row whose hash or link does not hold (or, `head-mismatch`, the head the rows do not reach). */
  firstBroken: { seq: string; problem: ChainProblem } | null;
  /** The hash of the last row, to compare with one kept elsewhere. */
  lastHash: string;
}

interface ChainRow {
  seq: string;
  prev_hash: string;
  row_hash: string;
  computed: string;
}

/**
 * Walks the company's chain from its anchor (the last pruned row, or the start): each row's hash must be the
 * hash of its content (`audit_event_hash`, the function the insert trigger uses), each row must link to the one
 * before it with the next number, and the last row must be the head every append updated.
 */
export async function verifyAuditChain(em: EntityManager, principal: Principal): Promise<ChainVerification> {
  assertPermitted(principal, 'audit:read');
  const connection = em.getConnection();
  const [head] = await connection.execute<
    { last_seq: string; last_hash: string; anchor_seq: string; anchor_hash: string }[]
  >(`select last_seq, last_hash, anchor_seq, anchor_hash from audit_chain where company_id = ?`, [principal.companyId]);
  let previous = { seq: BigInt(head?.anchor_seq ?? 0), hash: head?.anchor_hash ?? '' };
  let checked = 0;
  const broken = (seq: bigint | string, problem: ChainProblem): ChainVerification => ({
    ok: false,
    checked,
    firstBroken: { seq: String(seq), problem },
    lastHash: previous.hash,
  });
  for (;;) {
    const rows = await connection.execute<ChainRow[]>(
      `select seq, prev_hash, row_hash, audit_event_hash(e) as computed from audit_event e
       where company_id = ? and seq > ? order by seq limit 5000`,
      [principal.companyId, String(previous.seq)],
    );
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== previous.seq + 1n) return broken(previous.seq + 1n, 'sequence-gap');
      if (row.computed !== row.row_hash) return broken(seq, 'row-altered');
      if (row.prev_hash !== previous.hash) return broken(seq, 'link-broken');
      previous = { seq, hash: row.row_hash };
      checked += 1;
    }
    if (rows.length < 5000) break;
  }
  if (head && (String(previous.seq) !== String(head.last_seq) || previous.hash !== head.last_hash)) {
    return broken(previous.seq + 1n, 'head-mismatch');
  }
  return { ok: true, checked, firstBroken: null, lastHash: previous.hash };
}
