/**
 * The large-table case: inserts accepted leads straight into the gateway's SQLite file (the
 * gateway must be stopped), with their duplicate-ledger keys, in one transaction.
 *
 * Each row is a copy of a real accepted lead the gateway stored during the empty-table run
 * (every column, so the rows match the migrations whatever columns they add), with its own id,
 * contact data and receive time spread over the last 25 days (inside the 30-day duplicate window),
 * and their stats counters (as the gateway's lead store writes them).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { accountZone, CounterAccumulator } from './counters.js';
import { phoneDigits, TARGET_STATES } from './leads.js';

/** Columns of `leads` as the migrations in src/migrations/sqlite create them. */
export const LEAD_COLUMNS = [
  'id',
  'account_id',
  'campaign_id',
  'source_id',
  'status',
  'reason_code',
  'reason_message',
  'price_cents',
  'is_test',
  'door',
  'received_at',
  'first',
  'last',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'ip',
  'sub_id',
  'aff_id',
  'trusted_form_cert_url',
  'jornaya_lead_id',
  'extra',
  'trace',
] as const;

export interface PreloadResult {
  leads: number;
  dedupeKeys: number;
  seconds: number;
  /** Size of the database file after the insert and a WAL checkpoint, MB. */
  fileMb: number;
}

const DAY_MS = 86_400_000;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** An id shaped like the gateway's newId('lead'): time, sequence, random. */
function leadId(atMs: number, seq: number): string {
  const bytes = randomBytes(8);
  let random = '';
  for (const b of bytes) random += ALPHABET[b % 36];
  return `lead_${atMs.toString(36).padStart(9, '0').slice(-9)}${(seq % 36 ** 4).toString(36).padStart(4, '0')}${random}`;
}

/** `at` in the same representation as the template's stored datetime (epoch ms, or text). */
function datetimeLike(template: unknown, at: Date): unknown {
  if (typeof template === 'number' || typeof template === 'bigint') return at.getTime();
  if (typeof template === 'string') {
    const iso = at.toISOString(); // 2026-11-23T10:00:00.000Z
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(template)) return iso.slice(0, 23).replace('T', ' ');
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(template)) return iso.slice(0, 19).replace('T', ' ');
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(template)) return iso;
    if (/^\d+$/.test(template)) return String(at.getTime());
  }
  throw new Error(`unexpected stored received_at ${JSON.stringify(template)}; teach bench/preload.ts its format`);
}

/**
 * Inserts `count` accepted leads for the campaign into `dbFile`, copying an accepted lead the
 * gateway stored for it, plus one email and one phone key per lead in ledger_dedupe_keys.
 */
export function preloadLeads(dbFile: string, campaignId: string, count: number): PreloadResult {
  const started = Date.now();
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const columns = (db.prepare('PRAGMA table_info(leads)').all() as Array<{ name: string }>).map((c) => c.name);
    const missing = LEAD_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length) throw new Error(`the leads table lacks column(s) ${missing.join(', ')}; update bench/preload.ts`);
    const template = db
      .prepare(`select * from leads where campaign_id = ? and status = 'ACCEPTED' and is_test = 0 order by received_at desc limit 1`)
      .get(campaignId) as Record<string, unknown> | undefined;
    if (!template) throw new Error('no accepted lead to copy: the empty-table submit scenarios must run first');

    const insertLead = db.prepare(
      `insert into leads (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const insertKey = db.prepare(
      'insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at) values (?, ?, ?, ?, ?)',
    );
    const now = Date.now();
    const span = 25 * DAY_MS;
    const owner = accountZone(db, campaignId);
    const counters = new CounterAccumulator(owner.zone);
    const extra = JSON.parse(String(template.extra)) as Record<string, string>;
    let dedupeKeys = 0;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        // Oldest first, like a table filled over time.
        const atMs = now - span + Math.floor((i / count) * span);
        const id = leadId(atMs, i);
        const email = `preloaded.${i}@example.org`;
        const phone = `+1${phoneDigits(i, 200, 100)}`;
        insertLead.run({
          ...template,
          id,
          received_at: datetimeLike(template.received_at, new Date(atMs)),
          email,
          phone,
          state: TARGET_STATES[i % TARGET_STATES.length],
          zip: String(10_000 + ((i * 7919) % 40_000) * 2),
          first: `Pre${i % 1000}`,
          trusted_form_cert_url: `https://cert.trustedform.com/${sha256(`tf${i}`).slice(0, 40)}`,
          extra: JSON.stringify({ ...extra, age: String(18 + (i % 60)) }),
        });
        counters.add({
          id,
          accountId: owner.accountId,
          campaignId,
          sourceId: String(template.source_id),
          status: String(template.status),
          reasonCode: null,
          isTest: false,
          priceCents: Number(template.price_cents),
          receivedAtMs: atMs,
        });
        insertKey.run(campaignId, 'email', sha256(email), id, atMs);
        insertKey.run(campaignId, 'phone', sha256(phone), id, atMs);
        dedupeKeys += 2;
      }
      counters.flush(db);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { leads: count, dedupeKeys, seconds: (Date.now() - started) / 1000, fileMb: Math.round((pages * pageSize) / 1024 / 1024) };
  } finally {
    db.close();
  }
}
