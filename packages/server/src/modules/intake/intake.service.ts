import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { Caller } from '../../auth/caller.js';
import { secretMatches } from '../../auth/secrets.js';
import { badInput, conflict } from '../../errors/app-error.js';
import { newId } from '../../shared/ids.js';
import { localTime } from '../../shared/local-time.js';
import { insert, type Step } from '../../shared/sql-step.js';
import { BlockedValue, BlockKind } from '../blocks/blocked-value.entity.js';
import { hashIdempotencyKey } from '../../idempotency/index.js';
import { LeadRouting } from '../campaigns/requirement-enums.js';
import type { DeliveryNotifier } from '../delivery/delivery-notifier.js';
import type { Destination } from '../delivery/destination.entity.js';
import { deliveryRows } from '../delivery/outbox.js';
import { placeLead, type DialerPlacement } from '../dialer/index.js';
import { normalizeLead } from '../fields/normalize.js';
import type { NormalizedLead } from '../fields/normalized-lead.js';
import { IdempotencyRecord } from '../ledger/ledger.entities.js';
import { LeadDecision } from '../leads/lead-decision.js';
import { ACCEPTED_STATUSES, LeadStatus } from '../leads/lead-enums.js';
import type { LeadEvents } from '../leads/lead-events.js';
import { encodeTrace, type TraceEntry } from '../leads/trace.js';
import { IntakeRefusal, namedSource, RefusalReason, type Credentials } from './credentials.js';
import { IntakeCache, type CampaignEntry } from './intake-cache.js';
import { countryOf } from './ip-country.js';
import type { LeadDraft } from './lead-draft.js';
import { statCounters } from '../stats/index.js';
import type { Engine } from '../../store/index.js';
import { createLeadStore, type LeadStore } from './lead-store.js';
import { decide, decidePure, type Verdict } from './pipeline.js';
import type { RuleContext, TxContext } from './rules/lead-rule.js';

/** Options for {@link IntakeService}. */
export interface IntakeOptions {
  /** The clock, default `() => new Date()`; tests pass their own. */
  now?: () => Date;
  /** The configuration cache, shared with the services that invalidate it; default a private one. */
  cache?: IntakeCache;
  /** Told when a stored lead queued deliveries; default none (workers find them on their next poll). */
  deliveries?: DeliveryNotifier;
  /** Where every decision is published once committed (live feed, metrics); default none. */
  events?: LeadEvents;
}

/** Options of one submission. */
export interface SubmitOptions {
  /** Replays the first decision made with this key (per credential) instead of deciding again. */
  idempotencyKey?: string | null;
  /** The dialer list the lead goes into when accepted, checked and written in the lead's transaction. */
  placement?: DialerPlacement | null;
  /** What else the request asks besides the lead (a door's options): an idempotency key reused with another one is refused. */
  fingerprint?: string | null;
}

/** What a submission did besides deciding: where an accepted lead was placed (the dialer door). */
export interface Submission {
  decision: LeadDecision;
  /** The dialer lead and hopper entry made for the lead; null when none was (rejected, replayed, not a dialer insert). */
  placed: { dialerLeadId: number; hopperEntryId: string | null } | null;
}

/** What explainLead returns: the decision submit would take now, and every stage's outcome. */
export interface Explanation {
  decision: LeadDecision;
  stages: TraceEntry[];
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

interface Idempotency {
  scope: string;
  key: string;
  requestHash: string;
}

/** Everything one lead's decision needs, loaded before its transaction. */
interface Prepared {
  lead: NormalizedLead;
  ctx: TxContext;
  entry: CampaignEntry;
  buyerDestinations: ReadonlyMap<string, Destination[]>;
}

/**
 * The single intake service: every door turns its request into a {@link LeadDraft} and calls
 * {@link IntakeService.submit}, so each lead meets the same stages, the same duplicate and cap
 * ledger and lands in the same table whichever way it came in. The stages are one ordered list
 * (`pipeline.ts`); the lead store runs them, and writes the lead, in the lead's own transaction.
 */
export class IntakeService {
  private readonly now: () => Date;
  private readonly cache: IntakeCache;
  private readonly deliveries?: DeliveryNotifier;
  private readonly events?: LeadEvents;
  private store?: LeadStore;

