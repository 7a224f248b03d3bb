import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, type Caller } from '../../auth/caller.js';
import { secretMatches } from '../../auth/secrets.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../errors/app-error.js';
import { newId } from '../../shared/ids.js';
import { localTime } from '../../shared/local-time.js';
import { BlockedValue, BlockKind } from '../blocks/blocked-value.entity.js';
import { IdempotencyRecord } from '../ledger/ledger.entities.js';
import { hashIdempotencyKey } from '../../idempotency/index.js';
import { Ledger } from '../ledger/ledger.js';
import { leadStoreFor, OrmLeadStore, type LeadStore } from './lead-store.js';
import { Router, type RouteResult } from '../routing/router.js';
import { LeadRouting } from '../campaigns/requirement-enums.js';
import { IntakeCache, type CampaignEntry } from './intake-cache.js';
import { countryOf } from './ip-country.js';
import type { LeadDraft } from './lead-draft.js';
import type { NormalizedLead } from '../fields/normalized-lead.js';
import { LeadDecision } from '../leads/lead-decision.js';
import type { LeadPlacement } from './lead-placement.js';
import { buyerDestinations, deliveryRows } from '../delivery/outbox.js';
import type { DeliveryNotifier } from '../delivery/delivery-notifier.js';
import type { LeadEvents } from '../leads/lead-events.js';
import type { Destination } from '../delivery/destination.entity.js';
import { ACCEPTED_STATUSES, LeadStatus } from '../leads/lead-enums.js';
import { normalizeLead } from '../fields/normalize.js';
import { passed, rejected, runPipeline, type PipelineResult } from './pipeline.js';
import type { RuleContext } from './rules/lead-rule.js';
import type { TraceEntry } from '../leads/trace.js';

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
  /** Where the door puts the lead if it is accepted, checked and written in the lead's transaction. */
  placement?: LeadPlacement | null;
  /** What else the request asks besides the lead (a door's options): an idempotency key reused with another one is refused. */
  fingerprint?: string | null;
}

/** What explainLead returns: the decision submit would take now, and every stage's outcome. */
export interface Explanation {
  decision: LeadDecision;
  stages: TraceEntry[];
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The single intake service: every door turns its request into a {@link LeadDraft} and calls
 * {@link IntakeService.submit}, so each lead meets the same rules, the same duplicate and cap
 * ledger and lands in the same table whichever way it came in.
 */
export class IntakeService {
  private readonly now: () => Date;
  private readonly cache: IntakeCache;
  private readonly ledger = new Ledger();
  private leadStore?: LeadStore;
  private readonly ormStore = new OrmLeadStore();
  private readonly router = new Router();
  private readonly deliveries?: DeliveryNotifier;
  private readonly events?: LeadEvents;

  constructor(options: IntakeOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.cache = options.cache ?? new IntakeCache();
    this.deliveries = options.deliveries;
    this.events = options.events;
  }

  /**
   * Authenticates, normalizes, runs the rule stages, takes the ledger claims and stores the lead
   * with its trace, all claims and the accepted lead in one transaction. Throws an AppError only
   * for requests that cannot be judged (unknown campaign, bad API key, malformed values, a
   * reused idempotency key); rejections are decisions.
   */
  async submit(em: EntityManager, draft: LeadDraft, caller: Caller, options: SubmitOptions = {}): Promise<LeadDecision> {
    const idempotencyKey = options.idempotencyKey ?? null;
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badInput('Idempotency-Key must be 1-255 printable ASCII characters without spaces', { field: 'idempotencyKey' });
    }
    const { lead, ctx, destinations } = await this.prepare(em, draft, caller);
    // Unproven credentials store nothing: we cannot attribute the lead to anyone.
    if (!ctx.source || !ctx.authenticated) {
      const { rejection } = runPipeline(lead, ctx, { test: draft.test });
      const refused = LeadDecision.of({ status: LeadStatus.REJECTED, reasonCode: rejection!.code, message: rejection!.message, priceCents: 0, leadId: null, isTest: draft.test });
      this.publish(refused, draft, lead, ctx);
      return refused;
    }
    const idempotency = idempotencyKey === null ? null : {
      scope: caller.kind === 'key' ? caller.keyId : ctx.source.id,
      key: hashIdempotencyKey(idempotencyKey),
      requestHash: requestHash(draft, options.fingerprint ?? null),
    };
    if (idempotency) {
      const replay = await this.replay(em, idempotency);
      if (replay) return replay;
    }
    const result = runPipeline(lead, ctx, { test: draft.test });
    try {
      const decision = await this.store(em, draft, lead, ctx, result, idempotency, options.placement ?? null, destinations);
      if (decision.queuedDeliveries) this.deliveries?.notify();
      this.publish(decision.decision, draft, lead, ctx);
      return decision.decision;
    } catch (error) {
      // A concurrent request with the same idempotency key committed first: answer as it did.
      if (idempotency && error instanceof UniqueConstraintViolationException) {
        const replay = await this.replay(em.fork(), idempotency);
        if (replay) return replay;
      }
      throw error;
    }
  }

