import { RuleKind } from '../../campaigns/requirement-enums.js';
import { fieldValue } from '../../fields/normalized-lead.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/**
 * Condition: {name} when a CONDITION does not hold; Filter: {name} when a FILTER matches. The
 * campaign's rules run in their listed order and were compiled once per campaign version.
 */
export function conditionsRule(): CheckRule {
  return {
    stage: 'conditions',
    structural: false,
    check(lead, { snapshot }) {
      const get = (field: string) => fieldValue(lead, field);
      for (const rule of snapshot.rules) {
        const matches = rule.test(get);
        if (rule.kind === RuleKind.CONDITION && !matches) return reject(ReasonCode.CONDITION, { name: rule.name });
        if (rule.kind === RuleKind.FILTER && matches) return reject(ReasonCode.FILTER, { name: rule.name });
      }
      return PASS;
    },
  };
}
