/**
 * Records how long each test file took in the last `npm test` (.data/test/jest-results.json) into
 * test/support/durations.json, which test/support/sequencer.js reads to start the longest files first.
 *   npx tsx scripts/test-durations.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const results = JSON.parse(readFileSync(resolve(root, '.data/test/jest-results.json'), 'utf8')) as {
  testResults: { name: string; startTime: number; endTime: number }[];
};
const seconds = results.testResults
  .map((file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 1000)] as const)
  .sort((a, b) => b[1] - a[1]);
writeFileSync(
  resolve(root, 'test/support/durations.json'),
  `${JSON.stringify(Object.fromEntries(seconds), null, 2)}\n`,
);
console.log(`${seconds.length} files recorded`);
