import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { ConflictError } from './errors';

/**
 * Runs a write and turns the database's own refusals into the 409 a caller can act on: the checks
 * before a write give the precise answer, these catch what a concurrent request slipped in between.
 */
export async function refusingConflicts<T>(
  work: () => Promise<T>,
  conflicts: { unique?: () => ConflictError; foreignKey?: () => ConflictError },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && conflicts.unique) throw conflicts.unique();
    if (error instanceof ForeignKeyConstraintViolationException && conflicts.foreignKey) throw conflicts.foreignKey();
    throw error;
  }
}
