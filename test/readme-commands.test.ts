import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The commands README gives for development run as written. */
describe('README commands', () => {
  it('`npm run test:fast` runs the fast layer alone, without PostgreSQL or Temporal, and passes', async () => {
    const { stderr } = await promisify(execFile)('npm', ['run', 'test:fast', '--', '--silent'], {
      cwd: `${__dirname}/..`,
      // No database server: the fast layer must not need one.
      env: { ...process.env, TEST_DATABASE_SERVER_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(stderr).toMatch(/Test Suites: \d+ passed, \d+ total/);
    expect(stderr).not.toMatch(/failed/);
    expect(stderr).toMatch(/fast/);
  });
});
