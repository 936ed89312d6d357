import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { insertJsonRows } from '../../lib/json-rows';
import { currentRequestContext, currentTraceId } from '../../lib/request-context';
import type { AuditActor } from './actor';
import type { AuditChange } from './changes';

export const auditOutcomes = ['succeeded', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** What an operation says about what it did; the actor's request (id, address, trace) is added here. */
export interface AuditEventInput {
  companyId: string;
  actor: AuditActor;
  /** A stable code (domain/audit/action-texts.ts lists every one with its texts). */
  action: string;
  target: { type: string; id?: string; code?: string; name?: string };
  changes?: readonly AuditChange[];
  /** What a screen needs besides the fields: a run's selection and size, a refused operation's route. */
  details?: Record<string, unknown>;
  outcome?: AuditOutcome;
  /** A refusal's or failure's code (`TARGET_ABOVE_OWN_ROLE`, `BAD_PASSWORD`, …). */
  reason?: string;
  /** Defaults to the insert's clock_timestamp(). */
  at?: Date;
}

type Row = Record<string, unknown>;

/** audit_event's columns as written here, with their types; the trigger adds seq, prev_hash and row_hash. */
const columns = `company_id uuid, occurred_at timestamptz, actor_kind text, actor_account_id uuid, actor_code text,
  actor_role text, actor_name text, request_id text, client_address text, trace_id text, action text, target_type text,
  target_id text, target_code text, target_name text, changes jsonb, details jsonb, outcome text, reason text`;

/** The event's row with only the columns that hold a value (json_to_recordset reads a missing key as NULL). */
function rowOf(event: AuditEventInput): Row {
  const request = currentRequestContext();
  const row: Row = {
    company_id: event.companyId,
    actor_kind: event.actor.kind,
    action: event.action,
    target_type: event.target.type,
    changes: event.changes ?? [],
    outcome: event.outcome ?? 'succeeded',
  };
  const optional: Row = {
    occurred_at: event.at,
    actor_account_id: event.actor.accountId,
    actor_code: event.actor.code?.slice(0, 100),
    actor_role: event.actor.role,
    actor_name: event.actor.name?.slice(0, 200),
    request_id: request?.requestId,
    client_address: request?.clientAddress?.slice(0, 64),
    trace_id: currentTraceId(),
    target_id: event.target.id,
    target_code: event.target.code?.slice(0, 100),
    target_name: event.target.name?.slice(0, 200),
    details: event.details,
    reason: event.reason?.slice(0, 100),
  };
  for (const key in optional) if (optional[key] !== undefined && optional[key] !== null) row[key] = optional[key];
  return row;
}

/**
 * Appends rows in one statement, each company's in their order; the database numbers and chains them (its trigger
 * locks the company's chain head until the transaction ends, so appends of one company are serialised and
 * ordered). Rows of several companies (a sweep's batch) go in company order, so that two such statements lock
 * the companies' heads in the same order and never wait for each other in a deadlock.
 */
async function insertRows(em: EntityManager, rows: readonly Row[], transaction?: Knex.Transaction): Promise<void> {
  const companyOf = (row: Row) => row.company_id as string;
  const byCompany = rows.some((row) => companyOf(row) !== companyOf(rows[0]!))
    ? [...rows].sort((a, b) => companyOf(a).localeCompare(companyOf(b)))
    : rows;
  await insertJsonRows(em, 'audit_event', columns, byCompany, {
    values: { occurred_at: 'coalesce(occurred_at, clock_timestamp())' },
    transaction,
    inOrder: true,
  });
}

/** Events waiting for their transaction's commit, by the root transaction (a savepoint's events wait for it). */
const pending = new WeakMap<object, Row[]>();

function rootOf(transaction: object): object {
  let current = transaction as Record<symbol, unknown>;
  for (;;) {
    const parent = Object.getOwnPropertySymbols(current).find((symbol) => symbol.description === 'parentTransaction');
    if (!parent) return current;
    current = current[parent] as Record<symbol, unknown>;
  }
}

/**
 * Records what an operation did, with the change: the rows are written as the last statement of the transaction
 * that commits it (AuditTrailSubscriber), after every other write, so the chain head is the last lock that
 * transaction takes and a rolled-back change leaves no event. Outside a transaction they wait for the
 * EntityManager's next flush (its implicit transaction); a scratch EntityManager that never flushes writes none.
 */
export function recordAudit(em: EntityManager, ...events: AuditEventInput[]): void {
  const held = heldBack.get(em);
  if (held) {
    held.push(...events);
    return;
  }
  const transaction = em.getTransactionContext<object>();
  const key = transaction ? rootOf(transaction) : em;
  const rows = events.map(rowOf);
  const queued = pending.get(key);
  if (queued) queued.push(...rows);
  else pending.set(key, rows);
}

/** What a scratch EntityManager would have recorded, held back until it is applied (releaseHeldAudit) or dropped. */
const heldBack = new WeakMap<EntityManager, AuditEventInput[]>();

/**
 * A scratch EntityManager (a dry run, a check before the real apply) records nothing by itself, even inside a
 * transaction: its events are held back, and written only if the caller applies the scratch (releaseHeldAudit).
 */
export function withoutAudit(em: EntityManager): EntityManager {
  heldBack.set(em, []);
  return em;
}

/** The scratch's work is written after all (it is flushed in `into`'s transaction): so are its events. */
export function releaseHeldAudit(scratch: EntityManager, into: EntityManager): void {
  const held = heldBack.get(scratch) ?? [];
  heldBack.set(scratch, []);
  if (held.length > 0) recordAudit(into, ...held);
}

/**
 * An event that must stay although the operation's own transaction rolls back (a refusal, a failed login): its
 * own statement on the connection pool, outside whatever transaction the caller is in.
 */
export async function recordAuditNow(em: EntityManager, ...events: AuditEventInput[]): Promise<void> {
  await insertRows(em, events.map(rowOf));
}

/** Writes a transaction's recorded events as its last statement before the commit. */
export class AuditTrailSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction as object | undefined;
    if (!transaction) return;
    const rows = [...(pending.get(transaction) ?? []), ...(pending.get(args.em) ?? [])];
    pending.delete(transaction);
    pending.delete(args.em);
    await insertRows(args.em as EntityManager, rows, transaction as Knex.Transaction);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.transaction) pending.delete(args.transaction as object);
    pending.delete(args.em);
  }
}
