import type { LedgerClaim } from '../ledger/ledger.js';
import type { NormalizedLead } from '../fields/normalized-lead.js';
import { reasonMessage, type ReasonCode } from '../leads/reason-code.js';
import { campaignPeriodRule } from './rules/campaign-period.rule.js';
import { campaignScheduleRule } from './rules/campaign-schedule.rule.js';
import { campaignStatusRule } from './rules/campaign-status.rule.js';
import { capsRule } from './rules/caps.rule.js';
import { conditionsRule } from './rules/conditions.rule.js';
import { consentRule } from './rules/consent.rule.js';
import { contactBlockRule } from './rules/contact-block.rule.js';
import { duplicatesRule } from './rules/duplicates.rule.js';
import { emailFormatRule } from './rules/email-format.rule.js';
import { ipRule } from './rules/ip.rule.js';
import type { LeadRule, LedgerRule, RuleContext } from './rules/lead-rule.js';
import { phoneFormatRule } from './rules/phone-format.rule.js';
import { requiredFieldsRule } from './rules/required-fields.rule.js';
import { sourceRule } from './rules/source.rule.js';
import { stateTargetingRule } from './rules/state-targeting.rule.js';
import { trackingBlockRule } from './rules/tracking-block.rule.js';
import { urlFormatRule } from './rules/url-format.rule.js';
import { zipFormatRule } from './rules/zip-format.rule.js';
import { zipTargetingRule } from './rules/zip-targeting.rule.js';
import { StageOutcome, type TraceEntry } from '../leads/trace.js';

/** The rule stages in the order they run: cheap and structural first, stateful last. */
export const PIPELINE: readonly LeadRule[] = [
  // Nothing about a lead matters until we know who posted it and that they may.
  sourceRule(),
  // A closed campaign rejects everything, so say so before judging the lead itself.
  campaignStatusRule(),
  campaignPeriodRule(),
  campaignScheduleRule(),
  // The structure of the post: what a vendor fixes in its integration (test leads stop here).
  requiredFieldsRule(),
  emailFormatRule(),
  phoneFormatRule(),
  zipFormatRule(),
  urlFormatRule(),
  // Block lists need normalized values, which only well-formed fields have.
  contactBlockRule(),
  trackingBlockRule(),
  ipRule(),
  consentRule(),
  // Targeting and the campaign's own rules: business choices over a valid lead.
  stateTargetingRule(),
  zipTargetingRule(),
  conditionsRule(),
  // Stateful stages last: they claim ledger entries, and only a lead every other stage accepts may claim.
  duplicatesRule(),
  capsRule(),
];

/** A ledger stage's claims, to be taken (or peeked) by the intake service. */
export interface PendingLedgerStage {
  rule: LedgerRule;
  claims: LedgerClaim[];
}

export interface PipelineResult {
  rejection: { code: ReasonCode; message: string } | null;
  trace: TraceEntry[];
  /** Ledger stages reached without a rejection, in order; their trace entries are added once the ledger answers. */
  ledger: PendingLedgerStage[];
}

const isLedgerRule = (rule: LeadRule): rule is LedgerRule => 'claims' in rule;

export const passed = (stage: string): TraceEntry => ({ stage, outcome: StageOutcome.PASS, reasonCode: null, message: null });

export function rejected(stage: string, code: ReasonCode, params?: Record<string, string>): TraceEntry {
  return { stage, outcome: StageOutcome.REJECT, reasonCode: code, message: reasonMessage(code, params) };
}

/**
 * Runs the pure stages over a normalized lead and collects the ledger stages' claims. Stops at
 * the first rejection unless `explain` is set; a test lead runs only the structural stages.
 */
export function runPipeline(
  lead: NormalizedLead,
  ctx: RuleContext,
  options: { test: boolean; explain?: boolean },
  rules: readonly LeadRule[] = PIPELINE,
): PipelineResult {
  const trace: TraceEntry[] = [];
  const ledger: PendingLedgerStage[] = [];
  let rejection: PipelineResult['rejection'] = null;
  for (const rule of rules) {
    if (options.test && !rule.structural) continue;
    if (isLedgerRule(rule)) {
      ledger.push({ rule, claims: rule.claims(lead, ctx) });
      continue;
    }
    const result = rule.check(lead, ctx);
    if (result.pass) {
      trace.push(passed(rule.stage));
      continue;
    }
    const entry = rejected(rule.stage, result.code, result.params);
    trace.push(entry);
    rejection ??= { code: result.code, message: entry.message! };
    if (!options.explain) break;
  }
  return { rejection, trace, ledger: rejection && !options.explain ? [] : ledger };
}
