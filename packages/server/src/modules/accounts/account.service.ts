import type { EntityManager } from '@mikro-orm/core';
import { requirePlatformAdmin, requireReadAccess, requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { randomToken } from '../../shared/ids.js';
import { requireText, requireTimeZone } from '../../shared/validate.js';
import { Account } from './account.entity.js';
import type { CreateAccountInput } from './create-account.input.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const CODE = /^[A-Z0-9]{8}$/;

/** `"Acme Leads, Inc."` -> `"acme-leads-inc"`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export class AccountService {
  async create(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    requirePlatformAdmin(ctx.caller);
    return this.createUnchecked(ctx.em, input);
  }

  /** Creates an account without an authorization check (CLI seed and bootstrap only). */
  async createUnchecked(em: EntityManager, input: CreateAccountInput): Promise<Account> {
    const name = requireText(input.name, 'name', 200);
    const slug = input.slug?.trim() || slugify(name);
    if (!SLUG.test(slug)) {
      throw badInput('slug must be 1-64 characters of a-z, 0-9 and inner dashes', { field: 'slug' });
    }
    const code = input.code?.trim().toUpperCase() || (await this.freeCode(em));
    if (!CODE.test(code)) throw badInput('code must be exactly 8 characters of A-Z and 0-9', { field: 'code' });
    const timeZone = requireTimeZone(input.timeZone ?? 'UTC');
    if (await em.findOne(Account, { slug })) throw conflict(`An account with slug "${slug}" already exists`);
    if (await em.findOne(Account, { code })) throw conflict(`An account with code "${code}" already exists`);
    const account = em.create(Account, { name, slug, code, timeZone });
    await em.persistAndFlush(account);
    return account;
  }

  async get(ctx: RequestContext, id: string): Promise<Account> {
    requireReadAccess(ctx.caller, id, 'Account');
    const account = await ctx.em.findOne(Account, { id });
    if (!account) throw notFound('Account');
    return account;
  }

  /** The platform key sees every account; an account key sees its own. */
  async list(ctx: RequestContext): Promise<Account[]> {
    const key = requireKey(ctx.caller);
    const where = key.accountId === null ? {} : { id: key.accountId };
    return ctx.em.find(Account, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private async freeCode(em: EntityManager): Promise<string> {
    for (;;) {
      const code = randomToken(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
      if (!(await em.findOne(Account, { code }))) return code;
    }
  }
}
