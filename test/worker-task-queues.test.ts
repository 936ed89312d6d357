import { NativeConnection } from '@temporalio/worker';
import { TaskQueues } from '../contract';
import { loadConfig } from '../lib/config';
import { requireBinary } from '../scripts/temporal-binaries';
import { createIssuanceWorkers } from '../worker/create-worker';
import { startDevServer, type DevServer } from './support/temporal-dev-server';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createLogger } from '../lib/logger';
import { createMailer } from '../lib/mailer';
import { publicBaseUrl, quietTemporalSdk, testSecretBox } from './support/harness';

const key = Buffer.alloc(32).toString('base64');

describe('WORKER_TASK_QUEUES: the task queues a worker process serves', () => {
  it('serves every queue when unset, the named ones otherwise, and refuses an unknown name', () => {
    expect(loadConfig({ SERVICE_SECRET_KEY: key }).workerTaskQueues).toBeUndefined();
    expect(
      loadConfig({ SERVICE_SECRET_KEY: key, WORKER_TASK_QUEUES: ' workforce-bulk , workforce-cpu' }).workerTaskQueues,
    ).toEqual([TaskQueues.bulk, TaskQueues.cpu]);
    expect(() => loadConfig({ SERVICE_SECRET_KEY: key, WORKER_TASK_QUEUES: 'workforce,bulk' })).toThrow(
      /WORKER_TASK_QUEUES/,
    );
  });

  describe('against a Temporal server', () => {
    let server: DevServer;
    let db: TestDatabase;
    beforeAll(async () => {
      quietTemporalSdk();
      server = await startDevServer();
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db?.drop();
      await server?.stop();
    });

    it('creates a worker for each served queue only', async () => {
      const connection = await NativeConnection.connect({ address: server.address });
      try {
        const build = (taskQueues?: (typeof TaskQueues)[keyof typeof TaskQueues][]) =>
          createIssuanceWorkers({
            connection,
            namespace: 'default',
            dependencies: {
              orm: db.orm,
              mailer: createMailer('smtp://127.0.0.1:1', 'Test <no-reply@example.test>'),
              secretBox: testSecretBox,
              publicBaseUrl,
              logger: createLogger({ level: 'silent' }),
            },
            workflows: {
              workflowBundle: { codePath: requireBinary(process.env.TEST_WORKFLOW_BUNDLE, 'The workflow bundle') },
            },
            ...(taskQueues ? { taskQueues } : {}),
          });
        const queuesOf = async (taskQueues?: (typeof TaskQueues)[keyof typeof TaskQueues][]) => {
          const workers = await build(taskQueues);
          // Started and stopped at once, so that nothing is left registered with the native runtime.
          await Promise.all(workers.map((worker) => worker.runUntil(async () => undefined)));
          return workers.map((worker) => worker.options.taskQueue).sort();
        };
        expect(await queuesOf()).toEqual(Object.values(TaskQueues).sort());
        expect(await queuesOf([TaskQueues.bulk])).toEqual([TaskQueues.bulk]);
        expect(await queuesOf([TaskQueues.main, TaskQueues.cpu])).toEqual([TaskQueues.cpu, TaskQueues.main].sort());
      } finally {
        await connection.close();
      }
    });
  });
});
