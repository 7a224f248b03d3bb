import { Readable } from 'node:stream';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { resolveLeadScope, type LeadFilter, type LeadScope } from '../leads/index.js';
import { CSV_SELECT, csvHeader, type CsvPage } from './lead-csv.js';
import { falseLiteral, placeholders, type StatsDb } from './stats-db.js';

/** Leads read per query of an export: one page in memory at a time. */
export const EXPORT_PAGE = 1000;

/** A time as the engine compares it with `leads.received_at`. */
const timeParam = (db: StatsDb, ms: number) => (db.dialect === 'sqlite' ? ms : new Date(ms));

/**
 * The scope's leads as CSV text, newest first, one page at a time: each page is one indexed query
 * after the last row's (received_at, id), so memory stays constant and no read holds a snapshot
 * open for the whole export. A page is read only when the consumer asks for more (backpressure).
 */
async function* csvPages(db: StatsDb, scope: LeadScope, masked: boolean): AsyncGenerator<string> {
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
  yield csvHeader();
  let after: { at: number; id: string } | null = null;
  for (;;) {
    // The first condition bounds the index range; the second breaks ties between equal times.
    const sql: string = after
      ? `${base} and l.received_at <= ? and (l.received_at < ? or l.id < ?) order by l.received_at desc, l.id desc limit ${EXPORT_PAGE}`
      : `${base} order by l.received_at desc, l.id desc limit ${EXPORT_PAGE}`;
    const page: CsvPage = await db.csvPage(
      sql,
      after ? [...params, timeParam(db, after.at), timeParam(db, after.at), after.id] : params,
      masked,
    );
    if (page.text) yield page.text;
    if (page.count < EXPORT_PAGE || !page.last) return;
    after = page.last;
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
    // One page of text buffered ahead at most; a client that reads slowly holds the next read back.
    return Readable.from(csvPages(this.dbFor(ctx), scope, masked), { objectMode: false, highWaterMark: 1 });
  }
}
