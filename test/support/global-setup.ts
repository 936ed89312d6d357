import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workflowInterceptorModules } from '../../worker/workflow-interceptor-modules';

/** Bundles the workflows once for every test file (each file would otherwise spend seconds on webpack). */
export default async function globalSetup(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(__dirname, '../../workflows'),
    workflowInterceptorModules,
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  const dir = resolve(__dirname, '../../.data/test');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  process.env.TEST_WORKFLOW_BUNDLE = path;
}
