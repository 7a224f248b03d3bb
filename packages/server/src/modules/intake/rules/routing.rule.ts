import { LeadRouting } from '../../campaigns/requirement-enums.js';
import { route } from '../../routing/index.js';
import { PASS, type TxRule } from './lead-rule.js';

/**
 * Buyer routing (campaigns that route to buyers): sells the accepted lead to the best eligible
 * buyers, taking their caps; none eligible leaves it PENDING. It never rejects.
 */
export function routingRule(): TxRule {
  return {
    stage: 'routing',
    structural: false,
    *apply(lead, ctx) {
      if (ctx.campaign.routing !== LeadRouting.BUYERS) return null;
      ctx.routed = yield* route(ctx.buyers, ctx.campaign, ctx.accountTimeZone, lead, ctx.leadId, ctx.now);
      return PASS;
    },
  };
}
