import type { EntityManager } from '@mikro-orm/core';
import { AccountSlugAlias } from './account-slug-alias.entity.js';
import { Account } from './account.entity.js';
import { ACCOUNT_CODE, ACCOUNT_SLUG } from './account.service.js';

/**
 * The account a marketplace post names as `seller`: by its 8-character code first (any case),
 * then by its current slug, then by a former slug whose alias has not expired (any case, since
 * slugs are lower-case). Null when nothing matches.
 */
export async function findSeller(em: EntityManager, codeOrSlug: string, now: Date = new Date()): Promise<Account | null> {
  const value = codeOrSlug.trim();
  const code = value.toUpperCase();
  if (ACCOUNT_CODE.test(code)) {
    const byCode = await em.findOne(Account, { code });
    if (byCode) return byCode;
  }
  const slug = value.toLowerCase();
  if (!ACCOUNT_SLUG.test(slug)) return null;
  const bySlug = await em.findOne(Account, { slug });
  if (bySlug) return bySlug;
  const alias = await em.findOne(AccountSlugAlias, { slug, expiresAt: { $gt: now } }, { populate: ['account'] });
  return alias ? alias.account.getEntity() : null;
}
