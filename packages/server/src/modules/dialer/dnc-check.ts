import { Field, ObjectType } from 'type-graphql';
import { DncNumber } from './dnc-number.entity.js';

@ObjectType('DncCheck', { description: "Whether a number is on the account-wide DNC list or the named dialer campaign's." })
export class DncCheckResult {
  @Field(() => String, { description: 'The number checked, E.164.' })
  phone!: string;

  @Field(() => Boolean)
  listed!: boolean;

  @Field(() => [DncNumber])
  entries!: DncNumber[];
}