  constructor(options: IntakeOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.cache = options.cache ?? new IntakeCache();
    this.deliveries = options.deliveries;
    this.events = options.events;
  }

  /**
   * Decides and stores a lead. Throws an AppError only for requests that cannot be judged
   * (unknown campaign, bad API key, malformed values, a reused idempotency key); rejections are
   * decisions. The promise settles once the lead is committed.
   */
  async submit(em: EntityManager, draft: LeadDraft, credentials: Credentials, options: SubmitOptions = {}): Promise<LeadDecision> {
    return (await this.submitAndPlace(em, draft, credentials, options)).decision;
  }

  /** {@link IntakeService.submit}, also telling where the dialer placed the lead. */
  async submitAndPlace(em: EntityManager, draft: LeadDraft, credentials: Credentials, options: SubmitOptions = {}): Promise<Submission> {
    const idempotencyKey = options.idempotencyKey ?? null;
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badInput('Idempotency-Key must be 1-255 printable ASCII characters without spaces', { field: 'idempotencyKey' });
    }
    const prepared = await this.prepare(em, draft, credentials, options.placement ?? null);
    const { lead, ctx } = prepared;
    // Unproven credentials store nothing: we cannot attribute the lead to anyone.
    if (!ctx.source || !ctx.authenticated) {
      const { rejection } = decidePure(lead, ctx, draft.test);
      const refused = LeadDecision.of({
        status: LeadStatus.REJECTED,
        reasonCode: rejection!.code,
        message: rejection!.message,
        priceCents: 0,
        leadId: null,
        isTest: draft.test,
      });
      this.publish(refused, draft, lead, ctx);
      return { decision: refused, placed: null };
    }
    const idempotency: Idempotency | null =
      idempotencyKey === null
        ? null
        : {
            scope: credentials.kind !== 'body' && credentials.caller.kind === 'key' ? credentials.caller.keyId : ctx.source.id,
            key: hashIdempotencyKey(idempotencyKey),
            requestHash: requestHash(draft, ctx.campaign.id, namedSource(credentials), options.fingerprint ?? null),
          };
    if (idempotency) {
      const replay = await this.replay(em, idempotency);
      if (replay) return { decision: replay, placed: null };
    }
    let stored: Stored;
    try {
      const store = this.storeFor(em);
      stored = await store.run(() => this.decideAndStore(draft, prepared, idempotency, store.engine));
    } catch (error) {
      // A concurrent request with the same idempotency key committed first: answer as it did.
      if (idempotency && error instanceof UniqueConstraintViolationException) {
        const replay = await this.replay(em.fork(), idempotency);
        if (replay) return { decision: replay, placed: null };
      }
      throw error;
    }
    if (stored.queuedDeliveries) this.deliveries?.notify();
    this.publish(stored.decision, draft, lead, ctx);
    return { decision: stored.decision, placed: stored.placed };
  }

  /**
   * Runs every stage without stopping, in a transaction that is rolled back (nothing is stored
   * or kept claimed), and returns what submit would decide now with each stage's outcome.
   */
  async explain(
    em: EntityManager,
    draft: LeadDraft,
    credentials: Credentials,
    placement: DialerPlacement | null = null,
  ): Promise<Explanation> {
    const { lead, ctx } = await this.prepare(em, draft, credentials, placement);
    // Until the caller proves it may post here, explain nothing more than that: the other stages
    // would reveal the campaign's rules and whether a consumer is already in the ledger.
    if (!ctx.source || !ctx.authenticated || !ctx.approval?.active) {
      const { rejection, trace } = decidePure(lead, ctx, draft.test);
      return {
        decision: LeadDecision.of({
          status: LeadStatus.REJECTED,
          reasonCode: rejection!.code,
          message: rejection!.message,
          priceCents: 0,
          leadId: null,
          isTest: draft.test,
        }),
        stages: trace,
      };
    }
    const verdict = await this.storeFor(em).run(() => decide(lead, ctx, { test: draft.test, explain: true }), { peek: true });
    const status = this.statusOf(verdict, draft.test, ctx);
    return {
      decision: LeadDecision.of({
        status,
        reasonCode: verdict.rejection?.code ?? null,
        message: verdict.rejection?.message ?? '',
        priceCents: this.priceOf(status, ctx),
        leadId: null,
        isTest: draft.test,
        buyerIds: ctx.routed?.buyerIds ?? [],
      }),
      stages: verdict.trace,
    };
  }

