import { Client } from 'pg';
import type { Harness } from './harness';

/** An event as GET /api/audit-events answers it (the fields the tests look at). */
export interface AuditEvent {
  seq: string;
  occurredAt: string;
  action: string;
  actionText: string;
  outcome: string;
  reason: string | null;
  actor: { kind: string; code: string | null; role: string | null; name: string | null };
  target: { type: string; code: string | null; name: string | null };
  changes: { field: string; before?: unknown; after?: unknown; changed?: true }[];
  details: Record<string, unknown> | null;
  requestId: string | null;
  clientAddress: string | null;
}

/** The events of the token's company matching `query`, newest first. */
export async function auditEvents(
  h: Harness,
  token: string,
  query: Record<string, string> = {},
): Promise<AuditEvent[]> {
  const res = await h.http
    .get(`/api/audit-events?${new URLSearchParams({ limit: '500', ...query })}`)
    .set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`audit events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as AuditEvent[];
}

/** The newest event of `action` matching `query`; throws when there is none. */
export async function latestAuditEvent(
  h: Harness,
  token: string,
  action: string,
  query: Record<string, string> = {},
): Promise<AuditEvent> {
  const [event] = await auditEvents(h, token, { action, ...query });
  if (!event) throw new Error(`no ${action} event`);
  return event;
}

/** A connection as the database's superuser, which can do what the service must not (change a row behind it). */
export async function asSuperuser<T>(h: Harness, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Sets the target name of event `seq` (of the target `targetCode`) behind the service's back, as a superuser with
 * the triggers off: the tampering the chain's verification must find (and, called again, the repair).
 */
export async function alterAuditRow(h: Harness, seq: string, targetCode: string, targetName: string): Promise<void> {
  await asSuperuser(h, async (client) => {
    await client.query(`set session_replication_role = replica`);
    await client.query(`update audit_event set target_name = $1 where seq = $2 and target_code = $3`, [
      targetName,
      seq,
      targetCode,
    ]);
  });
}

/** Every row of the audit trail as text, to search for secrets. */
export async function auditTrailText(h: Harness): Promise<string> {
  const rows = await asSuperuser(
    h,
    async (client) => (await client.query(`select t::text as row from audit_event t`)).rows,
  );
  return rows.map((row: { row: string }) => row.row).join('\n');
}
