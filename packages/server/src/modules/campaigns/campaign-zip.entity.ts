import { Entity, ManyToOne, PrimaryKey, type Ref } from '@mikro-orm/core';
import { Campaign } from './campaign.entity.js';

/** One entry of a campaign's zip targeting list. */
@Entity({ tableName: 'campaign_zips' })
export class CampaignZip {
  @ManyToOne({ entity: () => Campaign, ref: true, primary: true, deleteRule: 'cascade' })
  campaign!: Ref<Campaign>;

  @PrimaryKey({ type: 'string', length: 5 })
  zip!: string;
}
