import { telemetry } from './telemetry';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { createLogger } from '../lib/logger';
import { createMailer } from '../lib/mailer';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';
import { createIssuanceWorkers, workflowsPath } from './create-worker';
import { startMetricsServer } from './metrics-server';
import { ensureSchedules } from './schedules';
import { installSdkRuntime } from './sdk-runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  // Before anything touches the SDK's native runtime: its logs as JSON, its metrics (task slots, latencies, polls).
  installSdkRuntime(logger, config.temporalMetricsAddress);
  let workers: Worker[] = [];
  // Ready while every worker of the process runs (polls its task queue); not before they start, nor once one stops.
  const ready = () => workers.length > 0 && workers.every((worker) => worker.getState() === 'RUNNING');
  const metricsServer =
    config.workerMetricsPort > 0 ? await startMetricsServer(config.workerMetricsPort, ready) : undefined;
  // The API owns the migrations; the worker only waits until they are there.
  const orm = await initOrm(config.databaseUrl, { migrate: false, logger, poolMax: config.dbPoolMax });
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = createTemporalClient({ ...config.temporal, tracing: Boolean(telemetry) });
  try {
    workers = await createIssuanceWorkers({
      connection,
      namespace: config.temporal.namespace,
      dependencies: {
        orm,
        mailer,
        secretBox: new SecretBox(config.serviceSecretKey),
        publicBaseUrl: config.publicBaseUrl,
        logger,
        temporal,
        mailDeliveryDeadlineMs: config.mailDeliveryDeadlineMs,
      },
      workflows: config.workflowBundlePath
        ? { workflowBundle: { codePath: config.workflowBundlePath } }
        : { workflowsPath },
      mailRatePerSecond: config.mailRatePerSecond,
      taskQueues: config.workerTaskQueues,
      telemetry,
    });
    await ensureSchedules(temporal, logger);
    logger.info(
      {
        taskQueues: workers.map((worker) => worker.options.taskQueue),
        metricsPort: config.workerMetricsPort || null,
        temporalMetrics: config.temporalMetricsAddress ?? null,
        tracing: Boolean(telemetry),
      },
      'workers running',
    );
    // One worker failing stops the others, so the process exits and its supervisor restarts all of them.
    await Promise.all(
      workers.map((worker) =>
        worker.run().catch((error: unknown) => {
          for (const other of workers) if (other.getState() === 'RUNNING') other.shutdown();
          throw error;
        }),
      ),
    );
  } finally {
    await connection.close();
    await temporal.connection.close();
    mailer.close();
    await orm.close();
    metricsServer?.close();
    await telemetry?.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
