import { hash } from 'node:crypto';
import { randomToken } from '../../shared/ids.js';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { requireAdmin } from '../../auth/caller.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { AppError, badInput, notFound } from '../../errors/app-error.js';
import { localTime } from '../../shared/local-time.js';
import { isSqlite } from '../../shared/row-lock.js';
import { parseWallClock } from '../../shared/wall-clock.js';
import { Account } from '../accounts/index.js';
import { Campaign } from '../campaigns/index.js';
import { DuplicateKey } from '../campaigns/requirement-enums.js';
import { normalizeLead, STANDARD_FIELD_NAMES, type StandardField } from '../fields/index.js';
import { ACCEPTED_STATUSES, Lead, LeadDoor, LeadStatus } from '../leads/index.js';
import { statCounters } from '../stats/index.js';
import { Source, SourceCampaign, SOURCE_KEY_PREFIX } from '../sources/index.js';
import { LEAD_COLUMNS, mapRow } from './column-map.js';
import type { ImportRow } from './import-rows.js';
import { runRows, type ImportOptions, type ImportSummary } from './import-runner.js';

/** Where imported leads go, and how their columns are read. */
export interface LeadImportTarget {
  /** The campaign of rows that name none (a `campaignId` column may name others of the same account). */
  campaignId: string;
  /** The source of rows that name none; default the account's "Imported history" source. */
  sourceId?: string | null;
  /** Explicit `field=column` pairs; other columns are read by their names. */
  mapping?: ReadonlyArray<{ target: string; column: string }>;
}

/** The name of the source imported leads are attributed to when neither the import nor the row names one. */
export const IMPORT_SOURCE_NAME = 'Imported history';

/** Prefix of imported leads' ids, which are derived from the row, so importing a row again finds it. */
const IMPORT_ID_PREFIX = 'limp';

const STATUS_WORDS: Record<string, LeadStatus> = {
  accepted: LeadStatus.ACCEPTED,
  accept: LeadStatus.ACCEPTED,
  success: LeadStatus.ACCEPTED,
  true: LeadStatus.ACCEPTED,
  yes: LeadStatus.ACCEPTED,
  '1': LeadStatus.ACCEPTED,
  sold: LeadStatus.SOLD,
  pending: LeadStatus.PENDING,
  rejected: LeadStatus.REJECTED,
  reject: LeadStatus.REJECTED,
  false: LeadStatus.REJECTED,
  no: LeadStatus.REJECTED,
  '0': LeadStatus.REJECTED,
  test: LeadStatus.TEST,
};

const sha256 = (value: string) => hash('sha256', value, 'buffer');
const hex = (value: string) => hash('sha256', value, 'hex');

/** A lead's id from what identifies its row: the time (so ids of a dated file insert in order) and a hash. */
function importedLeadId(receivedAtMs: number, identity: string): string {
  const time = Math.max(0, receivedAtMs).toString(36).padStart(9, '0').slice(-9);
  const digest = sha256(identity);
  let hash = '';
  for (let i = 0; hash.length < 22; i++) hash += (digest[i]! % 36).toString(36);
  return `${IMPORT_ID_PREFIX}_${time}${hash}`;
}

