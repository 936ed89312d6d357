// Runs the test files longest first, by the seconds each took in a recorded run (durations.json, written by
// `npx tsx scripts/test-durations.ts` from the last `npm test`'s results), so the Jest workers finish together: in a fresh
// clone Jest has no timing cache of its own and would start by file size, leaving the longest file to the end.
const { relative, resolve } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const durations = require('./durations.json');

const root = resolve(__dirname, '../..');
/** A file not in the record yet: about a typical integration file. */
const unknownSeconds = 10;

class LongestFirst extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    const seconds = (test) => durations[relative(root, test.path).replace(/\\/g, '/')] ?? unknownSeconds;
    return [...ordered].sort((a, b) => seconds(b) - seconds(a));
  }
}

module.exports = LongestFirst;
