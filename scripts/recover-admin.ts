/**
 * Operator command: gives a company's system administrator (`Admin`) a way back in. Run on a server
 * that reaches the database (DATABASE_URL), never over HTTP:
 *
 *   npm run admin:recover -- --company demo
 *
 * Unlocks Admin, clears failed logins and the MFA setup, enables login, sets a new password (printed
 * once here; it must be changed at the next login) and ends Admin's open sessions.
 */
import { parseArgs } from 'node:util';
import { recoverSystemAdministrator } from '../domain/access/administrator-recovery';
import { DomainError } from '../domain/errors';
import { loadDatabaseUrl } from '../lib/config';
import { initOrm } from '../lib/db';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { company: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.company) {
    console.error('usage: npm run admin:recover -- --company <company code>');
    return 2;
  }
  const orm = await initOrm(loadDatabaseUrl());
  try {
    const recovered = await recoverSystemAdministrator(orm.em.fork(), values.company, new Date());
    process.stdout.write(
      `\n  ${recovered.loginId} of company "${recovered.companyCode}" is unlocked, MFA is reset and every session ended.\n` +
        `    login id: ${recovered.loginId}\n    password: ${recovered.password}\n` +
        `  Shown only this once; it must be changed at the next login.\n\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await orm.close(true);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
