import { defineModule } from '../../gateway-module.js';
import type { DeliveryNotifier } from '../delivery/index.js';
import type { LeadEvents } from '../leads/index.js';
import type { IntakeCache } from './intake-cache.js';
import { IntakeResolver } from './intake.resolver.js';
import { IntakeService } from './intake.service.js';

export const intakeModule = defineModule({
  name: 'intake',
  services: (needs: { now: () => Date; intakeCache: IntakeCache; deliveryNotifier: DeliveryNotifier; leadEvents: LeadEvents }) => ({
    intake: new IntakeService({ now: needs.now, cache: needs.intakeCache, deliveries: needs.deliveryNotifier, events: needs.leadEvents }),
  }),
  resolvers: ({ intake }) => [new IntakeResolver(intake)],
});
