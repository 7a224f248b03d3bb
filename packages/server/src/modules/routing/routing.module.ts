import { defineModule } from '../../gateway-module.js';
import type { DeliveryNotifier } from '../delivery/index.js';
import { RedistributionService } from './redistribution.service.js';
import { RoutingResolver } from './routing.resolver.js';

export const routingModule = defineModule({
  name: 'routing',
  services: ({ now, deliveryNotifier }: { now: () => Date; deliveryNotifier: DeliveryNotifier }) => ({
    redistribution: new RedistributionService(undefined, now, deliveryNotifier),
  }),
  resolvers: ({ redistribution }) => [new RoutingResolver(redistribution)],
});
