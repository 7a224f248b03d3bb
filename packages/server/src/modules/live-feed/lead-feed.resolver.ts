import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { LeadFeedEvent } from './lead-feed-event.js';
import { LeadFeedFilter } from './lead-feed.inputs.js';
import { LEAD_FEED_TOPIC, type LiveFeed } from './live-feed.service.js';

/** The context of an operation over WebSocket: a request context, plus the feed to subscribe to. */
export interface FeedContext extends RequestContext {
  liveFeed: LiveFeed;
}

@Resolver()
export class LeadFeedResolver {
  @Subscription(() => LeadFeedEvent, {
    description:
      "Every decision on the account's leads, as it is committed on any gateway (graphql-ws over WebSocket at /graphql; " +
      'send the key as {"authorization": "Bearer <key>"} in connection_init). Contact fields are masked; ' +
      'a SOURCE key sees its own leads only. Test leads only with includeTest.',
    // Authorized once, when the subscription starts: a refused filter is an error, not a silent feed.
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { filter?: LeadFeedFilter | null }, FeedContext>) => {
      const scope = await context.liveFeed.authorize(context.em, context.caller, args.filter ?? {});
      return context.liveFeed.subscribe(LEAD_FEED_TOPIC, scope);
    },
  })
  leadDecided(
    @Root() event: LeadFeedEvent,
    @Arg('filter', () => LeadFeedFilter, { nullable: true }) _filter?: LeadFeedFilter | null,
  ): LeadFeedEvent {
    return event;
  }
}
