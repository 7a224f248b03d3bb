import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Caps } from '../campaigns/requirements.js';
import { Source } from './source.entity.js';

@InputType('CreateSourceInput')
export class CreateSourceInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Import: the source id vendors already post with (Opta sourceid/pubid), 1-40 letters, digits, ".", "_" or "-"; generated when omitted. Refused when taken.',
  })
  id?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Import: the auth key vendors already post with (Opta auth), 8-200 printable characters; stored hashed like a generated one. Generated (and shown once) when omitted.',
  })
  authKey?: string | null;
}

@InputType('ApproveSourceInput', { description: 'Approves (or updates the approval of) a source for a campaign.' })
export class ApproveSourceInput {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default true; false suspends the source on this campaign.' })
  active?: boolean | null;

  @Field(() => Float, { nullable: true, description: "Price override in dollars; null uses the campaign's default." })
  price?: number | null;

  @Field(() => [String], { nullable: true, description: "Fields this source must send on top of the campaign's." })
  requiredFields?: string[] | null;

  @Field(() => Caps, { nullable: true, description: 'Daily, weekly, monthly and total caps for this source; null clears them.' })
  caps?: Caps | null;

  @Field(() => [String], { nullable: true, description: 'Sub ids to refuse ("SubID blocked"); replaces the list.' })
  blockedSubIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Affiliate ids to refuse ("AffID blocked"); replaces the list.' })
  blockedAffIds?: string[] | null;
}

@ObjectType('CreateSourcePayload')
export class CreateSourcePayload {
  @Field(() => Source)
  source!: Source;

  @Field(() => String, { description: 'The source auth key. Shown only now: store it, it cannot be read again.' })
  authKey!: string;
}
