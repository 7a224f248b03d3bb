import { defineModule } from '../../gateway-module.js';
import type { LeadEvents } from '../leads/index.js';
import type { FeedBus } from './feed-bus.js';
import { LeadFeedResolver } from './lead-feed.resolver.js';
import { LiveFeed } from './live-feed.service.js';

export const liveFeedModule = defineModule({
  name: 'live-feed',
  services: ({ leadEvents, feedBus }: { leadEvents: LeadEvents; feedBus: FeedBus }) => {
    const liveFeed = new LiveFeed(feedBus);
    liveFeed.listen(leadEvents);
    return { liveFeed };
  },
  resolvers: () => [new LeadFeedResolver()],
});
