import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import type { DeliveryNotifier } from './delivery-notifier.js';
import { DeliveryResolver, LeadDeliveriesResolver } from './delivery.resolver.js';
import { DeliveryService } from './delivery.service.js';
import { DestinationResolver } from './destination.resolver.js';
import { DestinationService } from './destination.service.js';

export const deliveryModule = defineModule({
  name: 'delivery',
  services: (needs: {
    now: () => Date;
    configChanges: ConfigChanges;
    deliveryNotifier: DeliveryNotifier;
    deliveryMaxAttempts: number;
  }) => ({
    destinations: new DestinationService(needs.deliveryMaxAttempts, needs.configChanges),
    deliveries: new DeliveryService(needs.now, needs.deliveryNotifier),
  }),
  resolvers: ({ destinations, deliveries, now }) => [
    new DestinationResolver(destinations, now),
    new DeliveryResolver(deliveries),
    new LeadDeliveriesResolver(),
  ],
});
