import { fieldValue } from '../lead-draft.js';
import { ReasonCode } from '../reason-code.js';
import { PASS, reject, type LeadRule } from './lead-rule.js';

/** Missing {fields}: every required field that is absent, in the campaign's order, joined by ", ". */
export function requiredFieldsRule(): LeadRule {
  return {
    stage: 'required-fields',
    structural: true,
    check(lead, ctx) {
      const missing = ctx.campaign.requiredFields.filter((name) => fieldValue(lead, name) === null);
      return missing.length === 0 ? PASS : reject(ReasonCode.MISSING_FIELDS, { fields: missing.join(', ') });
    },
  };
}
