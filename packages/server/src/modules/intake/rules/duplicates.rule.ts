import { createHash } from 'node:crypto';
import { DuplicateKey } from '../../campaigns/requirement-enums.js';
import { claim, type UniqueClaim } from '../../ledger/ledger.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type TxRule } from './lead-rule.js';

const DAY_MS = 86_400_000;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Duplicate email / Duplicate phone: claims the lead's keys in the campaign's ledger; a claim
 * fails while an accepted live lead with the same key is younger than the window. Test and
 * rejected leads never claim, so they never count.
 */
export function duplicatesRule(): TxRule {
  return {
    stage: 'duplicates',
    structural: false,
    *apply({ fields }, { campaign, now, leadId }) {
      const { keys, windowDays } = campaign.duplicates;
      const windowStartMs = now.getTime() - windowDays * DAY_MS;
      const claims: UniqueClaim[] = [];
      // Fixed order (email, then phone) so concurrent leads take keys in the same order.
      if (keys.includes(DuplicateKey.EMAIL) && fields.email !== null) {
        claims.push({
          kind: 'unique',
          code: ReasonCode.DUPLICATE_EMAIL,
          campaignId: campaign.id,
          key: 'email',
          valueHash: hash(fields.email),
          windowStartMs,
        });
      }
      if (keys.includes(DuplicateKey.PHONE) && fields.phone !== null) {
        claims.push({
          kind: 'unique',
          code: ReasonCode.DUPLICATE_PHONE,
          campaignId: campaign.id,
          key: 'phone',
          valueHash: hash(fields.phone),
          windowStartMs,
        });
      }
      for (const key of claims) if (!(yield* claim(key, leadId, now.getTime()))) return reject(key.code);
      return PASS;
    },
  };
}
