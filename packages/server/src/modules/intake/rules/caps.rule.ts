import type { Caps } from '../../campaigns/requirements.js';
import type { CounterClaim } from '../../ledger/ledger.js';
import { ReasonCode } from '../../leads/reason-code.js';
import type { LedgerRule } from './lead-rule.js';

type Period = keyof Caps;
const PERIODS: ReadonlyArray<[Period, ReasonCode]> = [
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
export function capsRule(): LedgerRule {
  return {
    stage: 'caps',
    structural: false,
    claims(_lead, { campaign, approval, local }) {
      const periodKey: Record<Period, string> = { daily: local.date, weekly: local.isoWeek, monthly: local.month, total: 'total' };
      const claims: CounterClaim[] = [];
      for (const [period, code] of PERIODS) {
        const limit = approval?.caps[period];
        if (limit != null) claims.push({ kind: 'counter', stage: 'caps', code, scope: `sc:${approval!.id}:${period}`, period: periodKey[period], limit });
      }
      for (const [period] of PERIODS) {
        const limit = campaign.caps[period];
        if (limit != null) claims.push({ kind: 'counter', stage: 'caps', code: ReasonCode.CAMPAIGN_CAP, scope: `campaign:${campaign.id}:${period}`, period: periodKey[period], limit });
      }
      return claims;
    },
  };
}
