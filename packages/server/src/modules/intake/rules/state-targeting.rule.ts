import { ListMode } from '../../campaigns/requirement-enums.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** State targeting: the state is not on the include list (or missing), or is on the exclude list. */
export function stateTargetingRule(): CheckRule {
  return {
    stage: 'state-targeting',
    structural: false,
    check({ fields }, { snapshot }) {
      const { states, stateMode } = snapshot;
      if (!states) return PASS;
      const listed = fields.state !== null && states.has(fields.state);
      return listed === (stateMode === ListMode.INCLUDE) ? PASS : reject(ReasonCode.STATE_TARGETING);
    },
  };
}
