import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one HTTP request carries (see lib/logger.ts `mixin`). */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
