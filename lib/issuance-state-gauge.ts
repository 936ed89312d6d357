import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { issuanceChannels, openIssuanceStatuses } from '../entities';
import { metricsRegistry } from './metrics';

type Counts = { status: string; channel: string; count: string | number }[];
type CountOpen = () => Promise<Counts>;

let countOpen: CountOpen | undefined;
let gauge: Gauge<'state' | 'channel'> | undefined;

/** The open issuances by status and channel: one grouped count over the (status, channel) index. */
function openCounter(orm: MikroORM): CountOpen {
  const statuses = openIssuanceStatuses.map(() => '?').join(', ');
  return () =>
    orm.em
      .fork()
      .getConnection()
      .execute<Counts>(
        `select status, channel, count(*) as count from issuance where status in (${statuses}) group by status, channel`,
        [...openIssuanceStatuses],
      );
}

/**
 * `issuances_open{state,channel}`: the issuances still open (sending, pending, verified), counted in PostgreSQL
 * at each scrape, so an operator can alert on a backlog (e.g. many `sending` for long: mail not going out). The
 * API process registers it (one query per scrape of each replica); the worker does not. Every state and channel
 * is present, 0 included; a scrape while the database is down leaves the series out instead of failing.
 * Registering again (tests build several apps in one process) only points the gauge at the newer database.
 */
export function registerOpenIssuancesGauge(orm: MikroORM): void {
  countOpen = openCounter(orm);
  gauge ??= new Gauge({
    name: 'issuances_open',
    help: 'Issuances not ended yet, by state (sending, pending, verified) and channel, counted at scrape time',
    labelNames: ['state', 'channel'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      let rows: Counts;
      try {
        rows = countOpen ? await countOpen() : [];
      } catch {
        return;
      }
      for (const state of openIssuanceStatuses) {
        for (const channel of issuanceChannels) this.set({ state, channel }, 0);
      }
      for (const row of rows) this.set({ state: row.status, channel: row.channel }, Number(row.count));
    },
  });
}
