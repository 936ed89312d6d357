import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { currentRequestContext, runWithRequestContext } from './request-context';

/**
 * The header that carries the HTTP request's id (x-request-id) from the API's workflow start to the workflow, from
 * it to each activity, and from an activity to the workflows it starts (a bulk run's employees): the worker's log
 * lines of that work carry the same `requestId` as the API's, with tracing on or off. Not secret: an id.
 */
export const requestIdHeader = 'x-request-id';

function withRequestId<T extends { headers: Headers }>(input: T): T {
  const requestId = currentRequestContext()?.requestId;
  if (!requestId || input.headers[requestIdHeader]) return input;
  return { ...input, headers: { ...input.headers, [requestIdHeader]: defaultPayloadConverter.toPayload(requestId) } };
}

/** Client side: every start and signal made while serving a request (or running an activity) carries its id. */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next(withRequestId(input)),
  startWithDetails: (input, next) => next(withRequestId(input)),
  signal: (input, next) => next(withRequestId(input)),
  signalWithStart: (input, next) => next(withRequestId(input)),
};

/** Worker side: an activity runs in the request context its header names, so the logger's mixin adds the id. */
export const requestIdActivityInterceptors: ActivityInterceptorsFactory = () => ({
  inbound: {
    execute: (input, next) => {
      const header = input.headers[requestIdHeader];
      const requestId = header ? defaultPayloadConverter.fromPayload<unknown>(header) : undefined;
      return typeof requestId === 'string' ? runWithRequestContext({ requestId }, () => next(input)) : next(input);
    },
  },
});
