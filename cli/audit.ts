import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { components, operations } from '../console/src/api/schema';
import { answer, stream, type Api } from './api';
import { exitCodes } from './cli-error';
import { say, type CliLanguage } from './messages';

/**
 * `wfc audit list` and `wfc audit verify` (docs/audit.md): the company's audit trail as a table, JSON or the API's
 * CSV, and the check of its hash chain, whose exit code a script or a monitor can act on.
 */
type AuditEvent = components['schemas']['AuditEvent'];
type Verification = components['schemas']['AuditChainVerification'];

type AuditQuery = NonNullable<operations['getAuditEvents']['parameters']['query']>;

/** The API's filters as commander gives them (--target-type → targetType), and how to print. */
export type AuditListOptions = Pick<AuditQuery, 'account' | 'actor' | 'action' | 'targetType' | 'from' | 'to'> & {
  json?: boolean;
  limit?: string;
  cursor?: string;
  all?: boolean;
  csv?: boolean;
  out?: string;
};

/** A date alone (2026-12-01) means its midnight on this machine's clock; a time with its offset goes as it is. */
export function auditTime(value: string): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return value;
  return new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])).toISOString();
}

function auditQuery(options: AuditListOptions) {
  return {
    ...(options.account ? { account: options.account } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.action ? { action: options.action } : {}),
    ...(options.targetType ? { targetType: options.targetType } : {}),
    ...(options.from ? { from: auditTime(options.from) } : {}),
    ...(options.to ? { to: auditTime(options.to) } : {}),
  };
}

const outcomeTexts: Record<CliLanguage, Record<AuditEvent['outcome'], string>> = {
  ja: { succeeded: '成功', refused: '拒否', failed: '失敗' },
  en: { succeeded: 'succeeded', refused: 'refused', failed: 'failed' },
};

const headers: Record<CliLanguage, string[]> = {
  ja: ['番号', '日時', '操作', '結果', '操作者', '対象', '変更内容'],
  en: ['Seq', 'Time', 'Action', 'Outcome', 'Actor', 'Target', 'Changes'],
};

function eventCells(event: AuditEvent, language: CliLanguage): string[] {
  const { actor, target } = event;
  const outcome = outcomeTexts[language][event.outcome] + (event.reason ? ` (${event.reason})` : '');
  const actorText =
    actor.kind === 'account' ? `${actor.code ?? ''} (${actor.role ?? ''})` : `${actor.kind}:${actor.code ?? ''}`;
  const targetText = [target.type, target.code, target.name].filter(Boolean).join(' ');
  const changes = event.changes
    .map((change) =>
      'changed' in change
        ? `${change.field}: ${language === 'ja' ? '変更' : 'changed'}`
        : `${change.field}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`,
    )
    .join('; ');
  return [event.seq, event.occurredAt, event.actionText, outcome, actorText, targetText, changes];
}

/** Columns as a terminal shows them: a full-width character (漢字, カナ, ｱ) takes two cells. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

/** The events as a table, columns padded to the widest cell (the last column, the changes, as it is). */
export function auditTable(events: AuditEvent[], language: CliLanguage): string {
  const rows = [headers[language], ...events.map((event) => eventCells(event, language))];
  const widths = headers[language].map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell)),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function listAudit(api: Api, language: CliLanguage, options: AuditListOptions): Promise<number> {
  const query = auditQuery(options);
  if (options.csv) {
    // The API's own CSV (every matching event, formula-safe, headers in the admin's language), byte for byte.
    const csv = stream(
      api.GET('/api/audit-events', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'stream' }),
    );
    await pipeline(await csv, options.out ? createWriteStream(options.out) : process.stdout);
    return exitCodes.done;
  }
  const limit = options.limit !== undefined ? Number(options.limit) : options.all ? 500 : undefined;
  const items: AuditEvent[] = [];
  let cursor = options.cursor;
  let nextCursor: string | null;
  do {
    const page = await answer(
      api.GET('/api/audit-events', {
        params: { query: { ...query, ...(limit !== undefined ? { limit } : {}), ...(cursor ? { cursor } : {}) } },
      }),
    );
    items.push(...page.items);
    nextCursor = page.nextCursor;
    cursor = nextCursor ?? undefined;
  } while (options.all && cursor);

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ items, nextCursor })}\n`);
    return exitCodes.done;
  }
  process.stdout.write(`${items.length > 0 ? auditTable(items, language) : say(language, 'noAuditEvents')}\n`);
  if (nextCursor) process.stderr.write(`${say(language, 'moreAuditEvents', { cursor: nextCursor })}\n`);
  return exitCodes.done;
}

const problemTexts: Record<CliLanguage, Record<NonNullable<Verification['firstBroken']>['problem'], string>> = {
  ja: {
    'row-altered': '行の内容が変更されています',
    'link-broken': '直前の行とのつながりが壊れています',
    'sequence-gap': '行が欠けています',
    'head-mismatch': '末尾の行が欠けています',
  },
  en: {
    'row-altered': 'the row was altered',
    'link-broken': 'the link to the previous row is broken',
    'sequence-gap': 'a row is missing',
    'head-mismatch': 'rows at the end are missing',
  },
};

/** The event of number `seq`, when it is still there (a missing row has none). */
async function eventAt(api: Api, seq: string): Promise<AuditEvent | undefined> {
  const page = await answer(
    api.GET('/api/audit-events', { params: { query: { cursor: String(BigInt(seq) + 1n), limit: 1 } } }),
  );
  return page.items.find((event) => event.seq === seq);
}

/** Exit 0 when the chain is whole; 1 with the first broken row (its number, the problem and the event). */
export async function verifyAudit(api: Api, language: CliLanguage, options: { json?: boolean }): Promise<number> {
  const verification = await answer(api.POST('/api/audit-events/verify'));
  const broken = verification.firstBroken;
  const event = broken ? await eventAt(api, broken.seq) : undefined;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...verification, ...(broken ? { event: event ?? null } : {}) })}\n`);
  } else if (!broken) {
    process.stdout.write(`${say(language, 'auditChainWhole', verification)}\n`);
  } else {
    const problem = problemTexts[language][broken.problem];
    const lines = [say(language, 'auditChainBroken', { seq: broken.seq, problem, code: broken.problem })];
    if (event) lines.push(auditTable([event], language));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return broken ? exitCodes.failures : exitCodes.done;
}
