import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerList } from './dialer-list.entity.js';
import { CreateDialerListInput, UpdateDialerListInput } from './dialer-list.inputs.js';
import { DialerListService } from './dialer-list.service.js';

@Resolver(() => DialerList)
export class DialerListResolver {
  constructor(
    private readonly lists: DialerListService,
    private readonly now: () => Date,
  ) {}

  @Mutation(() => DialerList, { description: 'Adds a list to a dialer campaign; its numeric id is the `list_id` of inserts. ADMIN key.' })
  createDialerList(@Arg('input', () => CreateDialerListInput) input: CreateDialerListInput, @Ctx() ctx: RequestContext) {
    return this.lists.create(ctx, input);
  }

  @Mutation(() => DialerList, { description: 'Renames a list. ADMIN key.' })
  updateDialerList(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDialerListInput) input: UpdateDialerListInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.lists.update(ctx, id, input);
  }

  @Mutation(() => DialerList, {
    description:
      'Archives a list (archived: false restores it). Archived lists refuse inserts and count for duplicates only with check_dup_archive. ADMIN key.',
  })
  archiveList(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('archived', () => Boolean, { defaultValue: true }) archived: boolean,
  ) {
    return this.lists.archive(ctx, id, archived, this.now());
  }

  @Mutation(() => ID, { description: 'Deletes a list that never received a lead (returns its id); archive one that has. ADMIN key.' })
  deleteDialerList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.lists.delete(ctx, id);
  }

  @Query(() => DialerList)
  dialerList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.lists.get(ctx, id);
  }

  @Query(() => [DialerList], {
    description: 'Dialer lists, oldest first; archived ones only with includeArchived (ADMIN and READER keys).',
  })
  dialerLists(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('dialerCampaignId', () => ID, { nullable: true }) dialerCampaignId?: string | null,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived?: boolean,
  ) {
    return this.lists.list(ctx, { accountId, dialerCampaignId, includeArchived });
  }

  @FieldResolver(() => Int, { description: 'How many leads the list holds.' })
  leadCount(@Root() list: DialerList, @Ctx() ctx: RequestContext) {
    return ctx.em.count(DialerLead, { list });
  }
}
