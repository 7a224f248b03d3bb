import { isOnDnc, lockPhone } from '../../dialer/index.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type TxRule } from './lead-rule.js';

/**
 * Phone on DNC list (dialer inserts with check_dnc): the account's DNC lists (account-wide,
 * purpose, the dialer campaign's). Takes the number's lock first, so the dialer's checks and the
 * write they guard cannot be split by a concurrent insert of the same number.
 */
export function dialerDncRule(): TxRule {
  return {
    stage: 'dialer-dnc',
    structural: false,
    *apply({ fields }, { placement }) {
      if (!placement || !fields.phone) return null;
      yield* lockPhone(placement.accountId, fields.phone);
      if (!placement.checkDnc) return PASS;
      return (yield* isOnDnc(placement.accountId, placement.dialerCampaignId, fields.phone)) ? reject(ReasonCode.PHONE_DNC) : PASS;
    },
  };
}
