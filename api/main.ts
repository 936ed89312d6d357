import { telemetry } from './telemetry';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { bootstrapCompany } from '../lib/bootstrap';
import { createLogger } from '../lib/logger';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'api' });
  const orm = await initOrm(config.databaseUrl, { logger, poolMax: config.dbPoolMax });
  const bootstrap = await bootstrapCompany(orm.em.fork(), {
    ...config.bootstrapCompany,
    adminPassword: config.adminPassword,
  });
  if (bootstrap.generatedAdminPassword) {
    // Shown once on the console for the operator, deliberately not through the logger.
    process.stdout.write(
      `\n  System administrator created for company "${bootstrap.company.code}":\n` +
        `    login id: Admin\n    password: ${bootstrap.generatedAdminPassword}\n` +
        `  It is shown only this once; you will be asked to change it at first login.\n\n`,
    );
  }
  const temporal = createTemporalClient({ ...config.temporal, tracing: Boolean(telemetry) });
  const { app } = createApp({
    orm,
    temporal,
    secretBox: new SecretBox(config.serviceSecretKey),
    logger,
    publicBaseUrl: config.publicBaseUrl,
    azureAdClientSecrets: config.azureAdClientSecrets,
    sessionTtlMinutes: config.sessionTtlMinutes,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimits,
    adminLockout: config.adminLockout,
    importLimits: config.importLimits,
    jsonLimits: config.jsonLimits,
  });
  const server = app.listen(config.port);
  await once(server, 'listening');
  // The bound port, not the configured one: PORT=0 (tests, several replicas on one host) picks a free one.
  const { port } = server.address() as AddressInfo;
  logger.info({ port, publicBaseUrl: config.publicBaseUrl, tracing: Boolean(telemetry) }, 'API listening');

  const shutdown = () => {
    logger.info('shutting down');
    server.close(() => {
      void Promise.allSettled([orm.close(), temporal.connection.close(), telemetry?.shutdown()]).then(() =>
        process.exit(0),
      );
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
