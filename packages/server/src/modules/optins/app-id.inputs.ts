import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OptInAppId } from './app-id.entity.js';

@InputType('CreateOptInAppIdInput')
export class CreateOptInAppIdInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'A label; default "opt-in app id".' })
  name?: string | null;

  @Field(() => [ID], { description: "The account's brands it may act on." })
  brandIds!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'An app id the vendor already sends (16 to 128 visible ASCII characters, e.g. the one Omeda issued), so it changes nothing but the host; default: a new random one.',
  })
  appId?: string | null;
}

@InputType('UpdateOptInAppIdInput', { description: 'Fields to change; omitted or null fields keep their value.' })
export class UpdateOptInAppIdInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the brands it may act on.' })
  brandIds?: string[] | null;
}

@ObjectType('CreateOptInAppIdPayload')
export class CreateOptInAppIdPayload {
  @Field(() => OptInAppId)
  optInAppId!: OptInAppId;

  @Field(() => String, { description: 'The x-omeda-appid value. Shown only now: store it, it cannot be read again.' })
  appId!: string;
}
