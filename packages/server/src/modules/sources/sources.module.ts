import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { SourceCampaignResolver } from './source-campaign.resolver.js';
import { SourceResolver } from './source.resolver.js';
import { SourceService } from './source.service.js';

export const sourcesModule = defineModule({
  name: 'sources',
  services: ({ configChanges }: { configChanges: ConfigChanges }) => ({ sources: new SourceService(configChanges) }),
  resolvers: ({ sources }) => [new SourceResolver(sources), new SourceCampaignResolver()],
});
