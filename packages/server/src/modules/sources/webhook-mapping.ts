import { Field, InputType, ObjectType } from 'type-graphql';

/** One lead field of a webhook mapping: read from a vendor parameter, or a constant. */
@ObjectType('WebhookFieldMapping')
@InputType('WebhookFieldMappingInput')
export class WebhookFieldMapping {
  @Field(() => String, { description: 'The Leadgate field: a standard name (first, phone, zip, ...), a custom field, or "test".' })
  field!: string;

  @Field(() => String, { nullable: true, description: "The vendor's parameter name (dotted for nested JSON, e.g. contact.phone)." })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'A fixed value instead of a parameter, e.g. a state for a single-state form.' })
  constant?: string | null;
}