  /** Lets the lead store finish what it holds and release its connection. */
  async close(): Promise<void> {
    await this.store?.close();
  }

  private storeFor(em: EntityManager): LeadStore {
    return (this.store ??= createLeadStore(em));
  }

  /** The lead's program in its transaction: the stages, then its rows, and its placement when accepted. */
  private *decideAndStore(
    draft: LeadDraft,
    { lead, ctx, entry, buyerDestinations }: Prepared,
    idempotency: Idempotency | null,
    engine: Engine,
  ): Step<Stored> {
    const verdict = yield* decide(lead, ctx, { test: draft.test });
    const status = this.statusOf(verdict, draft.test, ctx);
    const accepted = ACCEPTED_STATUSES.includes(status);
    const decision = LeadDecision.of({
      status,
      reasonCode: verdict.rejection?.code ?? null,
      message: verdict.rejection?.message ?? '',
      priceCents: this.priceOf(status, ctx),
      leadId: ctx.leadId,
      isTest: draft.test,
      buyerIds: ctx.routed?.buyerIds ?? [],
      missingFields: verdict.rejection?.fields ?? [],
    });
    const row = leadRow(draft, lead, ctx, decision, verdict.trace);
    yield* insert('Lead', [row]);
    if (idempotency) yield* insert('IdempotencyRecord', [{ ...idempotency, response: { ...decision }, createdAt: ctx.now.getTime() }]);
    if (ctx.routed) yield* insert('Sale', ctx.routed.sales);
    // The dashboards' counters move with the lead, in its transaction.
    yield* statCounters.countStep({ lead: row, sales: ctx.routed?.sales }, engine);
    // Live accepted leads go to the campaign's destinations, sold ones to their buyers' too.
    const destinations =
      accepted && !draft.test ? [...entry.destinations, ...decision.buyerIds.flatMap((id) => buyerDestinations.get(id) ?? [])] : [];
    yield* insert('Delivery', deliveryRows(ctx.campaign.account.id, ctx.leadId, destinations, ctx.now) as Array<Record<string, unknown>>);
    const placed = accepted && ctx.placement ? yield* placeLead(ctx.placement, ctx.leadId, lead.fields.phone!, ctx.now) : null;
    return { decision, queuedDeliveries: destinations.length > 0, placed };
  }

  private statusOf(verdict: Verdict, test: boolean, ctx: TxContext): LeadStatus {
    if (verdict.rejection) return LeadStatus.REJECTED;
    if (test) return LeadStatus.TEST;
    if (!ctx.routed) return LeadStatus.ACCEPTED;
    return ctx.routed.buyerIds.length ? LeadStatus.SOLD : LeadStatus.PENDING;
  }

  private priceOf(status: LeadStatus, ctx: TxContext): number {
    if (!ACCEPTED_STATUSES.includes(status)) return 0;
    return ctx.routed ? ctx.routed.priceCents : (ctx.approval?.priceCents ?? ctx.campaign.defaultPriceCents);
  }

  private publish(decision: LeadDecision, draft: LeadDraft, lead: NormalizedLead, ctx: RuleContext): void {
    if (!this.events?.active) return;
    this.events.publish({
      leadId: decision.leadId,
      accountId: ctx.campaign.account.id,
      campaignId: ctx.campaign.id,
      sourceId: decision.leadId ? ctx.source!.id : null,
      status: decision.status,
      reasonCode: decision.reasonCode,
      message: decision.message,
      priceCents: decision.priceCents,
      buyerIds: decision.buyerIds,
      isTest: decision.isTest,
      door: draft.door,
      receivedAt: ctx.now,
      fields: lead.fields,
    });
  }

