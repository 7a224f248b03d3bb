import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { requireAdmin, requirePlatformAdmin, requireReadAccess, requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { randomToken } from '../../shared/ids.js';
import { requireText, requireTimeZone } from '../../shared/validate.js';
import { AccountSlugAlias, SLUG_ALIAS_DAYS } from './account-slug-alias.entity.js';
import { Account } from './account.entity.js';
import type { CreateAccountInput } from './create-account.input.js';
import type { UpdateAccountInput } from './update-account.input.js';

/** An account slug: 1-64 characters of a-z, 0-9 and inner dashes. */
export const ACCOUNT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** An account code: 5-8 characters of A-Z and 0-9 (generated ones have 8; imported vendor company ids may be shorter). */
export const ACCOUNT_CODE = /^[A-Z0-9]{5,8}$/;

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

/** An account code as stored (upper-case), or BAD_USER_INPUT. */
function requireCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!ACCOUNT_CODE.test(code)) throw badInput('code must be 5-8 characters of A-Z and 0-9', { field: 'code' });
  return code;
}

/**
 * CONFLICT unless `code` is free for `accountId` (null: a new account): no other account has it as
 * its code, and none has it as its slug, since a seller is found by code before slug.
 */
async function requireCodeFree(em: EntityManager, code: string, accountId: string | null): Promise<void> {
  const others = accountId ? { id: { $ne: accountId } } : {};
  if (await em.findOne(Account, { code, ...others })) throw conflict(`An account with code "${code}" already exists`);
  if (await em.findOne(Account, { slug: code.toLowerCase(), ...others }))
    throw conflict(`The code "${code}" is another account's slug, which would stop finding that account`);
}

const requireSlug = (slug: string): string => {
  if (!ACCOUNT_SLUG.test(slug)) throw badInput('slug must be 1-64 characters of a-z, 0-9 and inner dashes', { field: 'slug' });
  return slug;
};

/**
 * CONFLICT unless `slug` is free for `accountId` (null: a new account): no other account has it as
 * its slug, nor as a former slug still reserved for it.
 */
async function requireSlugFree(em: EntityManager, slug: string, accountId: string | null, now = new Date()): Promise<void> {
  if (await em.findOne(Account, accountId ? { slug, id: { $ne: accountId } } : { slug })) {
    throw conflict(`An account with slug "${slug}" already exists`);
  }
  const alias = await em.findOne(AccountSlugAlias, { slug, expiresAt: { $gt: now } });
  if (alias && alias.account.id !== accountId) {
    throw conflict(
      `The slug "${slug}" was another account's until recently and is reserved until ${alias.expiresAt.toISOString().slice(0, 10)}`,
    );
  }
}

export class AccountService {
  constructor(private readonly cache?: ConfigChanges) {}

  async create(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    requirePlatformAdmin(ctx.caller);
    return this.createUnchecked(ctx.em, input);
  }

  /** Creates an account without an authorization check (CLI seed and bootstrap only). */
  async createUnchecked(em: EntityManager, input: CreateAccountInput): Promise<Account> {
    const name = requireText(input.name, 'name', 200);
    const slug = requireSlug(input.slug?.trim() || slugify(name));
    const code = input.code?.trim() ? requireCode(input.code) : await this.freeCode(em);
    const timeZone = requireTimeZone(input.timeZone ?? 'UTC');
    await requireSlugFree(em, slug, null);
    await requireCodeFree(em, code, null);
    const account = em.create(Account, { name, slug, code, timeZone });
    await em.persistAndFlush(account);
    this.cache?.invalidateSellers();
    return account;
  }

  /**
   * Renames an account, or changes its slug or time zone: the platform key or the account's ADMIN
   * key. A former slug becomes an alias for SLUG_ALIAS_DAYS days: it still finds the account
   * (`findSeller`) and no other account may take it meanwhile; the account itself may take it back.
   */
  async update(ctx: RequestContext, id: string, input: UpdateAccountInput): Promise<Account> {
    requireReadAccess(ctx.caller, id, 'Account');
    requireAdmin(ctx.caller, id);
    const account = await ctx.em.findOne(Account, { id });
    if (!account) throw notFound('Account');
    const changes: Partial<Pick<Account, 'name' | 'slug' | 'timeZone' | 'optInTimeZone' | 'code'>> = {};
    if (input.code != null) {
      // Vendors hard-code it: only the platform key may replace it (to import a vendor's company id).
      requirePlatformAdmin(ctx.caller);
      const code = requireCode(input.code);
      if (code !== account.code) {
        await requireCodeFree(ctx.em, code, account.id);
        changes.code = code;
      }
    }
    if (input.name != null) changes.name = requireText(input.name, 'name', 200);
    if (input.timeZone != null) changes.timeZone = requireTimeZone(input.timeZone);
    if (input.optInTimeZone != null) changes.optInTimeZone = requireTimeZone(input.optInTimeZone, 'optInTimeZone');
    const slug = input.slug == null ? account.slug : requireSlug(input.slug.trim());
    if (slug === account.slug && Object.keys(changes).length === 0) return account;
    const now = new Date();
    try {
      await ctx.em.transactional(async (tx) => {
        if (slug !== account.slug) {
          await requireSlugFree(tx, slug, account.id, now);
          // The new slug stops being an alias (the account's own, or another's expired one); the old one becomes one.
          await tx.nativeDelete(AccountSlugAlias, { slug: { $in: [slug, account.slug] } });
          await tx.insert(AccountSlugAlias, {
            slug: account.slug,
            account: account.id,
            expiresAt: new Date(now.getTime() + SLUG_ALIAS_DAYS * 86_400_000),
            createdAt: now,
          });
          changes.slug = slug;
        }
        if (Object.keys(changes).length > 0) await tx.nativeUpdate(Account, { id: account.id }, changes);
      });
    } catch (error) {
      // Two renames racing to one slug (or imports to one code): the unique index decides.
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(
          changes.code ? `An account with code "${changes.code}" already exists` : `An account with slug "${slug}" already exists`,
        );
      throw error;
    }
    // Sellers are found by code and slug; a new account takes neither from a cached answer.
    if (changes.slug || changes.code) this.cache?.invalidateSellers();
    await ctx.em.refresh(account);
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
