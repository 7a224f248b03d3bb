import type { EntityManager } from '@mikro-orm/core';
import type { PubSub } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, resolveAccountId, type Caller } from '../../auth/caller.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import type { LeadStatus } from '../leads/lead-enums.js';
import type { LeadDecidedEvent, LeadEvents } from '../leads/lead-events.js';
import { Source } from '../sources/source.entity.js';
import type { FeedBus } from './feed-bus.js';
import { toFeedMessage, toLeadFeedEvent, type FeedMessage } from './feed-message.js';
import type { LeadFeedEvent, LeadFeedEventKind } from './lead-feed-event.js';
import { MAX_FEED_FILTER_VALUES, type LeadFeedFilter } from './lead-feed.inputs.js';

/** The one topic of the feed (type-graphql's PubSub names topics). */
export const LEAD_FEED_TOPIC = 'LEAD_DECIDED';

/** Events one subscriber may have waiting before the oldest are dropped (a reader that stopped reading). */
export const MAX_QUEUED_EVENTS = 1000;

/** What one subscriber may see, once authorized: every set narrows, `null` does not. */
export interface FeedScope {
  accountId: string;
  campaignIds: ReadonlySet<string> | null;
  sourceIds: ReadonlySet<string> | null;
  statuses: ReadonlySet<LeadStatus> | null;
  includeTest: boolean;
}

export function inScope(scope: FeedScope, m: FeedMessage): boolean {
  return (
    m.accountId === scope.accountId &&
    (scope.includeTest || !m.isTest) &&
    (scope.campaignIds === null || scope.campaignIds.has(m.campaignId)) &&
    (scope.sourceIds === null || (m.sourceId !== null && scope.sourceIds.has(m.sourceId))) &&
    (scope.statuses === null || scope.statuses.has(m.status))
  );
}

const listOf = (values: readonly string[] | null | undefined, field: string): string[] | null => {
  if (!values || values.length === 0) return null;
  if (values.length > MAX_FEED_FILTER_VALUES) throw badInput(`${field} may hold at most ${MAX_FEED_FILTER_VALUES} values`, { field });
  return [...new Set(values)];
};

/**
 * The live feed: every committed decision, masked, fanned out to subscribers on every gateway
 * through a {@link FeedBus}. It is type-graphql's PubSub for the `leadDecided` subscription,
 * whose `dynamicId` is the subscriber's authorized {@link FeedScope}.
 */
export class LiveFeed implements PubSub {
  private readonly subscribers = new Set<FeedSubscription>();

  constructor(private readonly bus: FeedBus) {
    bus.onMessage((message) => {
      for (const subscriber of this.subscribers) subscriber.offer(message);
    });
  }

  /** Which bus carries the feed: `local`, `redis` or `postgresql`. */
  get busKind(): FeedBus['kind'] {
    return this.bus.kind;
  }

  /** Subscribers on this gateway. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Publishes every decision `events` announces; returns the unsubscribe function. */
  listen(events: LeadEvents): () => void {
    return events.subscribe((event) => this.publishDecision(event));
  }

  /** Publishes one decision (or a later sale, with `kind` and `decidedAt`). */
  publishDecision(event: LeadDecidedEvent, kind?: LeadFeedEventKind, decidedAt?: Date): void {
    // A lone gateway with nobody watching has nothing to do; other gateways may have watchers.
    if (this.bus.kind === 'local' && this.subscribers.size === 0) return;
    this.bus.publish(toFeedMessage(event, kind, decidedAt));
  }

  publish(_topic: string, message: unknown): void {
    this.bus.publish(message as FeedMessage);
  }

  subscribe(_topic: string, scope?: unknown): AsyncIterable<LeadFeedEvent> {
    if (!scope) throw new Error("LiveFeed.subscribe needs the subscriber's FeedScope");
    const subscription = new FeedSubscription(scope as FeedScope, () => this.subscribers.delete(subscription));
    this.subscribers.add(subscription);
    return subscription;
  }

  /**
   * Checks a subscriber's filter against its key, as queries are checked: the key's own account
   * (the platform key names one), a SOURCE key its own source only, and campaigns and sources
   * that exist in that account (others are NOT_FOUND, so ids cannot be probed).
   */
  async authorize(em: EntityManager, caller: Caller, filter: LeadFeedFilter = {}): Promise<FeedScope> {
    const key = requireKey(caller);
    const accountId = resolveAccountId(caller, filter.accountId);
    const campaignIds = listOf(filter.campaignIds, 'campaignIds');
    let sourceIds = listOf(filter.sourceIds, 'sourceIds');
    if (campaignIds && (await em.count(Campaign, { id: { $in: campaignIds }, account: accountId })) !== campaignIds.length)
      throw notFound('Campaign');
    if (sourceIds && (await em.count(Source, { id: { $in: sourceIds }, account: accountId })) !== sourceIds.length)
      throw notFound('Source');
    if (key.role === ApiKeyRole.SOURCE) {
      if (sourceIds && sourceIds.some((id) => id !== key.sourceId)) throw notFound('Source');
      sourceIds = [key.sourceId!];
    }
    return {
      accountId,
      campaignIds: campaignIds && new Set(campaignIds),
      sourceIds: sourceIds && new Set(sourceIds),
      statuses: filter.statuses?.length ? new Set(filter.statuses) : null,
      includeTest: filter.includeTest ?? false,
    };
  }
}

/**
 * One subscriber's stream: events in its scope are queued until read. A reader that stops
 * reading loses the oldest events beyond {@link MAX_QUEUED_EVENTS}, never the gateway's memory.
 */
class FeedSubscription implements AsyncIterableIterator<LeadFeedEvent> {
  private readonly queue: FeedMessage[] = [];
  private waiting: ((result: IteratorResult<LeadFeedEvent>) => void) | undefined;
  private done = false;

  constructor(
    private readonly scope: FeedScope,
    private readonly onEnd: () => void,
  ) {}

  offer(message: FeedMessage): void {
    if (this.done || !inScope(this.scope, message)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: toLeadFeedEvent(message), done: false });
      return;
    }
    if (this.queue.length >= MAX_QUEUED_EVENTS) this.queue.shift();
    this.queue.push(message);
  }

  next(): Promise<IteratorResult<LeadFeedEvent>> {
    const message = this.queue.shift();
    if (message) return Promise.resolve({ value: toLeadFeedEvent(message), done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<LeadFeedEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<LeadFeedEvent>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LeadFeedEvent> {
    return this;
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.onEnd();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }
}
