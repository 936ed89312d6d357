import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { createLogger } from '../lib/logger';
import { createMailer } from '../lib/mailer';
import { SecretBox } from '../lib/secret-box';
import { createIssuanceWorker, workflowsPath } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  // The API owns the migrations; the worker only waits until they are there.
  const orm = await initOrm(config.databaseUrl, { migrate: false });
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createIssuanceWorker({
      connection,
      namespace: config.temporal.namespace,
      dependencies: {
        orm,
        mailer,
        secretBox: new SecretBox(config.serviceSecretKey),
        publicBaseUrl: config.publicBaseUrl,
        logger,
      },
      workflows: config.workflowBundlePath
        ? { workflowBundle: { codePath: config.workflowBundlePath } }
        : { workflowsPath },
    });
    logger.info({ taskQueue: worker.options.taskQueue }, 'worker running');
    await worker.run();
  } finally {
    await connection.close();
    mailer.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