  /**
   * Resolves the credentials and loads everything the stages look at, before the lead's
   * transaction. Refuses (IntakeRefusal) a request it cannot judge: its credentials are missing
   * or not allowed to post, or its campaign is not one they may post to.
   */
  private async prepare(
    em: EntityManager,
    draft: LeadDraft,
    credentials: Credentials,
    placement: DialerPlacement | null,
  ): Promise<Prepared> {
    checkCredentials(draft, credentials);
    const entry = await this.campaignFor(em, draft, credentials);
    const { campaign } = entry;
    const lead = normalizeLead(draft);
    const source = await this.resolveSource(em, credentials, entry);
    const now = this.now();
    const routes = campaign.routing === LeadRouting.BUYERS && source.authenticated && !draft.test;
    const buyers = routes
      ? await this.cache.buyers(em, campaign.account.id)
      : { buyers: [], destinations: new Map<string, Destination[]>() };
    const ctx: TxContext = {
      campaign,
      snapshot: entry.snapshot,
      ...source,
      now,
      local: localTime(now, campaign.timeZone),
      accountTimeZone: entry.accountTimeZone,
      blocked: draft.test || !source.authenticated ? { phone: false, email: false } : await this.blocked(em, campaign, lead),
      countryOf,
      leadId: newId('lead'),
      placement,
      buyers: buyers.buyers,
      routed: null,
    };
    return { lead, ctx, entry, buyerDestinations: buyers.destinations };
  }

  /** The campaign the lead goes to: by id (of the caller's account, and of the account the post names), or the seller's of the category. */
  private async campaignFor(em: EntityManager, draft: LeadDraft, credentials: Credentials): Promise<CampaignEntry> {
    if (credentials.kind === 'seller') {
      const sellerId = await this.cache.seller(em, credentials.seller, this.now());
      // A key is a key for its own seller only.
      if (sellerId && sellerId !== callerAccount(credentials.caller)) throw new IntakeRefusal(RefusalReason.INVALID_KEY);
      const campaignId = sellerId ? await this.cache.sellerCampaign(em, sellerId, credentials.category) : null;
      const entry = campaignId ? await this.cache.campaign(em, campaignId) : null;
      if (!entry) throw new IntakeRefusal(RefusalReason.NO_MATCHING_CAMPAIGN);
      return entry;
    }
    const entry = draft.campaignId ? await this.cache.campaign(em, draft.campaignId) : null;
    const accountId = entry?.campaign.account.id;
    const caller = credentials.kind === 'caller' ? credentials.caller : null;
    const accountRef = credentials.kind === 'body' ? credentials.accountRef : undefined;
    if (
      !entry ||
      (caller?.kind === 'key' && caller.accountId !== null && accountId !== caller.accountId) ||
      (accountRef != null && accountRef !== accountId && accountRef.toUpperCase() !== entry.accountCode)
    ) {
      throw new IntakeRefusal(RefusalReason.UNKNOWN_CAMPAIGN);
    }
    return entry;
  }

  private async blocked(em: EntityManager, campaign: CampaignEntry['campaign'], lead: NormalizedLead): Promise<RuleContext['blocked']> {
    const { phone, email } = lead.fields;
    if ((!phone && !email) || (await this.cache.blockCount(em, campaign.account.id)) === 0) return { phone: false, email: false };
    const wanted = [
      ...(phone ? [{ kind: BlockKind.PHONE, value: phone }] : []),
      ...(email ? [{ kind: BlockKind.EMAIL, value: email }] : []),
    ];
    const hits = await em.find(BlockedValue, { account: campaign.account.id, $or: wanted }, { fields: ['kind'] });
    return { phone: hits.some((h) => h.kind === BlockKind.PHONE), email: hits.some((h) => h.kind === BlockKind.EMAIL) };
  }

  private async replay(em: EntityManager, idempotency: Idempotency): Promise<LeadDecision | null> {
    const record = await em.findOne(IdempotencyRecord, { scope: idempotency.scope, key: idempotency.key });
    if (!record) return null;
    if (record.requestHash !== idempotency.requestHash) {
      throw conflict('This Idempotency-Key was already used with a different request; use a new key for a new lead');
    }
    return LeadDecision.of(record.response as unknown as Omit<LeadDecision, 'price'>);
  }

