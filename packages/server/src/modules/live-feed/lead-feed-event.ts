import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { centsToAmount } from '../../shared/money.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { ReasonCode } from '../leads/reason-code.js';

/** Why a lead appears in the live feed. */
export enum LeadFeedEventKind {
  /** The intake decided it (accepted, rejected, sold, pending or test). */
  DECIDED = 'DECIDED',
  /** A pending lead was sold later, when a buyer appeared or had room (redistribution). */
  SOLD_LATER = 'SOLD_LATER',
}

registerEnumType(LeadFeedEventKind, { name: 'LeadFeedEventKind', description: 'Why a lead appears in the live feed.' });

@ObjectType('LeadFeedContact', {
  description:
    "A lead's contact fields as the live feed shows them: masked (an initial, the email's domain, the phone's last " +
    "four digits, the ZIP code's first three); city and state in clear. Read the lead itself for the full values.",
})
export class LeadFeedContact {
  @Field(() => String, { nullable: true }) first!: string | null;
  @Field(() => String, { nullable: true }) last!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) state!: string | null;
  @Field(() => String, { nullable: true }) zip!: string | null;
}

@ObjectType('LeadFeedEvent', { description: 'One decision on a lead, pushed by the leadDecided subscription once it is committed.' })
export class LeadFeedEvent {
  @Field(() => LeadFeedEventKind) kind!: LeadFeedEventKind;

  @Field(() => ID, { nullable: true, description: 'The stored lead; null when the credentials were refused (nothing stored).' })
  leadId!: string | null;

  @Field(() => ID) accountId!: string;
  @Field(() => ID) campaignId!: string;

  @Field(() => ID, { nullable: true, description: 'Null when the credentials were refused.' })
  sourceId!: string | null;

  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => ReasonCode, { nullable: true }) reasonCode!: ReasonCode | null;

  @Field(() => String, { description: 'The exact reason message; empty when not rejected.' })
  message!: string;

  @Field(() => Int, { description: 'Price in integer cents: the accepted price, or what buyers paid for a sold lead.' })
  priceCents!: number;

  @Field(() => Float, { description: 'Price in dollars.' })
  get price(): number {
    return centsToAmount(this.priceCents);
  }

  @Field(() => [ID], { description: 'The buyers a SOLD lead went to; empty otherwise.' })
  buyerIds!: string[];

  @Field(() => Boolean) isTest!: boolean;
  @Field(() => LeadDoor) door!: LeadDoor;

  @Field(() => Date, { description: 'When the lead was received.' })
  receivedAt!: Date;

  @Field(() => Date, { description: 'When this decision was taken: receivedAt, or the later sale.' })
  decidedAt!: Date;

  @Field(() => LeadFeedContact) contact!: LeadFeedContact;
}
