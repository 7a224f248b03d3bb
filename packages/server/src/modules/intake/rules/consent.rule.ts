import { ConsentRequirement } from '../../campaigns/requirement-enums.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { isJornayaToken, isTrustedFormCert } from '../../fields/formats.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/**
 * Missing TrustedForm/Jornaya when the campaign's consent requirement is not met; TrustedForm
 * format / Jornaya format when a certificate or token is sent malformed, required or not.
 */
export function consentRule(): CheckRule {
  return {
    stage: 'consent',
    structural: false,
    check({ fields }, { campaign }) {
      const tf = fields.trustedFormCertUrl;
      const jornaya = fields.jornayaLeadId;
      const met = {
        [ConsentRequirement.NONE]: true,
        [ConsentRequirement.TRUSTEDFORM]: tf !== null,
        [ConsentRequirement.JORNAYA]: jornaya !== null,
        [ConsentRequirement.EITHER]: tf !== null || jornaya !== null,
        [ConsentRequirement.BOTH]: tf !== null && jornaya !== null,
      }[campaign.consent];
      if (!met) return reject(ReasonCode.MISSING_CONSENT);
      if (tf !== null && !isTrustedFormCert(tf)) return reject(ReasonCode.TRUSTEDFORM_FORMAT);
      if (jornaya !== null && !isJornayaToken(jornaya)) return reject(ReasonCode.JORNAYA_FORMAT);
      return PASS;
    },
  };
}
