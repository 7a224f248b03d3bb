import type { NormalizedLead } from './lead-draft.js';
import { reasonMessage, type ReasonCode } from './reason-code.js';
import { campaignStateRule } from './rules/campaign-state.rule.js';
import type { LeadRule, RuleContext } from './rules/lead-rule.js';
import { requiredFieldsRule } from './rules/required-fields.rule.js';
import { sourceRule } from './rules/source.rule.js';
import { StageOutcome, type TraceEntry } from './trace.js';

/** The rule stages in the order they run: cheap and structural first, stateful last. */
export const PIPELINE: readonly LeadRule[] = [
  // Nothing about a lead matters until we know who posted it and that they may.
  sourceRule(),
  // A paused campaign rejects everything; checking it before the fields saves the work.
  campaignStateRule(),
  // Structure of the post: every required field present.
  requiredFieldsRule(),
];

export interface PipelineResult {
  rejection: { code: ReasonCode; message: string } | null;
  trace: TraceEntry[];
}

/**
 * Runs the stages over a normalized lead. Stops at the first rejection unless `explain` is
 * set; a test lead runs only the structural stages.
 */
export function runPipeline(
  lead: NormalizedLead,
  ctx: RuleContext,
  options: { test: boolean; explain?: boolean },
  rules: readonly LeadRule[] = PIPELINE,
): PipelineResult {
  const trace: TraceEntry[] = [];
  let rejection: PipelineResult['rejection'] = null;
  for (const rule of rules) {
    if (options.test && !rule.structural) continue;
    const result = rule.check(lead, ctx);
    if (result.pass) {
      trace.push({ stage: rule.stage, outcome: StageOutcome.PASS, reasonCode: null, message: null });
      continue;
    }
    const message = reasonMessage(result.code, result.params);
    trace.push({ stage: rule.stage, outcome: StageOutcome.REJECT, reasonCode: result.code, message });
    rejection ??= { code: result.code, message };
    if (!options.explain) break;
  }
  return { rejection, trace };
}
