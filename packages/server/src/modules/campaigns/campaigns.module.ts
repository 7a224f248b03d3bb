import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import type { SourceApprovals } from './source-approvals.js';
import { campaignFileRoutes } from './campaign-files.route.js';
import { CampaignResolver } from './campaign.resolver.js';
import { CampaignService } from './campaign.service.js';
import { ZipTargetingService } from './zip-targeting.service.js';

export const campaignsModule = defineModule({
  name: 'campaigns',
  services: ({ configChanges, sources }: { configChanges: ConfigChanges; sources: SourceApprovals }) => ({
    campaigns: new CampaignService(sources, configChanges),
    zipTargeting: new ZipTargetingService(sources, configChanges),
  }),
  resolvers: ({ campaigns, zipTargeting }) => [new CampaignResolver(campaigns, zipTargeting)],
  routes: (app, { orm, services, authenticate }) => campaignFileRoutes(app, { orm, zipTargeting: services.zipTargeting, authenticate }),
});
