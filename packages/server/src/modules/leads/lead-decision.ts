import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { centsToAmount } from '../../shared/money.js';
import { LeadStatus } from './lead-enums.js';
import { ReasonCode } from './reason-code.js';

/** The decision on one lead, as every door renders it in its own wire format. */
@ObjectType('LeadDecision', { description: 'The decision on a submitted lead. Rejections are data, not errors.' })
export class LeadDecision {
  @Field(() => LeadStatus)
  status!: LeadStatus;

  @Field(() => ReasonCode, { nullable: true, description: 'Why it was rejected; null otherwise.' })
  reasonCode!: ReasonCode | null;

  @Field(() => String, { description: 'The exact reason message; empty when not rejected.' })
  message!: string;

  @Field(() => Int, { description: 'Price in integer cents; 0 unless accepted.' })
  priceCents!: number;

  @Field(() => Float, { description: 'Price in dollars; 0 unless accepted.' })
  get price(): number {
    return centsToAmount(this.priceCents);
  }

  @Field(() => ID, { nullable: true, description: 'The stored lead; null when the credentials were refused (nothing stored).' })
  leadId!: string | null;

  @Field(() => Boolean)
  isTest!: boolean;

  @Field(() => [ID], { description: 'The buyers a SOLD lead went to; empty otherwise.' })
  buyerIds: string[] = [];

  @Field(() => [String], {
    description: 'For MISSING_FIELDS: the missing lead fields, in the order the message names them; empty otherwise.',
  })
  missingFields: string[] = [];

  static of(
    values: Omit<LeadDecision, 'price' | 'buyerIds' | 'missingFields'> & { buyerIds?: string[]; missingFields?: string[] },
  ): LeadDecision {
    return Object.assign(new LeadDecision(), values);
  }
}
