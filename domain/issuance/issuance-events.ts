import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor } from '../audit/actor';
import { recordTransitions } from './issuance-audit';
import { IssuanceTransitions, type IssuanceTransition } from './state-machine';

/** Told of every issuance transition once its transaction committed: the metrics, later the audit trail. */
export type IssuanceTransitionListener = (transition: IssuanceTransition) => void;

const listeners: IssuanceTransitionListener[] = [];

/** Registers a listener for the rest of the process; answers a function that removes it again. */
export function onIssuanceTransition(listener: IssuanceTransitionListener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

/** Tells the listeners of committed transitions; a failing listener never undoes or fails the operation. */
export function publishTransitions(transitions: IssuanceTransitions): void {
  for (const event of transitions.events) {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A metric or log line must not turn a committed change into an error.
      }
    }
  }
  transitions.events.length = 0;
}

/**
 * Runs `work` in one transaction with a fresh set of transitions, records them in the audit trail in that same
 * transaction (`opener`: who opened the issuances it opens) and publishes them once it committed; a rolled-back
 * attempt (a retry after a deadlock, a refused operation) records and publishes nothing.
 */
export async function withTransitions<T>(
  em: EntityManager,
  work: (tx: EntityManager, transitions: IssuanceTransitions) => Promise<T>,
  opener?: AuditActor,
): Promise<T> {
  const transitions = new IssuanceTransitions();
  const result = await em.transactional(async (tx) => {
    const done = await work(tx, transitions);
    await recordTransitions(tx, transitions.events, opener);
    return done;
  });
  publishTransitions(transitions);
  return result;
}
