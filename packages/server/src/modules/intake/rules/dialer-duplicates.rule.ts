import { DialerMatchAppeared, findMatch, isDuplicate } from '../../dialer/index.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type TxRule } from './lead-rule.js';

/**
 * Duplicate phone in the dialer's own scope (check_dup: the account's lists, the list, or the
 * dialer campaign's lists; archived ones with check_dup_archive). With update_if_found, a match
 * that appeared since the insert looked aborts the insert, which then updates that match.
 */
export function dialerDuplicatesRule(): TxRule {
  return {
    stage: 'dialer-duplicates',
    structural: false,
    *apply({ fields }, { placement }) {
      if (!placement || !fields.phone) return null;
      if (placement.search && (yield* findMatch(placement.accountId, fields.phone, placement.search, placement)) !== null)
        throw new DialerMatchAppeared();
      return (yield* isDuplicate(placement, fields.phone, null)) ? reject(ReasonCode.DUPLICATE_PHONE) : PASS;
    },
  };
}
