import { fieldValue } from '../../fields/normalized-lead.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, type CheckRule } from './lead-rule.js';

/**
 * Missing {fields}: every required field that is absent, the campaign's first (in its order),
 * then the source's own additions, joined by ", ".
 */
export function requiredFieldsRule(): CheckRule {
  return {
    stage: 'required-fields',
    structural: true,
    check(lead, { campaign, approval }) {
      const required = [...campaign.requiredFields];
      for (const name of approval?.requiredFields ?? []) if (!required.includes(name)) required.push(name);
      const missing = required.filter((name) => fieldValue(lead, name) === null);
      return missing.length === 0
        ? PASS
        : { pass: false, code: ReasonCode.MISSING_FIELDS, params: { fields: missing.join(', ') }, fields: missing };
    },
  };
}
