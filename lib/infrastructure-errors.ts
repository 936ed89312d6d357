import { ConnectionException } from '@mikro-orm/core';

/** Socket-level failures: the peer is down, unreachable, or went away mid-conversation. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is not (or no longer) serving: connection exceptions (class 08),
 * shutdown and start-up (57P01–57P03), and too many connections (53300); and of a transaction the server
 * rolled back because of concurrent work (deadlock 40P01, serialization failure 40001, lock timeout 55P03):
 * nothing was changed and the same request succeeds when tried again.
 */
const transientSqlStates = new Set(['57P01', '57P02', '57P03', '53300', '40P01', '40001', '55P03']);
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || transientSqlStates.has(code);
}

/** Messages of node-postgres and knex's pool that carry no code. */
const unavailableMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Timeout acquiring a connection/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
];

/**
 * Whether an error says that a dependency (PostgreSQL, Temporal) cannot be reached right now, as opposed to a
 * bug or bad input: the caller should answer 503 and try again later, and nothing was changed. Follows the
 * `cause` chain, since the ORM and the Temporal client wrap the driver's error.
 */
export function isInfrastructureUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (error instanceof ConnectionException) return true;
  const { code, message, name, cause } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (networkCodes.has(code) || isUnavailableSqlState(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) return true;
  return isInfrastructureUnavailable(cause, depth + 1);
}
