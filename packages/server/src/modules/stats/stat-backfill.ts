import { bucketsOf, GRAINS } from './stat-calendar.js';
import { COUNTER_ZONES, deltaParams, LEAD_COUNTERS, SALE_COUNTERS, upsertSql, type CounterDelta } from './stat-counters.js';
import type { StatsDialect } from './stats-db.js';

/** Runs one SQL statement with `?` parameters and returns its rows. */
export type RunSql = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

const QUARTER_MS = 15 * 60_000;
/** Leads read per group-by query: a window of receive times, so memory stays bounded on any table. */
const WINDOW_MS = 30 * 86_400_000;
// 12 parameters a row: 6,000 a statement, well under both engines' limits.
const ROWS_PER_UPSERT = 500;

/** The UTC quarter hour of `leads.received_at` (l) as an integer, on the engine. */
const quarterOf = (dialect: StatsDialect) =>
  dialect === 'sqlite' ? `(l.received_at / ${QUARTER_MS})` : `floor(extract(epoch from l.received_at) / ${QUARTER_MS / 1000})::bigint`;

const timeParam = (dialect: StatsDialect, ms: number) => (dialect === 'sqlite' ? ms : new Date(ms));
const toMs = (value: unknown) =>
  value instanceof Date
    ? value.getTime()
    : typeof value === 'number'
      ? value
      : /^\d+$/.test(String(value))
        ? Number(value)
        : new Date(String(value)).getTime();

/**
 * Counts leads (and their sales) received in [from, to) of every account into the counters, from
 * COUNT(*) per UTC quarter hour (no zone's hour, day or month boundary falls inside one). Adds to
 * what is there: the stat_counters migration runs it once over empty counters, and the bench runs
 * it over the leads it inserts directly.
 */
export async function backfillStatCounters(
  run: RunSql,
  dialect: StatsDialect,
  range: { from?: number; to?: number } = {},
): Promise<{ leads: number; rows: number }> {
  let leads = 0;
  let rows = 0;
  const accounts = await run('select id, time_zone from accounts');
  for (const account of accounts) {
    const accountId = String(account.id);
    const zone = String(account.time_zone);
    const [bounds] = await run(
      'select (select min(received_at) from leads where account_id = ?) as lo, (select max(received_at) from leads where account_id = ?) as hi',
      [accountId, accountId],
    );
    if (bounds?.lo == null || bounds.hi == null) continue;
    const first = Math.max(toMs(bounds.lo), range.from ?? Number.NEGATIVE_INFINITY);
    const last = Math.min(toMs(bounds.hi) + 1, range.to ?? Number.POSITIVE_INFINITY);
    await run(`insert into ${COUNTER_ZONES} (account_id, zone) values (?, ?) on conflict do nothing`, [accountId, zone]);
    for (let start = first; start < last; start += WINDOW_MS) {
      const end = Math.min(start + WINDOW_MS, last);
      const window = [accountId, timeParam(dialect, start), timeParam(dialect, end)];
      const leadRows = await run(
        `select ${quarterOf(dialect)} as q, l.campaign_id, l.source_id, l.status, coalesce(l.reason_code, '') as reason, l.is_test,
           count(*) as n, sum(l.price_cents) as rev
         from leads l where l.account_id = ? and l.received_at >= ? and l.received_at < ?
         group by 1, l.campaign_id, l.source_id, l.status, coalesce(l.reason_code, ''), l.is_test`,
        window,
      );
      const leadDeltas = new Map<string, CounterDelta>();
      for (const r of leadRows) {
        leads += Number(r.n);
        const buckets = bucketsOf(Number(r.q) * QUARTER_MS, zone);
        for (const grain of GRAINS) {
          add(
            leadDeltas,
            [
              accountId,
              grain,
              buckets[grain].start,
              buckets[grain].end,
              String(r.campaign_id),
              String(r.source_id),
              String(r.status),
              String(r.reason),
              Boolean(Number(r.is_test) || r.is_test === true),
              0,
            ],
            r,
          );
        }
      }
      rows += await upsert(run, dialect, LEAD_COUNTERS, leadDeltas);
      const saleRows = await run(
        `select ${quarterOf(dialect)} as q, l.campaign_id, l.source_id, s.buyer_id, count(*) as n, sum(s.price_cents) as rev
         from sales s join leads l on l.id = s.lead_id where l.account_id = ? and l.received_at >= ? and l.received_at < ?
         group by 1, l.campaign_id, l.source_id, s.buyer_id`,
        window,
      );
      const saleDeltas = new Map<string, CounterDelta>();
      for (const r of saleRows) {
        const buckets = bucketsOf(Number(r.q) * QUARTER_MS, zone);
        for (const grain of GRAINS) {
          add(
            saleDeltas,
            [accountId, grain, buckets[grain].start, buckets[grain].end, String(r.campaign_id), String(r.source_id), String(r.buyer_id), 0],
            r,
          );
        }
      }
      rows += await upsert(run, dialect, SALE_COUNTERS, saleDeltas);
    }
  }
  return { leads, rows };
}

function add(into: Map<string, CounterDelta>, key: Array<string | number | boolean>, row: Record<string, unknown>): void {
  const k = key.join('\u0000');
  const seen = into.get(k);
  if (seen) {
    seen.count += Number(row.n);
    seen.revenueCents += Number(row.rev ?? 0);
  } else {
    into.set(k, { key, count: Number(row.n), revenueCents: Number(row.rev ?? 0) });
  }
}

async function upsert(
  run: RunSql,
  dialect: StatsDialect,
  table: typeof LEAD_COUNTERS | typeof SALE_COUNTERS,
  deltas: Map<string, CounterDelta>,
): Promise<number> {
  const all = [...deltas.values()];
  for (let i = 0; i < all.length; i += ROWS_PER_UPSERT) {
    const chunk = all.slice(i, i + ROWS_PER_UPSERT);
    await run(upsertSql(table, chunk.length), deltaParams(chunk, dialect));
  }
  return all.length;
}
