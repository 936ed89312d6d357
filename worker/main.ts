import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { createLogger } from '../lib/logger';
import { createMailer } from '../lib/mailer';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';
import { createIssuanceWorkers, workflowsPath } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  // The API owns the migrations; the worker only waits until they are there.
  const orm = await initOrm(config.databaseUrl, { migrate: false });
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = createTemporalClient(config.temporal);
  try {
    const workers = await createIssuanceWorkers({
      connection,
      namespace: config.temporal.namespace,
      dependencies: {
        orm,
        mailer,
        secretBox: new SecretBox(config.serviceSecretKey),
        publicBaseUrl: config.publicBaseUrl,
        logger,
        temporal,
      },
      workflows: config.workflowBundlePath
        ? { workflowBundle: { codePath: config.workflowBundlePath } }
        : { workflowsPath },
      mailRatePerSecond: config.mailRatePerSecond,
    });
    logger.info({ taskQueues: workers.map((worker) => worker.options.taskQueue) }, 'workers running');
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
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