  /** Who is posting: a SOURCE key's source, an ADMIN's named source, a source the door proved, or body credentials. */
  private async resolveSource(
    em: EntityManager,
    credentials: Credentials,
    { campaign }: CampaignEntry,
  ): Promise<Pick<RuleContext, 'source' | 'authenticated' | 'approval'>> {
    const nobody = { source: null, authenticated: false, approval: null };
    const named = namedSource(credentials);
    let sourceId = named;
    if (credentials.kind !== 'body') {
      const { caller } = credentials;
      const own =
        caller.kind === 'source' ? caller.sourceId : caller.kind === 'key' && caller.role === ApiKeyRole.SOURCE ? caller.sourceId : null;
      if (own !== null) {
        // A source posts as itself: naming another is an unknown source, not a refusal.
        if (named && named !== own) return nobody;
        sourceId = own;
      }
    }
    const source = await this.cache.source(em, campaign.account.id, sourceId!);
    if (!source) return nobody;
    const authenticated = credentials.kind === 'body' ? secretMatches(credentials.sourceAuth!, source.authKeyHash) : true;
    const approval = authenticated ? await this.cache.approval(em, source.id, campaign.id) : null;
    return { source, authenticated, approval };
  }
}

/**
 * Refuses credentials that cannot post at all, before any lookup: a caller who sent none, or a
 * key that is invalid or may not post here.
 */
function checkCredentials(draft: LeadDraft, credentials: Credentials): void {
  if (credentials.kind === 'body') {
    if (!credentials.sourceAuth)
      throw new IntakeRefusal(credentials.sourceId && draft.campaignId ? RefusalReason.MISSING_AUTH : RefusalReason.MISSING_SOURCE);
    if (!credentials.sourceId || !draft.campaignId) throw new IntakeRefusal(RefusalReason.MISSING_SOURCE);
    return;
  }
  const { caller } = credentials;
  if (caller.kind === 'source') return;
  if (caller.kind === 'anonymous') throw new IntakeRefusal(RefusalReason.MISSING_SOURCE);
  if (caller.kind === 'invalid') throw new IntakeRefusal(RefusalReason.INVALID_KEY);
  if (credentials.kind === 'seller') {
    if (caller.role !== ApiKeyRole.SOURCE || !caller.accountId)
      throw new IntakeRefusal(RefusalReason.KEY_NOT_ALLOWED, 'This door takes a SOURCE API key');
    return;
  }
  if (caller.role === ApiKeyRole.READER) throw new IntakeRefusal(RefusalReason.KEY_NOT_ALLOWED, 'A READER key cannot submit leads');
  if (caller.role === ApiKeyRole.ADMIN && !credentials.sourceId) throw new IntakeRefusal(RefusalReason.SOURCE_REQUIRED);
}

const callerAccount = (caller: Caller): string | null => (caller.kind === 'key' ? caller.accountId : null);

/** What a lead's transaction produced. */
interface Stored {
  decision: LeadDecision;
  queuedDeliveries: boolean;
  placed: Submission['placed'];
}

/** The lead's row: every column of the leads table (a test checks none is missing). */
export function leadRow(
  draft: LeadDraft,
  lead: NormalizedLead,
  ctx: TxContext,
  decision: LeadDecision,
  trace: readonly TraceEntry[],
): Record<string, unknown> {
  return {
    id: ctx.leadId,
    account: ctx.campaign.account.id,
    campaign: ctx.campaign.id,
    source: ctx.source!.id,
    status: decision.status,
    reasonCode: decision.reasonCode,
    reasonMessage: decision.message.slice(0, 500),
    priceCents: decision.priceCents,
    isTest: draft.test,
    door: draft.door,
    receivedAt: ctx.now,
    ...lead.fields,
    extra: lead.extra,
    storedTrace: encodeTrace(trace),
    raw: draft.raw ?? null,
  };
}

/** A stable hash of what a submission asks for, to tell a retry from a different lead. */
function requestHash(draft: LeadDraft, campaignId: string, sourceId: string | null, fingerprint: string | null): string {
  const canonical = JSON.stringify([
    ...(fingerprint === null ? [] : [fingerprint]),
    campaignId,
    sourceId,
    draft.test,
    draft.door,
    Object.entries(draft.fields)
      .filter(([, v]) => v != null)
      .sort(([a], [b]) => a.localeCompare(b)),
    Object.entries(draft.extra ?? {})
      .filter(([, v]) => v != null)
      .sort(([a], [b]) => a.localeCompare(b)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
