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
