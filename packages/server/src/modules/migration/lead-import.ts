import { hash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { requireAdmin } from '../../auth/caller.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { localTime } from '../../shared/local-time.js';
import { CAP_PERIODS, type CapPeriod, capPeriodKeys, capScope } from '../ledger/ledger.js';
import { parseReceivedAt } from '../../shared/wall-clock.js';
import { Account } from '../accounts/index.js';
import { Campaign } from '../campaigns/index.js';
import { DuplicateKey } from '../campaigns/requirement-enums.js';
import { normalizeLead, STANDARD_FIELD_NAMES } from '../fields/index.js';
import { ACCEPTED_STATUSES, LeadDoor, LeadStatus } from '../leads/index.js';
import { Source, SourceCampaign, SOURCE_KEY_PREFIX } from '../sources/index.js';
import { LEAD_COLUMNS, mapRow } from './column-map.js';
import type { ImportRow } from './import-rows.js';
import { runRows, type ImportOptions, type ImportSummary } from './import-runner.js';
import { type PreparedLead, TRACE, writerFor } from './lead-import.writers.js';

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
    const writer = writerFor(em);
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
  private readonly cache = new Map<string, Record<CapPeriod, string>>();

  of(ms: number, timeZone: string) {
    const slot = `${timeZone}\u0000${Math.floor(ms / 900_000)}`;
    let keys = this.cache.get(slot);
    if (!keys) {
      if (this.cache.size > 50_000) this.cache.clear();
      const local = localTime(new Date(ms), timeZone);
      keys = capPeriodKeys(local);
      this.cache.set(slot, keys);
    }
    return keys;
  }
}

/** An imported lead's trace: the one stage it went through (stored as its entries, which decodeTrace reads). */

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
      for (const period of CAP_PERIODS) {
        if (caps1?.[period] != null) caps.push(`${capScope.approval(approval!.id, period)}\u0000${keys[period]}`);
        if (caps2[period] != null) caps.push(`${capScope.campaign(campaign.id, period)}\u0000${keys[period]}`);
      }
    }
  }
  return { line, row, receivedAtMs, dedupe, caps };
}
