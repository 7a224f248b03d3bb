import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Phone blocked / Email blocked: the account's block list holds the lead's phone or email. */
export function contactBlockRule(): CheckRule {
  return {
    stage: 'contact-block',
    structural: false,
    check(_lead, { blocked }) {
      if (blocked.phone) return reject(ReasonCode.PHONE_BLOCKED);
      if (blocked.email) return reject(ReasonCode.EMAIL_BLOCKED);
      return PASS;
    },
  };
}
