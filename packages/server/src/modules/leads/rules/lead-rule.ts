import type { Campaign } from '../../campaigns/campaign.entity.js';
import type { SourceCampaign } from '../../sources/source-campaign.entity.js';
import type { Source } from '../../sources/source.entity.js';
import type { NormalizedLead } from '../lead-draft.js';
import type { ReasonCode } from '../reason-code.js';

/** What a rule may look at besides the lead: loaded once by the intake service, never fetched by a rule. */
export interface RuleContext {
  campaign: Campaign;
  /** The posting source, null when the credentials named none that exists in the account. */
  source: Source | null;
  /** Whether the caller proved it may post as `source`. */
  authenticated: boolean;
  approval: SourceCampaign | null;
  now: Date;
}

export type RuleResult = { pass: true } | { pass: false; code: ReasonCode; params?: Record<string, string> };

/** One stage of the pipeline: a pure check over the lead and its context. */
export interface LeadRule {
  /** Stage name shown in the trace. */
  readonly stage: string;
  /** Structural rules check the posting itself and also run for test leads. */
  readonly structural: boolean;
  check(lead: NormalizedLead, ctx: RuleContext): RuleResult;
}

export const PASS: RuleResult = { pass: true };

export const reject = (code: ReasonCode, params?: Record<string, string>): RuleResult => ({ pass: false, code, params });
