import type { Step } from '../../shared/sql-step.js';
import type { NormalizedLead } from '../fields/normalized-lead.js';
import { reasonMessage, type ReasonCode } from '../leads/reason-code.js';
import { StageOutcome, type TraceEntry } from '../leads/trace.js';
import { campaignPeriodRule } from './rules/campaign-period.rule.js';
import { campaignScheduleRule } from './rules/campaign-schedule.rule.js';
import { campaignStatusRule } from './rules/campaign-status.rule.js';
import { capsRule } from './rules/caps.rule.js';
import { conditionsRule } from './rules/conditions.rule.js';
import { consentRule } from './rules/consent.rule.js';
import { contactBlockRule } from './rules/contact-block.rule.js';
import { dialerDncRule } from './rules/dialer-dnc.rule.js';
import { dialerDuplicatesRule } from './rules/dialer-duplicates.rule.js';
import { duplicatesRule } from './rules/duplicates.rule.js';
import { emailFormatRule } from './rules/email-format.rule.js';
import { ipRule } from './rules/ip.rule.js';
import { isTxRule, type LeadRule, type RuleContext, type RuleResult, type TxContext } from './rules/lead-rule.js';
import { phoneFormatRule } from './rules/phone-format.rule.js';
import { requiredFieldsRule } from './rules/required-fields.rule.js';
import { routingRule } from './rules/routing.rule.js';
import { sourceRule } from './rules/source.rule.js';
import { stateTargetingRule } from './rules/state-targeting.rule.js';
import { trackingBlockRule } from './rules/tracking-block.rule.js';
import { urlFormatRule } from './rules/url-format.rule.js';
import { zipFormatRule } from './rules/zip-format.rule.js';
import { zipTargetingRule } from './rules/zip-targeting.rule.js';

/**
 * Every stage that can decide a lead, in the order they run: pure checks first, then the stages
 * that read and write inside the lead's transaction. The first rejection stops a submission;
 * explainLead runs them all.
 */
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
  // From here on, stages run inside the lead's transaction, and only for a lead every pure stage
  // accepted: a rejection rolls back what the earlier ones took.
  // The campaign's ledger: duplicates before caps, so a duplicate never spends a cap.
  duplicatesRule(),
  capsRule(),
  // The dialer door's own checks, under the number's lock: after the campaign's, whose rejections
  // a vendor must see first, and before the lead is written into the list.
  dialerDncRule(),
  dialerDuplicatesRule(),
  // Last: only a lead that will be stored as accepted may be sold and take buyers' caps.
  routingRule(),
];

/** What the pipeline decided, with the trace of every stage that applied. */
export interface Verdict {
  rejection: { code: ReasonCode; message: string; fields?: string[] } | null;
  trace: TraceEntry[];
}

export const passed = (stage: string): TraceEntry => ({ stage, outcome: StageOutcome.PASS, reasonCode: null, message: null });

export function rejected(stage: string, code: ReasonCode, params?: Record<string, string>): TraceEntry {
  return { stage, outcome: StageOutcome.REJECT, reasonCode: code, message: reasonMessage(code, params) };
}

/** Options of {@link decide}. */
export interface DecideOptions {
  /** Run only the structural stages (test leads). */
  test: boolean;
  /** Run every stage without stopping at a rejection (explainLead; the caller rolls the transaction back). */
  explain?: boolean;
  /** Stop before the transactional stages (for callers with no transaction, whose lead a pure stage refuses). */
  pureOnly?: boolean;
}

/**
 * The executor: runs the stages of {@link PIPELINE} in order over a normalized lead, writing the
 * trace as it goes, and stops at the first rejection unless explaining. The transactional stages
 * run under a savepoint that a rejection rolls back, so a lead rejected by its phone claim gives
 * back its email claim and can still be stored as rejected.
 */
export function* decide(
  lead: NormalizedLead,
  ctx: TxContext,
  options: DecideOptions,
  rules: readonly LeadRule[] = PIPELINE,
): Step<Verdict> {
  const trace: TraceEntry[] = [];
  let rejection: Verdict['rejection'] = null;
  let savepoint = false;
  // Opened before the first statement of a transactional stage: a lead whose campaign has no
  // duplicate keys, caps, dialer placement or buyers sends none, and costs no savepoint.
  const openSavepoint = () => !savepoint && (savepoint = true);
  const record = (stage: string, result: RuleResult) => {
    if (result.pass) {
      trace.push(passed(stage));
      return;
    }
    const entry = rejected(stage, result.code, result.params);
    trace.push(entry);
    rejection ??= { code: result.code, message: entry.message!, ...(result.fields ? { fields: result.fields } : {}) };
  };
  try {
    for (const rule of rules) {
      if (options.test && !rule.structural) continue;
      if (!isTxRule(rule)) {
        record(rule.stage, rule.check(lead, ctx));
      } else {
        if (options.pureOnly || (rejection && !options.explain)) break;
        const result = yield* withSavepoint(rule.apply(lead, ctx), openSavepoint);
        if (result) record(rule.stage, result);
      }
      if (rejection && !options.explain) break;
    }
  } catch (error) {
    if (savepoint) {
      yield { kind: 'rollbackTo', name: 'stages' };
      yield { kind: 'release', name: 'stages' };
    }
    throw error;
  }
  if (rejection) ctx.routed = null;
  if (savepoint) {
    if (rejection) yield { kind: 'rollbackTo', name: 'stages' };
    yield { kind: 'release', name: 'stages' };
  }
  return { rejection, trace };
}

/** Runs `step`, yielding a savepoint first before its first statement when `open()` says so. */
function* withSavepoint<T>(step: Step<T>, open: () => boolean): Step<T> {
  let next = step.next();
  while (!next.done) {
    if (open()) yield { kind: 'savepoint', name: 'stages' };
    let answer: unknown;
    try {
      answer = yield next.value;
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}

/** Runs only the pure stages, for a caller that has no transaction (refused credentials). */
export function decidePure(lead: NormalizedLead, ctx: RuleContext, test: boolean): Verdict {
  const step = decide(lead, { ...ctx, leadId: '', placement: null, buyers: [], routed: null }, { test, pureOnly: true });
  const next = step.next();
  if (!next.done) throw new Error('a pure decision asked for the database');
  return next.value;
}
