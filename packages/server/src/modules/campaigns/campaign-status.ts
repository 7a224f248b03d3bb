import { registerEnumType } from 'type-graphql';

/** Whether a campaign takes leads. */
export enum CampaignStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}

registerEnumType(CampaignStatus, { name: 'CampaignStatus', description: 'Whether a campaign takes leads.' });
