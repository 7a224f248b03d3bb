import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** SubID blocked / AffID blocked: the source's approval for this campaign blocks the lead's sub or affiliate id. */
export function trackingBlockRule(): CheckRule {
  return {
    stage: 'tracking-block',
    structural: false,
    check({ fields }, { approval }) {
      if (fields.subId !== null && approval?.blockedSubIds.includes(fields.subId)) return reject(ReasonCode.SUBID_BLOCKED);
      if (fields.affId !== null && approval?.blockedAffIds.includes(fields.affId)) return reject(ReasonCode.AFFID_BLOCKED);
      return PASS;
    },
  };
}
