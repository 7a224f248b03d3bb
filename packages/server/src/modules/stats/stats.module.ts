import { defineModule } from '../../gateway-module.js';
import { LeadCountResolver } from './lead-count.resolver.js';
import { LeadExportService } from './lead-export.js';
import { leadExportRoutes } from './lead-export.route.js';
import { LeadStatsResolver } from './lead-stats.resolver.js';
import { LeadStatsService } from './lead-stats.service.js';

export const statsModule = defineModule({
  name: 'stats',
  services: ({ now }: { now: () => Date }) => {
    const stats = new LeadStatsService({ now });
    return { stats, leadExports: new LeadExportService((ctx) => stats.dbFor(ctx)) };
  },
  resolvers: ({ stats }) => [new LeadStatsResolver(stats), new LeadCountResolver(stats)],
  routes: async (app, { orm, services, authenticate }) => {
    app.addHook('onClose', () => services.stats.close());
    await leadExportRoutes(app, { orm, exports: services.leadExports, authenticate });
  },
});
