import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';

/** The opt-in lookup's default time zone: Omeda writes its dates on US Central time, and its clients parse them so. */
export const OPT_IN_TIME_ZONE = 'America/Chicago';

/** A tenant: a customer of Leadgate that runs campaigns. */
@ObjectType('Account', { description: 'A tenant: a customer that runs campaigns.' })
@Entity({ tableName: 'accounts' })
export class Account {
  [OptionalProps]?: 'id' | 'createdAt' | 'optInTimeZone';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('acc');

  @Field(() => String, {
    description:
      "Stable code, 5-8 characters A-Z and 0-9 (8 when generated); kept on rename; only the platform key may replace it (to import a vendor's company id).",
  })
  @Property({ type: 'string', length: 8 })
  @Unique()
  code!: string;

  @Field(() => String, { description: 'URL-friendly name; may change when the account is renamed.' })
  @Property({ type: 'string', length: 64 })
  @Unique()
  slug!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. America/New_York.' })
  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Field(() => String, {
    description:
      "IANA time zone of the opt-in lookup's CreatedDate and ChangedDate (the Omeda door); default America/Chicago, as Omeda's clients read them.",
  })
  @Property({ type: 'string', length: 64, default: OPT_IN_TIME_ZONE })
  optInTimeZone: string = OPT_IN_TIME_ZONE;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
