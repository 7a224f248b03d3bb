import { ListMode } from '../../campaigns/requirement-enums.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Zip targeting: the zip is not on the include list (or missing), or is on the exclude list. O(1) per lead. */
export function zipTargetingRule(): CheckRule {
  return {
    stage: 'zip-targeting',
    structural: false,
    check({ fields }, { snapshot }) {
      const { zips, zipMode } = snapshot;
      if (!zips) return PASS;
      const listed = fields.zip !== null && zips.has(fields.zip);
      return listed === (zipMode === ListMode.INCLUDE) ? PASS : reject(ReasonCode.ZIP_TARGETING);
    },
  };
}
