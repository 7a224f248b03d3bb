export { Source } from './source.entity.js';
export { SourceCampaign } from './source-campaign.entity.js';
export { SourceService, SOURCE_KEY_PREFIX } from './source.service.js';
export { SourceResolver } from './source.resolver.js';