/** `12.50`, `$12.50` or `12` (dollars) as cents, or null. */
function cents(text: string): number | null {
  const match = /^\$?\s*(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : null;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A receive time: ISO 8601 with a zone, epoch seconds or milliseconds, or a wall-clock time of
 * `timeZone` (`2026-03-03 10:30:00`, `2026-03-03`, `03/03/2026 10:30`); null when none of these.
 */
export function parseReceivedAt(text: string, timeZone: string): Date | null {
  const value = text.trim();
  if (/^\d{10}$/.test(value)) return new Date(Number(value) * 1000);
  if (/^\d{13}$/.test(value)) return new Date(Number(value));
  if (/[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value.replace(' ', 'T'));
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const us = US_DATE.exec(value);
  const wall = us
    ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}${us[4] ? ` ${us[4].padStart(2, '0')}:${us[5]}:${us[6] ?? '00'}` : ''}`
    : value;
  return parseWallClock(wall, timeZone);
}

/** A campaign as an import needs it, with the caps of each source's approval. */
interface CampaignContext {
  campaign: Campaign;
  id: string;
  accountId: string;
  timeZone: string;
  keys: DuplicateKey[];
  defaultPriceCents: number;
  approvals: Map<string, { id: string; caps: Campaign['caps']; priceCents: number | null } | null>;
}

/** One row ready to write. */
interface PreparedLead {
  line: number;
  row: Record<string, unknown>;
  receivedAtMs: number;
  dedupe: Array<{ campaignId: string; kind: string; hash: string }>;
  caps: string[];
}

const LEAD_COLUMNS_CACHE = new WeakMap<object, Array<{ prop: string; column: string }>>();

/**
 * Imports past leads: each row becomes a stored lead of its campaign and source, with its
 * receive time and status, through the door `IMPORT`. Accepted ones (accepted, sold, pending;
 * not test) count as the live ones do: in the duplicate ledger, the caps' counters and the
 * dashboards' counters. Rows run through no rule: they were decided by the system they come
 * from. An import is idempotent: a row's lead id derives from the row (its `key` column, or its
 * content), so importing a file again stores nothing twice. Writes go in short transactions.
 */
export class LeadImportService {
  async run(
    ctx: RequestContext,
    target: LeadImportTarget,
    rows: AsyncIterable<ImportRow>,
    options: ImportOptions = {},
  ): Promise<ImportSummary> {
    const em = ctx.em;
    const now = options.now ?? new Date();
    const lookups = new Lookups(em);
    const main = await lookups.loadCampaign(target.campaignId);
    if (!main) throw notFound('Campaign');
    requireAdmin(ctx.caller, main.accountId);
    const accountId = main.accountId;
    let defaultSource = target.sourceId?.trim() || null;
    if (defaultSource) {
      if (!(await lookups.loadSource(defaultSource, accountId))) throw notFound('Source');
    } else {
      defaultSource = await this.importSource(em, accountId);
      await lookups.loadSource(defaultSource, accountId);
    }
    const counters = await countersReady(em);
    const writer: Writer = isSqlite(em) ? new SqliteWriter(em, counters) : new PortableWriter(em, counters);
    const context: PrepareContext = {
      accountId,
      defaultCampaign: target.campaignId,
      defaultSource,
      now,
      lookups,
      periods: new PeriodKeys(),
    };
    try {
      return await runRows<PreparedLead>(
        rows,
        {
          schema: LEAD_COLUMNS,
          mapping: target.mapping ?? [],
          prepare: async (record, map, line) => {
            const mapped = mapRow(map, record);
            await lookups.ensure(mapped.meta.campaignId ?? target.campaignId, mapped.meta.sourceId ?? defaultSource, accountId);
            return prepare(line, mapped, context);
          },
          write: (batch) => writer.write(batch),
          finish: () => writer.finish(),
        },
        options,
      );
    } catch (error) {
      await writer.discard();
      throw error;
    }
  }

  /** The account's "Imported history" source, made once (its auth key is never shown: nothing posts as it). */
  private async importSource(em: EntityManager, accountId: string): Promise<string> {
    const existing = await em.findOne(Source, { account: accountId, name: IMPORT_SOURCE_NAME }, { orderBy: { createdAt: 'asc' } });
    if (existing) return existing.id;
    const key = newSecret(SOURCE_KEY_PREFIX);
    const source = em.create(Source, {
      account: em.getReference(Account, accountId),
      name: IMPORT_SOURCE_NAME,
      authKeyHash: hashSecret(key),
      authKeyPreview: secretPreview(key),
    });
    await em.flush();
    return source.id;
  }
}

interface PrepareContext {
  accountId: string;
  defaultCampaign: string;
  defaultSource: string;
  now: Date;
  lookups: Lookups;
  periods: PeriodKeys;
}

/** Campaigns, sources and approvals an import has looked up: loaded once (async), then read synchronously per row. */
class Lookups {
  private readonly campaigns = new Map<string, CampaignContext | null>();
  private readonly sources = new Map<string, string | null>();
  constructor(private readonly em: EntityManager) {}

  async loadCampaign(id: string): Promise<CampaignContext | null> {
    if (!this.campaigns.has(id)) {
      const campaign = await this.em.findOne(Campaign, { id });
      this.campaigns.set(
        id,
        campaign
          ? {
              campaign,
              id: campaign.id,
              accountId: campaign.account.id,
              timeZone: campaign.timeZone,
              keys: campaign.duplicates.keys,
              defaultPriceCents: campaign.defaultPriceCents,
              approvals: new Map(),
            }
          : null,
      );
    }
    return this.campaigns.get(id)!;
  }

  /** Whether `id` is a source of the account. */
  async loadSource(id: string, accountId: string): Promise<boolean> {
    if (!this.sources.has(id)) this.sources.set(id, (await this.em.findOne(Source, { id }, { fields: ['account'] }))?.account.id ?? null);
    return this.sources.get(id) === accountId;
  }

  /** Loads what a row names (its campaign, source and their approval), so {@link prepare} reads it synchronously. */
  async ensure(campaignId: string, sourceId: string, accountId: string): Promise<void> {
    const campaign = this.campaigns.get(campaignId) ?? (this.campaigns.has(campaignId) ? null : await this.loadCampaign(campaignId));
    if (!campaign || campaign.accountId !== accountId) throw badInput(`campaign "${campaignId}" is not a campaign of this account`);
    if (this.sources.get(sourceId) !== accountId && !(await this.loadSource(sourceId, accountId)))
      throw badInput(`source "${sourceId}" is not a source of this account`);
    if (!campaign.approvals.has(sourceId)) {
      const approval = await this.em.findOne(SourceCampaign, { source: sourceId, campaign: campaign.id });
      campaign.approvals.set(sourceId, approval ? { id: approval.id, caps: approval.caps, priceCents: approval.priceCents } : null);
    }
  }

  campaign(id: string): CampaignContext {
    return this.campaigns.get(id)!;
  }
}

/** The cap periods (day, ISO week, month) of an instant in a zone, remembered per quarter hour (no zone changes offset within one). */
class PeriodKeys {
  private readonly cache = new Map<string, { daily: string; weekly: string; monthly: string; total: string }>();

  of(ms: number, timeZone: string) {
    const slot = `${timeZone}\u0000${Math.floor(ms / 900_000)}`;
    let keys = this.cache.get(slot);
    if (!keys) {
      if (this.cache.size > 50_000) this.cache.clear();
      const local = localTime(new Date(ms), timeZone);
      keys = { daily: local.date, weekly: local.isoWeek, monthly: local.month, total: 'total' };
      this.cache.set(slot, keys);
    }
    return keys;
  }
}

/** An imported lead's trace: the one stage it went through (stored as its entries, which decodeTrace reads). */
const TRACE = [{ stage: 'import', outcome: 'PASS' }];
const TRACE_JSON = JSON.stringify(TRACE);
const PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;

/** One row as a lead to write, with its ledger keys and cap counters when it counts. Throws BAD_USER_INPUT for a row that cannot be one. */
function prepare(line: number, mapped: ReturnType<typeof mapRow>, c: PrepareContext): PreparedLead {
  const campaign = c.lookups.campaign(mapped.meta.campaignId ?? c.defaultCampaign);
  const sourceId = mapped.meta.sourceId ?? c.defaultSource;
  const lead = normalizeLead({ fields: mapped.fields, extra: mapped.extra });
  const statusText = mapped.meta.status?.toLowerCase();
  const status =
    statusText === undefined ? LeadStatus.ACCEPTED : Object.hasOwn(STATUS_WORDS, statusText) ? STATUS_WORDS[statusText] : undefined;
  if (!status) throw badInput(`status "${mapped.meta.status}" is none of accepted, sold, pending, rejected, test`);
  let receivedAt = c.now;
  if (mapped.meta.receivedAt !== undefined) {
    const parsed = parseReceivedAt(mapped.meta.receivedAt, campaign.timeZone);
    if (!parsed)
      throw badInput(
        `receivedAt "${mapped.meta.receivedAt}" is not a date and time (use ISO 8601, or YYYY-MM-DD hh:mm:ss in the campaign's time zone)`,
      );
    if (parsed.getTime() > c.now.getTime() + 86_400_000) throw badInput(`receivedAt ${parsed.toISOString()} is in the future`);
    receivedAt = parsed;
  }
  const receivedAtMs = receivedAt.getTime();
  const accepted = (ACCEPTED_STATUSES as string[]).includes(status);
  const approval = campaign.approvals.get(sourceId) ?? null;
  let priceCents = 0;
  if (accepted) {
    const price = mapped.meta.price === undefined ? (approval?.priceCents ?? campaign.defaultPriceCents) : cents(mapped.meta.price);
    if (price === null) throw badInput(`price "${mapped.meta.price}" is not an amount in dollars such as 12.50`);
    priceCents = price;
  }
  const identity =
    mapped.meta.key !== undefined
      ? `${c.accountId}\u0000key\u0000${mapped.meta.key}`
      : `${c.accountId}\u0000row\u0000${JSON.stringify([campaign.id, sourceId, status, receivedAtMs, STANDARD_FIELD_NAMES.map((f) => lead.fields[f]), Object.entries(lead.extra).sort(([a], [b]) => a.localeCompare(b))])}`;
  const id = importedLeadId(receivedAtMs, identity);
  const isTest = status === LeadStatus.TEST;
  const row: Record<string, unknown> = {
    id,
    account: c.accountId,
    campaign: campaign.id,
    source: sourceId,
    status,
    reasonCode: null,
    reasonMessage: status === LeadStatus.REJECTED ? 'Imported as rejected' : '',
    priceCents,
    isTest,
    door: LeadDoor.IMPORT,
    receivedAt,
    ...lead.fields,
    extra: lead.extra,
    storedTrace: TRACE,
    raw: null,
  };
  const dedupe: PreparedLead['dedupe'] = [];
  const caps: string[] = [];
  if (accepted && !isTest) {
    for (const key of campaign.keys) {
      const value = key === DuplicateKey.EMAIL ? lead.fields.email : lead.fields.phone;
      if (value !== null) dedupe.push({ campaignId: campaign.id, kind: key === DuplicateKey.EMAIL ? 'email' : 'phone', hash: hex(value) });
    }
    const caps1 = approval?.caps;
    const caps2 = campaign.campaign.caps;
    if ((caps1 && Object.keys(caps1).length) || Object.keys(caps2).length) {
      const keys = c.periods.of(receivedAtMs, campaign.timeZone);
      for (const period of PERIODS) {
        if (caps1?.[period] != null) caps.push(`sc:${approval!.id}:${period}\u0000${keys[period]}`);
        if (caps2[period] != null) caps.push(`campaign:${campaign.id}:${period}\u0000${keys[period]}`);
      }
    }
  }
  return { line, row, receivedAtMs, dedupe, caps };
}

/** Values as MikroORM stores them on SQLite: dates as epoch ms, booleans as 0/1, JSON as text. */
function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return value === TRACE ? TRACE_JSON : JSON.stringify(value);
  return value ?? null;
}

