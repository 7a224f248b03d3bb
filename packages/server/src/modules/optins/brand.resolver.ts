import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Brand } from './brand.entity.js';
import { CreateBrandInput, UpdateBrandInput } from './brand.inputs.js';
import { BrandService } from './brand.service.js';

@Resolver(() => Brand)
export class BrandResolver {
  constructor(private readonly brandService: BrandService) {}

  @Mutation(() => Brand, { description: 'Adds a brand to the account. ADMIN key.' })
  createBrand(@Arg('input', () => CreateBrandInput) input: CreateBrandInput, @Ctx() ctx: RequestContext) {
    return this.brandService.create(ctx, input);
  }

  @Mutation(() => Brand, { description: 'Renames a brand or changes its abbreviation. ADMIN key.' })
  updateBrand(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateBrandInput) input: UpdateBrandInput, @Ctx() ctx: RequestContext) {
    return this.brandService.update(ctx, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a brand that has no deployment types (returns its id). ADMIN key.' })
  deleteBrand(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.brandService.delete(ctx, id);
  }

  @Query(() => [Brand], { description: "The account's brands by abbreviation. ADMIN and READER keys." })
  brands(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.brandService.list(ctx, accountId);
  }
}
