import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { DeploymentType } from './deployment-type.entity.js';
import { CreateDeploymentTypeInput, UpdateDeploymentTypeInput } from './deployment-type.inputs.js';
import { DeploymentTypeService } from './deployment-type.service.js';

@Resolver(() => DeploymentType)
export class DeploymentTypeResolver {
  constructor(private readonly deploymentTypeService: DeploymentTypeService) {}

  @Mutation(() => DeploymentType, { description: 'Adds a deployment type to a brand. ADMIN key.' })
  createDeploymentType(@Arg('input', () => CreateDeploymentTypeInput) input: CreateDeploymentTypeInput, @Ctx() ctx: RequestContext) {
    return this.deploymentTypeService.create(ctx, input);
  }

  @Mutation(() => DeploymentType, { description: 'Renames, activates or deactivates a deployment type. ADMIN key.' })
  updateDeploymentType(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDeploymentTypeInput) input: UpdateDeploymentTypeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.deploymentTypeService.update(ctx, id, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes a deployment type with no opt-in history (returns its id); deactivate the others. ADMIN key.',
  })
  deleteDeploymentType(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.deploymentTypeService.delete(ctx, id);
  }

  @Query(() => [DeploymentType], { description: "The account's deployment types, or one brand's, by number. ADMIN and READER keys." })
  deploymentTypes(
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Arg('brandId', () => ID, { nullable: true }) brandId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.deploymentTypeService.list(ctx, accountId, brandId);
  }
}
