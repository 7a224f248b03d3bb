import { type CapPeriod, capPeriodKeys, capScope, claim, type CounterClaim } from '../../ledger/ledger.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type TxRule } from './lead-rule.js';

const PERIODS: ReadonlyArray<[CapPeriod, ReasonCode]> = [
  ['daily', ReasonCode.DAILY_CAP],
  ['weekly', ReasonCode.WEEKLY_CAP],
  ['monthly', ReasonCode.MONTHLY_CAP],
  ['total', ReasonCode.TOTAL_CAP],
];

/**
 * {Period} cap (Daily, Weekly, Monthly, Total) for the source on this campaign, then Campaign cap
 * for the campaign as a whole. Periods are calendar periods on the campaign's wall clock (ISO
 * weeks start on Monday); only accepted live leads count.
 */
export function capsRule(): TxRule {
  return {
    stage: 'caps',
    structural: false,
    *apply(_lead, { campaign, approval, local, leadId, now }) {
      const periodKey = capPeriodKeys(local);
      const claims: CounterClaim[] = [];
      for (const [period, code] of PERIODS) {
        const limit = approval?.caps[period];
        if (limit != null)
          claims.push({ kind: 'counter', code, scope: capScope.approval(approval!.id, period), period: periodKey[period], limit });
      }
      for (const [period] of PERIODS) {
        const limit = campaign.caps[period];
        if (limit != null)
          claims.push({
            kind: 'counter',
            code: ReasonCode.CAMPAIGN_CAP,
            scope: capScope.campaign(campaign.id, period),
            period: periodKey[period],
            limit,
          });
      }
      for (const counter of claims) if (!(yield* claim(counter, leadId, now.getTime()))) return reject(counter.code);
      return PASS;
    },
  };
}
