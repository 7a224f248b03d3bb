import { Field, ObjectType } from 'type-graphql';
import { LeadDecision } from '../leads/lead-decision.js';
import { TraceEntry } from '../leads/trace.js';

@ObjectType('LeadExplanation', { description: 'What submitLead would decide now, and why, stage by stage. Nothing is stored.' })
export class LeadExplanation {
  @Field(() => LeadDecision, { description: 'The decision submitLead would take now (leadId is always null).' })
  decision!: LeadDecision;

  @Field(() => [TraceEntry], { description: 'Every stage that applies, in order, each with its own outcome.' })
  stages!: TraceEntry[];
}
