/**
 * The CPU of an import's checks alone: `previewAccountImport` (the dry run: every rule of a registration, nothing
 * written) over a generated file of BENCH_ROWS (default 10,000) new accounts, RUNS times (default 6) in this
 * process against a scratch database, printing each run's wall time and CPU. The first runs pay the JIT; the
 * later ones are what a warm worker spends. For profiling the worker's share of `npm run bench:import`:
 *   npx tsx scripts/bench/import-checks.ts
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/import-checks.ts
 */
import { performance } from 'node:perf_hooks';
import { principalOfAccount } from '../../domain/access/acting-account';
import { previewAccountImport } from '../../domain/accounts/account-import';
import { Account } from '../../entities';
import { bootstrapCompany } from '../../lib/bootstrap';
import { generatedCsv } from '../../test/support/account-csv';
import { createTestDatabase } from '../../test/support/database';
import { runBench } from './support';

runBench(async () => {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000);
  const runs = Number(process.env.RUNS ?? 6);
  const db = await createTestDatabase();
  try {
    const em = db.orm.em.fork();
    const { company } = await bootstrapCompany(em, {
      code: 'acme',
      name: 'アクメ株式会社',
      adminPassword: 'x'.repeat(20),
    });
    const admin = await em.fork().findOneOrFail(Account, { company: company.id, code: 'Admin' });
    const principal = (await principalOfAccount(em.fork(), admin.id))!;
    const csv = Buffer.from(generatedCsv(rows, { prefix: 'M' }), 'utf8');
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const { summary } = await previewAccountImport(db.orm.em.fork(), principal, csv, {});
      const used = process.cpuUsage(cpu);
      if (summary.create !== rows) throw new Error(`expected ${rows} creations: ${JSON.stringify(summary)}`);
      const wall = Math.round(performance.now() - started);
      console.log(
        `run ${run}: ${rows} rows checked in ${wall} ms, CPU ${Math.round((used.user + used.system) / 1000)} ms`,
      );
    }
  } finally {
    await db.drop();
  }
});