  /**
   * Runs every stage without stopping, storing or claiming anything (the ledger is only read),
   * and returns what submit would decide now with each stage's outcome.
   */
  async explain(em: EntityManager, draft: LeadDraft, caller: Caller): Promise<Explanation> {
    const { lead, ctx } = await this.prepare(em, draft, caller);
    // Until the caller proves it may post here, explain nothing more than that: the other stages
    // would reveal the campaign's rules and whether a consumer is already in the ledger.
    if (!ctx.source || !ctx.authenticated || !ctx.approval?.active) {
      const { rejection, trace } = runPipeline(lead, ctx, { test: draft.test });
      return {
        decision: LeadDecision.of({ status: LeadStatus.REJECTED, reasonCode: rejection!.code, message: rejection!.message, priceCents: 0, leadId: null, isTest: draft.test }),
        stages: trace,
      };
    }
    const result = runPipeline(lead, ctx, { test: draft.test, explain: true });
    const stages = [...result.trace];
    let rejection = result.rejection;
    for (const { rule, claims } of result.ledger) {
      const failing = await this.ledger.peek(em, claims);
      const first = failing[0];
      if (first) {
        const entry = rejected(rule.stage, first.code);
        stages.push(entry);
        rejection ??= { code: first.code, message: entry.message! };
      } else {
        stages.push(passed(rule.stage));
      }
    }
    const status = rejection ? LeadStatus.REJECTED : draft.test ? LeadStatus.TEST : LeadStatus.ACCEPTED;
    return {
      decision: LeadDecision.of({
        status, reasonCode: rejection?.code ?? null, message: rejection?.message ?? '',
        priceCents: status === LeadStatus.ACCEPTED ? this.price(ctx) : 0, leadId: null, isTest: draft.test,
      }),
      stages,
    };
  }

  private publish(decision: LeadDecision, draft: LeadDraft, lead: NormalizedLead, ctx: RuleContext): void {
    if (!this.events?.active) return;
    this.events.publish({
      leadId: decision.leadId, accountId: ctx.campaign.account.id, campaignId: ctx.campaign.id,
      sourceId: decision.leadId ? ctx.source!.id : null, status: decision.status, reasonCode: decision.reasonCode,
      message: decision.message, priceCents: decision.priceCents, buyerIds: decision.buyerIds, isTest: decision.isTest,
      door: draft.door, receivedAt: ctx.now, fields: lead.fields,
    });
  }

  private price(ctx: RuleContext): number {
    return ctx.approval?.priceCents ?? ctx.campaign.defaultPriceCents;
  }

