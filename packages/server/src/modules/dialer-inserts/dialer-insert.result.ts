import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReasonCode } from '../leads/reason-code.js';

/** What an insert did. */
export enum DialerInsertOutcome {
  INSERTED = 'INSERTED',
  /** update_if_found matched an existing lead and updated it. */
  UPDATED = 'UPDATED',
  REJECTED = 'REJECTED',
}

registerEnumType(DialerInsertOutcome, { name: 'DialerInsertOutcome', description: 'What an insert into a dialer list did.' });

/** The outcome of insertDialerLead, with the dialer door's code and text when rejected. */
@ObjectType('DialerInsertResult', { description: "What an insert did; rejections carry the dialer door's code and text." })
export class DialerInsertResult {
  @Field(() => Boolean)
  success!: boolean;

  @Field(() => DialerInsertOutcome)
  outcome!: DialerInsertOutcome;

  @Field(() => Int, { nullable: true, description: "The dialer door's error code (6009 duplicate, ...); null on success." })
  code!: number | null;

  @Field(() => String, { description: "The dialer door's error text; empty on success." })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The dialer lead inserted or updated (`lead_id` of the REST door).' })
  dialerLeadId!: number | null;

  @Field(() => ID, { nullable: true, description: 'The Leadgate lead: inserted, updated, or stored as rejected.' })
  leadId!: string | null;

  @Field(() => ReasonCode, { nullable: true, description: 'The intake reason when a rule rejected the lead.' })
  reasonCode!: ReasonCode | null;

  @Field(() => ID, { nullable: true, description: 'The hopper entry, when the insert asked for the hopper.' })
  hopperEntryId!: string | null;

  static of(values: DialerInsertResult): DialerInsertResult {
    return Object.assign(new DialerInsertResult(), values);
  }
}
