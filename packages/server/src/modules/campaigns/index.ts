export { Campaign } from './campaign.entity.js';
export { CampaignStatus } from './campaign-status.js';
export { CampaignService } from './campaign.service.js';
export { CampaignResolver } from './campaign.resolver.js';

export { CreateCampaignInput } from './campaign.inputs.js';
