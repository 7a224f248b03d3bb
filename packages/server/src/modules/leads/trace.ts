import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReasonCode } from './reason-code.js';

export enum StageOutcome {
  PASS = 'PASS',
  REJECT = 'REJECT',
}

registerEnumType(StageOutcome, { name: 'StageOutcome' });

/** One stage's outcome in a lead's decision trace. */
@ObjectType('TraceEntry', { description: "One rule stage's outcome for a lead." })
export class TraceEntry {
  @Field(() => String, { description: 'Stage name, e.g. "required-fields".' })
  stage!: string;

  @Field(() => StageOutcome)
  outcome!: StageOutcome;

  @Field(() => ReasonCode, { nullable: true })
  reasonCode?: ReasonCode | null;

  @Field(() => String, { nullable: true, description: 'The reason message when the stage rejected.' })
  message?: string | null;
}

/**
 * A trace as a lead row stores it: the stages' names in order, the one that rejected prefixed
 * with `!` (its reason is the lead's own reason code and message). About a fifth of the JSON.
 */
export function encodeTrace(trace: readonly TraceEntry[]): string {
  return trace.map((entry) => (entry.outcome === StageOutcome.REJECT ? `!${entry.stage}` : entry.stage)).join(',');
}

/** The trace back from its stored form; rows written before the compact form hold the entries themselves. */
export function decodeTrace(stored: unknown, reasonCode: ReasonCode | null, message: string): TraceEntry[] {
  if (Array.isArray(stored)) return stored as TraceEntry[];
  if (typeof stored !== 'string' || stored === '') return [];
  return stored
    .split(',')
    .map((name) =>
      name.startsWith('!')
        ? { stage: name.slice(1), outcome: StageOutcome.REJECT, reasonCode, message }
        : { stage: name, outcome: StageOutcome.PASS, reasonCode: null, message: null },
    );
}
