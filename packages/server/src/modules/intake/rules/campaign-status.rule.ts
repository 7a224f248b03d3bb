import { CampaignStatus } from '../../campaigns/campaign-status.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Campaign inactive: the campaign is paused. */
export function campaignStatusRule(): CheckRule {
  return {
    stage: 'campaign-status',
    structural: false,
    check: (_lead, ctx) => (ctx.campaign.status === CampaignStatus.ACTIVE ? PASS : reject(ReasonCode.CAMPAIGN_INACTIVE)),
  };
}
