export { LiveFeed, LEAD_FEED_TOPIC, type FeedScope } from './live-feed.service.js';
export { LeadFeedResolver, type FeedContext } from './lead-feed.resolver.js';
export { LeadFeedEvent, LeadFeedContact, LeadFeedEventKind } from './lead-feed-event.js';
export { LeadFeedFilter } from './lead-feed.inputs.js';
export { LocalFeedBus, type FeedBus } from './feed-bus.js';
export { RedisFeedBus } from './redis-feed-bus.js';
export { PostgresFeedBus } from './postgres-feed-bus.js';
export { serveGraphQLOverWebSocket } from './graphql-ws.js';
export { createFeedBus, feedChannel } from './feed-bus.factory.js';
