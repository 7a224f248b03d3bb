import { Field, InputType, ObjectType } from 'type-graphql';
import { FieldFormat } from './delivery-enums.js';

/** One outbound field: the receiver's name and where its value comes from. */
@ObjectType('FieldMap', { description: 'One outbound field: their name, and our field or a constant, with an optional format.' })
export class FieldMap {
  @Field(() => String, { description: "The receiver's field name." })
  to!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Our field: a standard or custom field, or leadId, campaignId, sourceId, receivedAt, status, price.',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'A constant value, instead of `from`.' })
  value?: string | null;

  @Field(() => FieldFormat, { nullable: true })
  format?: FieldFormat | null;
}

@InputType()
export class FieldMapInput {
  @Field(() => String)
  to!: string;

  @Field(() => String, { nullable: true })
  from?: string | null;

  @Field(() => String, { nullable: true })
  value?: string | null;

  @Field(() => FieldFormat, { nullable: true })
  format?: FieldFormat | null;
}
