import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { TaskQueues } from '../contract';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  dependencies: ActivityDependencies;
  /** A prebuilt bundle (production) or the workflows' source path (development, tests). */
  workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;
  /** Extra worker options (tests turn off the sticky cache so a restarted worker takes over at once). */
  options?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
}

export function createIssuanceWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: TaskQueues.main,
    activities: createActivities(setup.dependencies),
    ...setup.workflows,
    // argon2 holds 19 MiB and a core per hash; a handful at a time keeps clicks answered quickly.
    maxConcurrentActivityTaskExecutions: 20,
    ...setup.options,
  });
}

export const workflowsPath = require.resolve('../workflows');
