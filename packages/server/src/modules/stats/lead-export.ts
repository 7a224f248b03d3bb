import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { resolveLeadScope, type LeadFilter, type LeadScope } from '../leads/index.js';
import { CSV_COLUMNS, CSV_SELECT, csvRecord, type CsvLeadRow } from './lead-csv.js';
import { falseLiteral, placeholders, type StatsDb } from './stats-db.js';
import { toMs } from './stats-engine.js';

/** Leads read per query of an export: one page in memory at a time. */
export const EXPORT_PAGE = 1000;

/** A time as the engine compares it with `leads.received_at`. */
const timeParam = (db: StatsDb, ms: number) => (db.dialect === 'sqlite' ? ms : new Date(ms));

/**
 * The scope's leads, newest first, one page at a time: each page is one indexed query after the
 * last row's (received_at, id), so memory stays constant and no read holds a snapshot open for the
 * whole export. A page is fetched only when the consumer asks for more (backpressure).
 */
async function* leadRows(db: StatsDb, scope: LeadScope): AsyncGenerator<CsvLeadRow> {
  const where = ['l.account_id = ?'];
  const params: unknown[] = [scope.accountId];
  if (scope.campaignIds) {
    where.push(`l.campaign_id in (${placeholders(scope.campaignIds.length)})`);
    params.push(...scope.campaignIds);
  }
  if (scope.sourceIds) {
    where.push(`l.source_id in (${placeholders(scope.sourceIds.length)})`);
    params.push(...scope.sourceIds);
  }
  if (scope.status) {
    where.push('l.status = ?');
    params.push(scope.status);
  }
  if (!scope.includeTest) where.push(`l.is_test = ${falseLiteral(db.dialect)}`);
  if (scope.from) {
    where.push('l.received_at >= ?');
    params.push(timeParam(db, scope.from.getTime()));
  }
  if (scope.to) {
    where.push('l.received_at < ?');
    params.push(timeParam(db, scope.to.getTime()));
  }
  const base = `select ${CSV_SELECT} from leads l join campaigns c on c.id = l.campaign_id join sources s on s.id = l.source_id where ${where.join(' and ')}`;
  let after: { at: number; id: string } | null = null;
  for (;;) {
    // The first condition bounds the index range; the second breaks ties between equal times.
    const sql: string = after
      ? `${base} and l.received_at <= ? and (l.received_at < ? or l.id < ?) order by l.received_at desc, l.id desc limit ${EXPORT_PAGE}`
      : `${base} order by l.received_at desc, l.id desc limit ${EXPORT_PAGE}`;
    const page: CsvLeadRow[] = await db.all<CsvLeadRow>(sql, after ? [...params, timeParam(db, after.at), timeParam(db, after.at), after.id] : params);
    yield* page;
    if (page.length < EXPORT_PAGE) return;
    const last = page.at(-1)!;
    after = { at: toMs(last.received_at as number | string | Date), id: String(last.id) };
  }
}

/**
 * `GET /leads.csv`: the leads of a filter as a CSV stream, with the visibility of the leads list
 * (a SOURCE key: its own source's leads) and the fields of the `Lead` type (READER keys: contact
 * fields masked as over GraphQL).
 */
export class LeadExportService {
  constructor(private readonly dbFor: (ctx: RequestContext) => StatsDb) {}

  /** Checks the filter (errors are thrown before anything is sent), then returns the CSV stream. */
  async csv(ctx: RequestContext, filter: LeadFilter): Promise<Readable> {
    const scope = await resolveLeadScope(ctx, filter);
    const masked = requireKey(ctx.caller).role === ApiKeyRole.READER;
    const db = this.dbFor(ctx);
    const records = Readable.from((async function* () {
      for await (const row of leadRows(db, scope)) yield csvRecord(row, masked);
    })(), { highWaterMark: 256 });
    // pipeline ends the page reads when the client goes away, and fails the response when a read fails.
    return pipeline(records, stringify({ header: true, columns: [...CSV_COLUMNS] }), () => undefined);
  }
}
