import type { LocalTime } from '../../../shared/local-time.js';
import type { Campaign } from '../../campaigns/campaign.entity.js';
import type { SourceCampaign } from '../../sources/source-campaign.entity.js';
import type { Source } from '../../sources/source.entity.js';
import type { LedgerClaim } from '../../ledger/ledger.js';
import type { CampaignSnapshot } from '../campaign-snapshot.js';
import type { NormalizedLead } from '../../fields/normalized-lead.js';
import type { ReasonCode } from '../../leads/reason-code.js';

/** What a rule may look at besides the lead: loaded once by the intake service, never fetched by a rule. */
export interface RuleContext {
  campaign: Campaign;
  /** The campaign's rules compiled once per configuration version (zip set, conditions). */
  snapshot: CampaignSnapshot;
  /** The posting source, null when the credentials named none that exists in the account. */
  source: Source | null;
  /** Whether the caller proved it may post as `source`. */
  authenticated: boolean;
  approval: SourceCampaign | null;
  now: Date;
  /** `now` on the campaign's wall clock. */
  local: LocalTime;
  /** The account's IANA time zone: buyers' schedules and caps run on it. */
  accountTimeZone: string;
  /** Whether the lead's phone / email is on the account's block list. */
  blocked: { phone: boolean; email: boolean };
  /** ISO country of an IP address from the offline database, null when unknown. */
  countryOf: (ip: string) => string | null;
}

export type RuleResult = { pass: true } | { pass: false; code: ReasonCode; params?: Record<string, string> };

interface RuleBase {
  /** Stage name shown in the trace. */
  readonly stage: string;
  /** Structural rules check the posting itself and also run for test leads. */
  readonly structural: boolean;
}

/** A pure check over the lead and its context. */
export interface CheckRule extends RuleBase {
  check(lead: NormalizedLead, ctx: RuleContext): RuleResult;
}

/** A stateful stage: it names what to claim in the ledger; the intake service takes the claims atomically. */
export interface LedgerRule extends RuleBase {
  claims(lead: NormalizedLead, ctx: RuleContext): LedgerClaim[];
}

/** One stage of the pipeline. */
export type LeadRule = CheckRule | LedgerRule;

export const PASS: RuleResult = { pass: true };

export const reject = (code: ReasonCode, params?: Record<string, string>): RuleResult => ({ pass: false, code, params });
