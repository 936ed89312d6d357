import { MikroORM } from '@mikro-orm/postgresql';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../api/app';
import { createLogger } from '../lib/logger';
import { ormConfig } from '../lib/orm-config';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';

/**
 * The admin console's typed client (openapi-fetch) takes its types from the OpenAPI document the app itself
 * serves at /openapi.json, turned into TypeScript by openapi-typescript. `npm run console:api-types` rewrites the
 * committed file; test/openapi.test.ts runs this script with `--check --from <the served document>`, which fails
 * when the committed file differs. (A child process: openapi-typescript's ESM dependencies do not load in Jest.)
 */
const consoleApiTypesPath = resolve(__dirname, '../console/src/api/schema.d.ts');

async function consoleApiTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  const source =
    '// Generated from the OpenAPI document by scripts/console-api-types.ts (npm run console:api-types). Do not edit.\n' +
    astToString(ast);
  return format(source, { ...(await resolveConfig(consoleApiTypesPath)), filepath: consoleApiTypesPath });
}

/** The app's document, built without touching PostgreSQL or Temporal (neither connection is opened). */
async function servedDocument(): Promise<object> {
  const orm = await MikroORM.init({ ...ormConfig('postgres://unused@127.0.0.1:1/unused'), connect: false });
  const { openApiDocument } = createApp({
    orm,
    temporal: createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' }),
    secretBox: new SecretBox(Buffer.alloc(32)),
    logger: createLogger({ level: 'silent' }),
    publicBaseUrl: 'http://localhost:3000',
    sessionTtlMinutes: 1,
  });
  return openApiDocument;
}

async function main(args: string[]): Promise<number> {
  const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined;
  const document = from ? (JSON.parse(readFileSync(from, 'utf8')) as object) : await servedDocument();
  const types = await consoleApiTypes(document);
  if (args.includes('--check')) {
    if (readFileSync(consoleApiTypesPath, 'utf8') === types) return 0;
    console.error(`${consoleApiTypesPath} is out of date: run npm run console:api-types`);
    return 1;
  }
  writeFileSync(consoleApiTypesPath, types);
  console.log(`wrote ${consoleApiTypesPath}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
