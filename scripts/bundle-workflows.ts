/**
 * Bundles the workflows for production, so the worker does not run webpack at start-up (STYLE.md, rule 6).
 * `npm run build` runs the compiled copy (dist/scripts) with node from the project folder, so paths are taken
 * from the working directory: the TypeScript sources in workflows/ in, dist/workflow-bundle.js out.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { workflowInterceptorModules } from '../worker/workflow-interceptor-modules';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve('workflows'), workflowInterceptorModules });
  const target = resolve('dist/workflow-bundle.js');
  mkdirSync(resolve(target, '..'), { recursive: true });
  writeFileSync(target, code);
  console.log(`wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