  /** Loads and checks everything the rules look at. */
  private async prepare(em: EntityManager, draft: LeadDraft, caller: Caller): Promise<{ lead: NormalizedLead; ctx: RuleContext; destinations: Destination[] }> {
    const entry = await this.cache.campaign(em, draft.campaignId);
    if (!entry || (caller.kind === 'key' && caller.accountId !== null && entry.campaign.account.id !== caller.accountId)) {
      throw notFound('Campaign');
    }
    const { campaign } = entry;
    if (draft.accountRef && draft.accountRef !== campaign.account.id && draft.accountRef.toUpperCase() !== entry.accountCode) {
      throw notFound('Campaign');
    }
    const lead = normalizeLead(draft);
    const source = await this.resolveSource(em, draft, caller, entry);
    const now = this.now();
    const ctx: RuleContext = {
      campaign,
      snapshot: entry.snapshot,
      ...source,
      now,
      local: localTime(now, campaign.timeZone),
      accountTimeZone: entry.accountTimeZone,
      blocked: draft.test || !source.authenticated ? { phone: false, email: false } : await this.blocked(em, campaign, lead),
      countryOf,
    };
    return { lead, ctx, destinations: entry.destinations };
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

  /** Stores the lead: accepted ones with their ledger claims in one transaction. */
  private async store(
    em: EntityManager,
    draft: LeadDraft,
    lead: NormalizedLead,
    ctx: RuleContext,
    result: PipelineResult,
    idempotency: { scope: string; key: string; requestHash: string } | null,
    placement: LeadPlacement | null,
    destinations: readonly Destination[],
  ): Promise<{ decision: LeadDecision; queuedDeliveries: boolean }> {
    const leadId = newId('lead');
    const nowMs = ctx.now.getTime();
    const store = (this.leadStore ??= leadStoreFor(em));
    const rowsFor = (status: LeadStatus, trace: TraceEntry[], rejection: PipelineResult['rejection'], routed?: RouteResult, buyers: readonly Destination[] = []) => {
      const priceCents = routed ? routed.priceCents : status === LeadStatus.ACCEPTED ? this.price(ctx) : 0;
      const decision = LeadDecision.of({
        status, reasonCode: rejection?.code ?? null, message: rejection?.message ?? '', priceCents, leadId, isTest: draft.test,
        buyerIds: routed?.buyerIds ?? [],
      });
      const rows = {
        lead: {
          id: leadId, account: ctx.campaign.account.id, campaign: ctx.campaign.id, source: ctx.source!.id, status,
          reasonCode: decision.reasonCode, reasonMessage: decision.message.slice(0, 500), priceCents, isTest: draft.test, door: draft.door,
          receivedAt: ctx.now, ...lead.fields, extra: lead.extra, trace, raw: draft.raw ?? null,
        },
        idempotency: idempotency ? { ...idempotency, response: { ...decision }, createdAt: nowMs } : null,
        sales: routed?.sales ?? [],
        // Live accepted leads go to the campaign's destinations, sold ones to their buyers' too.
        deliveries: ACCEPTED_STATUSES.includes(status) && !draft.test
          ? deliveryRows(ctx.campaign.account.id, leadId, [...destinations, ...buyers], ctx.now)
          : [],
      };
      return { decision, rows };
    };

    if (result.rejection || draft.test) {
      const { decision, rows } = rowsFor(result.rejection ? LeadStatus.REJECTED : LeadStatus.TEST, result.trace, result.rejection);
      await store.write(em, rows);
      return { decision, queuedDeliveries: false };
    }
    const claims = result.ledger.flatMap((stage) => stage.claims);
    const laterStages = [...result.ledger.map((s) => s.rule.stage), ...(placement?.stages ?? [])];
    const acceptedTrace = [...result.trace, ...laterStages.map(passed)];
    let decided: LeadDecision;
    let queued = false;
    let failed;
    if (ctx.campaign.routing === LeadRouting.BUYERS || placement) {
      // Routing reads buyers and takes their caps, and a placement checks and writes its rows, in
      // the same transaction as the lead's own claims.
      failed = await this.ormStore.writeAccepted(em, claims, async (tx) => {
        const routed = ctx.campaign.routing === LeadRouting.BUYERS
          ? await this.router.route(tx, ctx.campaign, ctx.accountTimeZone, lead, leadId, ctx.now)
          : undefined;
        const status = !routed ? LeadStatus.ACCEPTED : routed.buyerIds.length ? LeadStatus.SOLD : LeadStatus.PENDING;
        const built = rowsFor(status, acceptedTrace, null, routed, await buyerDestinations(tx, routed?.buyerIds ?? []));
        decided = built.decision;
        queued = built.rows.deliveries.length > 0;
        return built.rows;
      }, nowMs, {
        leadId,
        guard: placement ? (tx) => placement.check(tx, lead) : undefined,
        attach: placement ? (tx) => placement.attach(tx, leadId) : undefined,
      });
    } else {
      const accepted = rowsFor(LeadStatus.ACCEPTED, acceptedTrace, null);
      decided = accepted.decision;
      queued = accepted.rows.deliveries.length > 0;
      failed = await store.writeAccepted(em, claims, accepted.rows, nowMs);
    }
    if (!failed) return { decision: decided!, queuedDeliveries: queued };
    // A claim or the placement failed and nothing was written: store the lead as rejected by that stage.
    const trace = [...result.trace];
    for (const stage of laterStages) {
      if (stage === failed.stage) break;
      trace.push(passed(stage));
    }
    const entry = rejected(failed.stage, failed.code);
    trace.push(entry);
    const { decision, rows } = rowsFor(LeadStatus.REJECTED, trace, { code: failed.code, message: entry.message! });
    await store.write(em, rows);
    return { decision, queuedDeliveries: false };
  }

  private async replay(em: EntityManager, idempotency: { scope: string; key: string; requestHash: string }): Promise<LeadDecision | null> {
    const record = await em.findOne(IdempotencyRecord, { scope: idempotency.scope, key: idempotency.key });
    if (!record) return null;
    if (record.requestHash !== idempotency.requestHash) {
      throw conflict('This Idempotency-Key was already used with a different request; use a new key for a new lead');
    }
    return LeadDecision.of(record.response as unknown as Omit<LeadDecision, 'price'>);
  }

  /** Who is posting: a SOURCE key's source, an ADMIN's named source, or body credentials. */
  private async resolveSource(
    em: EntityManager,
    draft: LeadDraft,
    caller: Caller,
    { campaign }: CampaignEntry,
  ): Promise<Pick<RuleContext, 'source' | 'authenticated' | 'approval'>> {
    const nobody = { source: null, authenticated: false, approval: null };
    let sourceId = draft.sourceId ?? null;
    if (caller.kind === 'source') {
      if (sourceId && sourceId !== caller.sourceId) return nobody;
      sourceId = caller.sourceId;
    } else if (caller.kind === 'anonymous') {
      if (!sourceId || !draft.sourceAuth) {
        throw unauthenticated('Send Authorization: Bearer <key>, or the source credentials sourceId and sourceAuth');
      }
    } else {
      const key = requireKey(caller);
      if (key.role === ApiKeyRole.READER) throw forbidden('A READER key cannot submit leads');
      if (key.role === ApiKeyRole.SOURCE) {
        if (sourceId && sourceId !== key.sourceId) return nobody;
        sourceId = key.sourceId;
      } else if (!sourceId) {
        throw badInput('sourceId is required when submitting with an ADMIN key', { field: 'sourceId' });
      }
    }
    const source = await this.cache.source(em, campaign.account.id, sourceId!);
    if (!source) return nobody;
    const authenticated = caller.kind === 'anonymous' ? secretMatches(draft.sourceAuth!, source.authKeyHash) : true;
    const approval = authenticated ? await this.cache.approval(em, source.id, campaign.id) : null;
    return { source, authenticated, approval };
  }
}

/** A stable hash of what a submission asks for, to tell a retry from a different lead. */
function requestHash(draft: LeadDraft, fingerprint: string | null): string {
  const canonical = JSON.stringify([
    ...(fingerprint === null ? [] : [fingerprint]),
    draft.campaignId, draft.sourceId ?? null, draft.test, draft.door,
    Object.entries(draft.fields).filter(([, v]) => v != null).sort(([a], [b]) => a.localeCompare(b)),
    Object.entries(draft.extra ?? {}).filter(([, v]) => v != null).sort(([a], [b]) => a.localeCompare(b)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
