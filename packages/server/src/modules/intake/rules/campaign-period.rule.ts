import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Campaign period: the local date is before the campaign's start date or after its end date. */
export function campaignPeriodRule(): CheckRule {
  return {
    stage: 'campaign-period',
    structural: false,
    check(_lead, { campaign, local }) {
      if (campaign.periodStart && local.date < campaign.periodStart) return reject(ReasonCode.CAMPAIGN_PERIOD);
      if (campaign.periodEnd && local.date > campaign.periodEnd) return reject(ReasonCode.CAMPAIGN_PERIOD);
      return PASS;
    },
  };
}
