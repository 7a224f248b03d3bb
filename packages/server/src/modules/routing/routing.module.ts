import { defineModule } from '../../gateway-module.js';
import type { DeliveryNotifier } from '../delivery/index.js';
import { LeadFeedEventKind, type LiveFeed } from '../live-feed/index.js';
import { RedistributionService } from './redistribution.service.js';
import { RoutingResolver } from './routing.resolver.js';

export const routingModule = defineModule({
  name: 'routing',
  services: ({ now, deliveryNotifier, liveFeed }: { now: () => Date; deliveryNotifier: DeliveryNotifier; liveFeed: LiveFeed }) => ({
    // A pending lead sold later shows in the live feed as SOLD_LATER.
    redistribution: new RedistributionService(now, deliveryNotifier, (sale, soldAt) =>
      liveFeed.publishDecision(sale, LeadFeedEventKind.SOLD_LATER, soldAt),
    ),
  }),
  resolvers: ({ redistribution }) => [new RoutingResolver(redistribution)],
});
