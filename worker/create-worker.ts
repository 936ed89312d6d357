import { Resource } from '@opentelemetry/resources';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { defaultMailRatePerSecond } from '../activities/dependencies';
import { TaskQueues, type TaskQueue } from '../contract';
import { requestIdActivityInterceptors } from '../lib/request-id-propagation';
import type { Telemetry } from '../lib/telemetry';
import { workflowInterceptorModules } from './workflow-interceptor-modules';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  dependencies: ActivityDependencies;
  /** A prebuilt bundle (production) or the workflows' source path (development, tests). */
  workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;
  /** Extra worker options (tests turn off the sticky cache so a restarted worker takes over at once). */
  options?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
  /** Verification mails per second over the whole `workforce-email` queue (MAIL_RATE_PER_SECOND). */
  mailRatePerSecond?: number;
  /** The task queues this process serves (WORKER_TASK_QUEUES); every one if unset. */
  taskQueues?: readonly TaskQueue[];
  /** Tracing (lib/telemetry.ts) when the process exports spans; off if unset. */
  telemetry?: Pick<Telemetry, 'spanProcessor' | 'resource'>;
}

/**
 * The workers of one process, one per task queue: workflows and bookkeeping on `workforce`,
 * verification mails on `workforce-email` (bounded and rate-limited, where a bulk run queues),
 * argon2 and the credentials mail on `workforce-cpu` (few slots: 19 MiB and a core per hash), and the
 * chunks of bulk runs on `workforce-bulk`. A process serves every queue unless `taskQueues` names some:
 * a deployment may keep bulk chunks in processes of their own, away from what a click waits on.
 * Run and shut them down together.
 */
export function createIssuanceWorkers(setup: WorkerSetup): Promise<Worker[]> {
  const activities = createActivities({
    mailRatePerSecond: setup.mailRatePerSecond ?? defaultMailRatePerSecond,
    ...setup.dependencies,
  });
  // On SIGTERM (a deploy) running activities get this long to finish before they are cancelled and retried elsewhere.
  const base = {
    connection: setup.connection,
    namespace: setup.namespace,
    activities,
    shutdownGraceTime: '10 seconds' as const,
    // An activity runs with the id of the request that started its workflow (lib/request-id-propagation.ts), and in the span its workflow (or client) passed in the headers, so what it does (a query, a
    // mail, a workflow it starts with the Temporal client) joins that trace. Off, nothing is wrapped.
    interceptors: {
      activity: [requestIdActivityInterceptors, ...(setup.telemetry ? [makeActivityInterceptors] : [])],
      ...('workflowsPath' in setup.workflows ? { workflowModules: workflowInterceptorModules } : {}),
    },
  };
  // The bundled workflow interceptors always hand their spans to this sink; with tracing off it drops them.
  const workflowSinks = {
    exporter: makeWorkflowExporter(
      setup.telemetry?.spanProcessor ?? new NoopSpanProcessor(),
      setup.telemetry?.resource ?? Resource.empty(),
    ),
  };
  const serves = (queue: TaskQueue) => !setup.taskQueues || setup.taskQueues.includes(queue);
  return Promise.all([
    ...(serves(TaskQueues.main)
      ? [
          Worker.create({
            ...base,
            taskQueue: TaskQueues.main,
            ...setup.workflows,
            sinks: workflowSinks,
            maxConcurrentActivityTaskExecutions: 20,
            ...setup.options,
          }),
        ]
      : []),
    ...(serves(TaskQueues.email)
      ? [
          Worker.create({
            ...base,
            taskQueue: TaskQueues.email,
            maxConcurrentActivityTaskExecutions: 20,
            maxTaskQueueActivitiesPerSecond: setup.mailRatePerSecond ?? defaultMailRatePerSecond,
          }),
        ]
      : []),
    ...(serves(TaskQueues.cpu)
      ? [Worker.create({ ...base, taskQueue: TaskQueues.cpu, maxConcurrentActivityTaskExecutions: 4 })]
      : []),
    // Bulk chunks: a few at a time, each a long stretch of database, mail and Temporal work.
    ...(serves(TaskQueues.bulk)
      ? [Worker.create({ ...base, taskQueue: TaskQueues.bulk, maxConcurrentActivityTaskExecutions: 4 })]
      : []),
  ]);
}

function makeActivityInterceptors(ctx: ConstructorParameters<typeof OpenTelemetryActivityInboundInterceptor>[0]) {
  return {
    inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
    outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
  };
}

export const workflowsPath = require.resolve('../workflows');