/**
 * Whether the dashboards' counter tables exist. Until their migration lands the counters are not
 * written (the stats engineer's counters module is there before its tables).
 */
async function countersReady(em: EntityManager): Promise<boolean> {
  try {
    await (em as SqlEntityManager).execute('select 1 from lead_stat_counters where 1 = 0');
    return true;
  } catch {
    return false;
  }
}

/** Caps counters of a batch, summed: `scope\0period` -> leads. */
function capCounts(rows: readonly PreparedLead[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const key of r.caps) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** The newest lead per duplicate key of a batch. */
function newestKeys(
  rows: readonly PreparedLead[],
): Array<{ campaignId: string; kind: string; hash: string; leadId: string; receivedAtMs: number }> {
  const newest = new Map<string, { campaignId: string; kind: string; hash: string; leadId: string; receivedAtMs: number }>();
  for (const r of rows) {
    for (const d of r.dedupe) {
      const k = `${d.campaignId}\u0000${d.kind}\u0000${d.hash}`;
      const seen = newest.get(k);
      if (!seen || seen.receivedAtMs < r.receivedAtMs) newest.set(k, { ...d, leadId: r.row.id as string, receivedAtMs: r.receivedAtMs });
    }
  }
  return [...newest.values()];
}

/** Keeps the newest lead of a key: an older imported lead never replaces a newer (live) one. */
const UPSERT_KEY = `on conflict (campaign_id, kind, value_hash) do update set lead_id = excluded.lead_id, received_at = excluded.received_at
  where ledger_dedupe_keys.received_at < excluded.received_at`;
const CAP_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, ?, ?)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + excluded.count`;

/** The leads table's columns by property, from the ORM's metadata. */
function leadColumns(em: EntityManager): Array<{ prop: string; column: string }> {
  const meta = em.getMetadata().get(Lead.name);
  let columns = LEAD_COLUMNS_CACHE.get(meta);
  if (!columns) {
    columns = meta.props
      .filter((p) => p.fieldNames?.length === 1 && p.persist !== false)
      .map((p) => ({ prop: p.name, column: p.fieldNames[0]! }));
    LEAD_COLUMNS_CACHE.set(meta, columns);
  }
  return columns;
}

interface Writer {
  /** Writes a batch in one transaction; returns how many leads were new. */
  write(rows: readonly PreparedLead[]): Promise<number>;
  /** Completes what the batches left to do (the ledger's keys on SQLite). */
  finish(): Promise<void>;
  /** Drops what a failed import left waiting. */
  discard(): Promise<void>;
}

/** The subset of a better-sqlite3 connection the writer uses. */
interface SqliteConnection {
  prepare(sql: string): {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  transaction<T>(fn: () => T): () => T;
  exec(sql: string): unknown;
}

/** Rows per multi-row insert (27 values each, well under SQLite's 32766 parameters). */
const ROWS_PER_INSERT = 100;

/** Keys merged into the ledger per transaction. */
const MERGE_CHUNK = 5000;

/**
 * SQLite: one synchronous better-sqlite3 transaction per batch with prepared statements (the
 * embedded store's way): the leads, their cap counters and the dashboards' counters. The batch's
 * duplicate keys wait in a table of the connection's own temp database (no journal, nothing for a
 * reader to see); {@link finish} then moves them into the ledger in key order, in short
 * transactions: written one by one in hash order, each key would cost a page write, and the
 * import a hundred times longer. Every row's keys wait, stored now or already there: an import
 * stopped before its merge leaves its leads without keys, and running it again merges them (a key
 * never replaces a newer one).
 */
class SqliteWriter implements Writer {
  private readonly columns: Array<{ prop: string; column: string }>;
  private readonly statements = new WeakMap<SqliteConnection, Map<string, ReturnType<SqliteConnection['prepare']>>>();
  /** The temp table of waiting keys: its own name, as imports through the gateway share one connection. */
  private readonly pending = `import_keys_${randomToken(12)}`;
  constructor(
    private readonly em: EntityManager,
    private readonly counters: boolean,
  ) {
    this.columns = leadColumns(em);
  }

  private async withConnection<T>(fn: (conn: SqliteConnection) => T): Promise<T> {
    const client = (this.em as SqlEntityManager).getKnex().client as {
      acquireConnection(): Promise<SqliteConnection>;
      releaseConnection(conn: SqliteConnection): Promise<unknown>;
    };
    const conn = await client.acquireConnection();
    try {
      return fn(conn);
    } finally {
      await client.releaseConnection(conn);
    }
  }

  async write(rows: readonly PreparedLead[]): Promise<number> {
    const columns = this.columns;
    const count = columns.length;
    return this.withConnection((conn) => {
      const cap = conn.prepare(CAP_SQL);
      return conn.transaction(() => {
        const fresh: PreparedLead[] = [];
        // Many rows per statement: one statement per row costs three times as much.
        for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
          const chunk = rows.slice(from, from + ROWS_PER_INSERT);
          const params = new Array<unknown>(chunk.length * count);
          let at = 0;
          for (const r of chunk) for (let i = 0; i < count; i++) params[at++] = toSqlite(r.row[columns[i]!.prop]);
          const inserted = new Set((this.statement(conn, 'leads', chunk.length).all(...params) as Array<{ id: string }>).map((x) => x.id));
          const added = chunk.filter((r) => inserted.has(r.row.id as string));
          fresh.push(...added);
          const keys = chunk.flatMap((r) => r.dedupe.map((d) => [d.campaignId, d.kind, d.hash, r.row.id, r.receivedAtMs]));
          for (let k = 0; k < keys.length; k += ROWS_PER_INSERT) {
            const part = keys.slice(k, k + ROWS_PER_INSERT);
            this.statement(conn, 'keys', part.length).run(...part.flat());
          }
          if (this.counters && added.length)
            statCounters.countManySync(
              conn as never,
              added.map((r) => ({ lead: r.row })),
            );
        }
        for (const [key, n] of capCounts(fresh)) {
          const at = key.indexOf('\u0000');
          cap.run(key.slice(0, at), key.slice(at + 1), n);
        }
        return fresh.length;
      })();
    });
  }

  /** The multi-row statement for `rows` rows of leads (returning the ids it stored) or of waiting keys. */
  private statement(conn: SqliteConnection, kind: 'leads' | 'keys', rows: number) {
    let cache = this.statements.get(conn);
    if (!cache) {
      cache = new Map();
      this.statements.set(conn, cache);
      conn.exec(
        `create temp table if not exists ${this.pending} (campaign_id text, kind text, value_hash text, lead_id text, received_at integer)`,
      );
    }
    const name = `${kind}:${rows}`;
    let st = cache.get(name);
    if (!st) {
      const columns = this.columns;
      st =
        kind === 'leads'
          ? conn.prepare(
              `insert or ignore into leads (${columns.map((c) => `"${c.column}"`).join(', ')}) values ${Array(rows)
                .fill(`(${columns.map(() => '?').join(', ')})`)
                .join(', ')} returning id`,
            )
          : conn.prepare(
              `insert into temp.${this.pending} (campaign_id, kind, value_hash, lead_id, received_at) values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`,
            );
      cache.set(name, st);
    }
    return st;
  }

  async finish(): Promise<void> {
    const pending = this.pending;
    const sorted = `${pending}_sorted`;
    const total = await this.withConnection((conn) => {
      if (!this.statements.get(conn)) return 0;
      // A sort on the temp database: nothing the gateway's writers wait for.
      conn.exec(`create temp table ${sorted} as select campaign_id, kind, value_hash, lead_id, received_at from temp.${pending}
        order by campaign_id, kind, value_hash, received_at`);
      conn.exec(`drop table temp.${pending}`);
      return (conn.prepare(`select max(rowid) as n from temp.${sorted}`).get() as { n: number | null }).n ?? 0;
    });
    for (let from = 0; from < total; from += MERGE_CHUNK) {
      await this.withConnection((conn) =>
        conn
          .prepare(`insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at)
        select campaign_id, kind, value_hash, lead_id, received_at from temp.${sorted} where rowid > ? and rowid <= ? order by rowid ${UPSERT_KEY}`)
          .run(from, from + MERGE_CHUNK),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.withConnection((conn) => conn.exec(`drop table if exists temp.${sorted}`));
  }

  async discard(): Promise<void> {
    await this.withConnection((conn) =>
      conn.exec(`drop table if exists temp.${this.pending}; drop table if exists temp.${this.pending}_sorted`),
    );
  }
}

/** PostgreSQL (and any other engine): multi-row statements in the ORM's transaction, the ledger written directly. */
class PortableWriter implements Writer {
  private readonly columns: Array<{ prop: string; column: string }>;
  constructor(
    private readonly em: EntityManager,
    private readonly counters: boolean,
  ) {
    this.columns = leadColumns(em);
  }

  async write(rows: readonly PreparedLead[]): Promise<number> {
    return this.em.transactional(async (tx) => {
      const sql = tx as SqlEntityManager;
      const values = rows.map(() => `(${this.columns.map(() => '?').join(', ')})`).join(', ');
      const params = rows.flatMap((r) =>
        this.columns.map((c) => {
          const v = r.row[c.prop];
          return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : (v ?? null);
        }),
      );
      const inserted = await sql.execute<Array<{ id: string }>>(
        `insert into leads (${this.columns.map((c) => `"${c.column}"`).join(', ')}) values ${values} on conflict (id) do nothing returning id`,
        params,
      );
      const ids = new Set(inserted.map((r) => r.id));
      const fresh = rows.filter((r) => ids.has(r.row.id as string));
      if (this.counters && fresh.length)
        await statCounters.countMany(
          tx,
          fresh.map((r) => ({ lead: r.row })),
        );
      const keys = newestKeys(fresh);
      if (keys.length) {
        await sql.execute(
          `insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at) values ${keys.map(() => '(?, ?, ?, ?, ?)').join(', ')} ${UPSERT_KEY}`,
          keys.flatMap((k) => [k.campaignId, k.kind, k.hash, k.leadId, k.receivedAtMs]),
        );
      }
      const caps = [...capCounts(fresh)];
      if (caps.length) {
        await sql.execute(
          `insert into ledger_cap_counters (scope, period, count) values ${caps.map(() => '(?, ?, ?)').join(', ')}
           on conflict (scope, period) do update set count = ledger_cap_counters.count + excluded.count`,
          caps.flatMap(([key, n]) => [...key.split('\u0000'), n]),
        );
      }
      return fresh.length;
    });
  }

  async finish(): Promise<void> {}

  async discard(): Promise<void> {}
}
