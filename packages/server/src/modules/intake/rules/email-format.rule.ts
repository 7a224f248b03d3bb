import { ReasonCode } from '../../leads/reason-code.js';
import { isEmail } from '../../fields/formats.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Email format: an email was sent and it is not a valid address. */
export function emailFormatRule(): CheckRule {
  return {
    stage: 'email-format',
    structural: true,
    check: ({ fields }) => (fields.email === null || isEmail(fields.email) ? PASS : reject(ReasonCode.EMAIL_FORMAT)),
  };
}
