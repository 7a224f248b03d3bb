import { isIP } from 'node:net';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/**
 * IP verification: an IP was sent and it is not an IPv4 or IPv6 address. Non-US IP: the campaign
 * takes US IPs only and the offline database places this one elsewhere (or nowhere).
 */
export function ipRule(): CheckRule {
  return {
    stage: 'ip',
    structural: false,
    check({ fields }, { campaign, countryOf }) {
      if (fields.ip === null) return PASS;
      if (isIP(fields.ip) === 0) return reject(ReasonCode.IP_VERIFICATION);
      if (campaign.usIpOnly && countryOf(fields.ip) !== 'US') return reject(ReasonCode.NON_US_IP);
      return PASS;
    },
  };
}
