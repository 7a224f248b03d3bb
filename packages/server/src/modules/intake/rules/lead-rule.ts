import type { LocalTime } from '../../../shared/local-time.js';
import type { Step } from '../../../shared/sql-step.js';
import type { Buyer } from '../../buyers/index.js';
import type { Campaign } from '../../campaigns/campaign.entity.js';
import type { DialerPlacement } from '../../dialer/index.js';
import type { NormalizedLead } from '../../fields/normalized-lead.js';
import type { ReasonCode } from '../../leads/reason-code.js';
import type { RouteResult } from '../../routing/index.js';
import type { SourceCampaign } from '../../sources/source-campaign.entity.js';
import type { Source } from '../../sources/source.entity.js';
import type { CampaignSnapshot } from '../campaign-snapshot.js';

/** What a rule may look at besides the lead: loaded once by the intake service, never fetched by a pure rule. */
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

/** What the transactional rules also see: the lead's id, where a door places it, and what routing needs and decides. */
export interface TxContext extends RuleContext {
  leadId: string;
  /** The dialer list the lead goes into (the dialer door), or null. */
  placement: DialerPlacement | null;
  /** The account's ACTIVE buyers by id, for campaigns that route to buyers. */
  buyers: readonly Buyer[];
  /** Set by the routing stage: who bought the lead and for how much. */
  routed: RouteResult | null;
}

export type RuleResult =
  | { pass: true }
  | { pass: false; code: ReasonCode; params?: Record<string, string> /** The missing fields, for MISSING_FIELDS. */; fields?: string[] };

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

/**
 * A stage that reads and writes inside the lead's transaction (ledger claims, dialer checks,
 * routing). It answers null when it does not apply to this lead (it is then not traced). A
 * rejection rolls back what every transactional stage of the lead took.
 */
export interface TxRule extends RuleBase {
  apply(lead: NormalizedLead, ctx: TxContext): Step<RuleResult | null>;
}

/** One stage of the pipeline. */
export type LeadRule = CheckRule | TxRule;

export const PASS: RuleResult = { pass: true };

export const reject = (code: ReasonCode, params?: Record<string, string>): RuleResult => ({ pass: false, code, params });

export const isTxRule = (rule: LeadRule): rule is TxRule => 'apply' in rule;
