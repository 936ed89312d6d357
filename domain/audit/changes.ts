/** One field a change set: its value before and after, or for a secret only that it changed. */
export type AuditChange = { field: string; before: unknown; after: unknown } | { field: string; changed: true };

/** Fields whose values never reach the audit trail (passwords, tokens, TOTP and client secrets): 「変更」 only. */
const secretField =
  /^(password|passwordHash|newPassword|currentPassword|mfaSecret|mfaCode|totp\w*|\w*[tT]oken(Hash)?|\w*[cC]lientSecret|sealed\w*)$/;

/** Field names seen, with whether each is a secret: the same few dozen names recur in every change set. */
const secretByField = new Map<string, boolean>();

export function isSecretField(field: string): boolean {
  let secret = secretByField.get(field);
  if (secret === undefined) {
    secret = secretField.test(field);
    if (secretByField.size < 10_000) secretByField.set(field, secret);
  }
  return secret;
}

function normalised(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Whether two values serialise to the same JSON. Strings and booleans are compared as they are (an import's
 * 10,000 creations compare 40 fields each), since only a string serialises to a quoted text and a boolean to
 * true/false; anything else is compared by its serialisation.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isPlain(a) || isPlain(b)) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function isPlain(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean';
}

function changeOf(field: string, before: unknown, after: unknown): AuditChange | undefined {
  const was = normalised(before);
  const now = normalised(after);
  if (sameJson(was, now)) return undefined;
  return isSecretField(field) ? { field, changed: true } : { field, before: was, after: now };
}

/** The fields whose values differ between two snapshots, secrets masked: `before`'s fields first, then new ones. */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field in before) {
    const change = changeOf(field, before[field], after[field]);
    if (change) changes.push(change);
  }
  for (const field in after) {
    if (field in before) continue;
    const change = changeOf(field, undefined, after[field]);
    if (change) changes.push(change);
  }
  return changes;
}

/** A new record's fields as changes from nothing (create), or a removed record's as changes to nothing (delete). */
export function changesOfCreate(after: Record<string, unknown>): AuditChange[] {
  return changesBetween({}, after);
}

export function changesOfDelete(before: Record<string, unknown>): AuditChange[] {
  return changesBetween(before, {});
}
