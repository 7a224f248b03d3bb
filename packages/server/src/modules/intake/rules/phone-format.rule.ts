import { ReasonCode } from '../../leads/reason-code.js';
import { isUsPhone } from '../../fields/formats.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Phone format: a phone was sent and it is not a possible US number. */
export function phoneFormatRule(): CheckRule {
  return {
    stage: 'phone-format',
    structural: true,
    check: ({ fields }) => (fields.phone === null || isUsPhone(fields.phone) ? PASS : reject(ReasonCode.PHONE_FORMAT)),
  };
}
