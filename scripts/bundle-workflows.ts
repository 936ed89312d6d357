/** Bundles the workflows for production, so the worker does not run webpack at start-up (STYLE.md, rule 6). */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../workflows') });
  const target = resolve(__dirname, '../dist/workflow-bundle.js');
  mkdirSync(resolve(target, '..'), { recursive: true });
  writeFileSync(target, code);
  console.log(`wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
