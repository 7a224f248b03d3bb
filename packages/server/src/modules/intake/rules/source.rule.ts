import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Invalid source (unknown, or not actively approved for the campaign) and Invalid auth. */
export function sourceRule(): CheckRule {
  return {
    stage: 'source',
    structural: true,
    check(_lead, ctx) {
      if (!ctx.source) return reject(ReasonCode.INVALID_SOURCE);
      if (!ctx.authenticated) return reject(ReasonCode.INVALID_AUTH);
      if (!ctx.approval?.active) return reject(ReasonCode.INVALID_SOURCE);
      return PASS;
    },
  };
}
