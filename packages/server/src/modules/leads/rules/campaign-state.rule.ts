import { CampaignStatus } from '../../campaigns/campaign-status.js';
import { ReasonCode } from '../reason-code.js';
import { PASS, reject, type LeadRule } from './lead-rule.js';

/** Campaign inactive: the campaign is paused. */
export function campaignStateRule(): LeadRule {
  return {
    stage: 'campaign-state',
    structural: false,
    check: (_lead, ctx) => (ctx.campaign.status === CampaignStatus.ACTIVE ? PASS : reject(ReasonCode.CAMPAIGN_INACTIVE)),
  };
}
