import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('CreateDeploymentTypeInput')
export class CreateDeploymentTypeInput {
  @Field(() => ID)
  brandId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The number vendors send as DeploymentTypeId (1 to 2147483647, unique in the account), e.g. the one Omeda gave it; default: one more than the highest in the account.',
  })
  deploymentTypeId?: number | null;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  active?: boolean | null;
}

@InputType('UpdateDeploymentTypeInput', { description: 'Fields to change; omitted or null fields keep their value.' })
export class UpdateDeploymentTypeInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false: client- and brand-level entries no longer reach it; its statuses stay.' })
  active?: boolean | null;
}
