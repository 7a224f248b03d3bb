import { Field, ID, InputType, Int } from 'type-graphql';
import { OptInLevel } from './optin-enums.js';
import type { OptInEntry } from './optin-plan.js';

@InputType('ClientOptInInput', { description: 'Opts an email in to every active deployment type of every brand of the account.' })
export class ClientOptInInput {
  @Field(() => String)
  email!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: an IN replaces an existing OUT; default false (the OUT stays and a message says so).',
  })
  deleteOptOut?: boolean | null;

  @Field(() => String, { nullable: true, description: 'How the email was collected; default "Optin API 2".' })
  source?: string | null;

  @Field(() => String, { nullable: true })
  promoCode?: string | null;
}

@InputType('BrandOptInInput', { description: 'Opts an email in to every active deployment type of the named brands.' })
export class BrandOptInInput extends ClientOptInInput {
  @Field(() => [String], { description: 'Brand abbreviations (any case).' })
  brands!: string[];
}

@InputType('DeploymentTypeOptInInput', { description: 'Opts an email in to exactly the listed deployment types.' })
export class DeploymentTypeOptInInput extends ClientOptInInput {
  @Field(() => [Int], { description: 'Deployment type numbers (DeploymentTypeId).' })
  deploymentTypeIds!: number[];
}

@InputType('OptInInput', {
  description: 'Opt-ins at any of the three levels, applied all or nothing: client, then brand, then deployment-type entries.',
})
export class OptInInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => [ClientOptInInput], { nullable: true })
  clientOptIns?: ClientOptInInput[] | null;

  @Field(() => [BrandOptInInput], { nullable: true })
  brandOptIns?: BrandOptInInput[] | null;

  @Field(() => [DeploymentTypeOptInInput], { nullable: true })
  deploymentTypeOptIns?: DeploymentTypeOptInInput[] | null;
}

@InputType('ClientOptOutInput', { description: 'Opts an email out of every active deployment type of every brand of the account.' })
export class ClientOptOutInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Why or where the email opted out; default "Optout API 2".' })
  source?: string | null;

  @Field(() => String, { nullable: true })
  promoCode?: string | null;
}

@InputType('BrandOptOutInput', { description: 'Opts an email out of every active deployment type of the named brands.' })
export class BrandOptOutInput extends ClientOptOutInput {
  @Field(() => [String], { description: 'Brand abbreviations (any case).' })
  brands!: string[];
}

@InputType('DeploymentTypeOptOutInput', { description: 'Opts an email out of exactly the listed deployment types.' })
export class DeploymentTypeOptOutInput extends ClientOptOutInput {
  @Field(() => [Int], { description: 'Deployment type numbers (DeploymentTypeId).' })
  deploymentTypeIds!: number[];
}

@InputType('OptOutInput', {
  description: 'Opt-outs at any of the three levels, applied all or nothing: client, then brand, then deployment-type entries.',
})
export class OptOutInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => [ClientOptOutInput], { nullable: true })
  clientOptOuts?: ClientOptOutInput[] | null;

  @Field(() => [BrandOptOutInput], { nullable: true })
  brandOptOuts?: BrandOptOutInput[] | null;

  @Field(() => [DeploymentTypeOptOutInput], { nullable: true })
  deploymentTypeOptOuts?: DeploymentTypeOptOutInput[] | null;
}

type AnyEntryInput = Partial<ClientOptInInput & BrandOptInInput & DeploymentTypeOptInInput> & { email: string };

const entriesOf = (level: OptInLevel, list: readonly AnyEntryInput[] | null | undefined): OptInEntry[] =>
  (list ?? []).map((item, index) => ({
    level,
    position: index + 1,
    email: item.email,
    brands: item.brands,
    deploymentTypeIds: item.deploymentTypeIds,
    deleteOptOut: item.deleteOptOut ?? false,
    source: item.source ?? null,
    promoCode: item.promoCode ?? null,
  }));

/** The entries of an {@link OptInInput}, every level. */
export const optInEntries = (input: OptInInput): OptInEntry[] => [
  ...entriesOf(OptInLevel.CLIENT, input.clientOptIns),
  ...entriesOf(OptInLevel.BRAND, input.brandOptIns),
  ...entriesOf(OptInLevel.DEPLOYMENT_TYPE, input.deploymentTypeOptIns),
];

/** The entries of an {@link OptOutInput}, every level. */
export const optOutEntries = (input: OptOutInput): OptInEntry[] => [
  ...entriesOf(OptInLevel.CLIENT, input.clientOptOuts),
  ...entriesOf(OptInLevel.BRAND, input.brandOptOuts),
  ...entriesOf(OptInLevel.DEPLOYMENT_TYPE, input.deploymentTypeOptOuts),
];
