import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Account } from './account.entity.js';
import { AccountService } from './account.service.js';
import { CreateAccountInput } from './create-account.input.js';
import { UpdateAccountInput } from './update-account.input.js';

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly accountService: AccountService) {}

  @Mutation(() => Account, { description: 'Creates a tenant. Platform admin key only.' })
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: RequestContext) {
    return this.accountService.create(ctx, input);
  }

  @Mutation(() => Account, {
    description:
      "Renames an account or changes its slug or time zone; a former slug still finds the account for 30 days. The platform key or the account's ADMIN key.",
  })
  updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.accountService.update(ctx, id, input);
  }

  @Query(() => Account)
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.accountService.get(ctx, id);
  }

  @Query(() => [Account], { description: 'Every account for the platform key; the own account for others.' })
  accounts(@Ctx() ctx: RequestContext) {
    return this.accountService.list(ctx);
  }
}
