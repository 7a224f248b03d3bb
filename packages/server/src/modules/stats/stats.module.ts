import { defineModule } from '../../gateway-module.js';
import { LeadCountResolver } from './lead-count.resolver.js';
import { LeadStatsResolver } from './lead-stats.resolver.js';
import { LeadStatsService } from './lead-stats.service.js';

export const statsModule = defineModule({
  name: 'stats',
  services: ({ now }: { now: () => Date }) => ({ stats: new LeadStatsService({ now }) }),
  resolvers: ({ stats }) => [new LeadStatsResolver(stats), new LeadCountResolver(stats)],
  routes: async (app, { services }) => {
    app.addHook('onClose', () => services.stats.close());
  },
});
