import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { BlockedValue, BlockKind } from './blocked-value.entity.js';
import { BlockService } from './block.service.js';

@Resolver(() => BlockedValue)
export class BlockResolver {
  constructor(private readonly blockService: BlockService) {}

  @Mutation(() => Int, { description: 'Blocks phones or emails account-wide; returns how many were new. ADMIN.' })
  blockValues(
    @Arg('kind', () => BlockKind) kind: BlockKind,
    @Arg('values', () => [String]) values: string[],
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
  ) {
    return this.blockService.add(ctx, accountId, kind, values);
  }

  @Mutation(() => Int, { description: 'Unblocks phones or emails; returns how many were listed. ADMIN.' })
  unblockValues(
    @Arg('kind', () => BlockKind) kind: BlockKind,
    @Arg('values', () => [String]) values: string[],
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
  ) {
    return this.blockService.remove(ctx, accountId, kind, values);
  }

  @Query(() => [BlockedValue], { description: "The account's block list (first 10,000 entries). ADMIN." })
  blockedValues(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => BlockKind, { nullable: true }) kind?: BlockKind | null,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
  ) {
    return this.blockService.list(ctx, accountId, kind);
  }
}
