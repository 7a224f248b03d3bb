import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { Caller } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { initOrm, migrate, type Orm } from '../../db.js';
import { DRIVER, testDatabase, unique } from '../../../test/helpers.js';
import { AccountSlugAlias } from './account-slug-alias.entity.js';
import type { Account } from './account.entity.js';
import { AccountService } from './account.service.js';
import { findSeller } from './find-seller.js';

const PLATFORM: Caller = { kind: 'key', keyId: 'key_test', role: ApiKeyRole.ADMIN, accountId: null, sourceId: null } as Caller;
const DAY = 86_400_000;

describe(`findSeller (${DRIVER})`, () => {
  let orm: Orm;
  const accounts = new AccountService();
  const ctx = (): RequestContext => ({ em: orm.em.fork(), caller: PLATFORM, requestId: 'test', log: undefined as never });
  const create = (slug = unique('seller')) => accounts.createUnchecked(orm.em.fork(), { name: 'Seller', slug });

  beforeAll(async () => {
    orm = await initOrm(testDatabase());
    await migrate(orm);
  });
  afterAll(() => orm.close());

  it('finds an account by its code in any case, then by its slug', async () => {
    const account = await create();
    for (const code of [account.code, account.code.toLowerCase(), ` ${account.code} `]) {
      expect((await findSeller(orm.em.fork(), code))?.id, code).toBe(account.id);
    }
    expect((await findSeller(orm.em.fork(), account.slug))?.id).toBe(account.id);
    expect((await findSeller(orm.em.fork(), account.slug.toUpperCase()))?.id).toBe(account.id);
  });

  it('a code wins over an 8-character slug that reads the same', async () => {
    const byCode = await create();
    const bySlug = await create(byCode.code.toLowerCase());
    expect((await findSeller(orm.em.fork(), byCode.code))?.id).toBe(byCode.id);
    expect((await findSeller(orm.em.fork(), bySlug.slug))?.id).toBe(byCode.id);
  });

  it('is null for unknown or malformed names', async () => {
    for (const name of ['', '   ', 'ZZZZZZZ9', unique('nobody'), 'not a slug', '-dash', 'a'.repeat(65), "x' or '1'='1"]) {
      expect(await findSeller(orm.em.fork(), name), name).toBeNull();
    }
  });

  it('a former slug finds the account until its alias expires', async () => {
    const account = await create();
    const oldSlug = account.slug;
    const renamed = await accounts.update(ctx(), account.id, { slug: unique('renamed') });
    expect(renamed.slug).not.toBe(oldSlug);
    expect((await findSeller(orm.em.fork(), oldSlug))?.id).toBe(account.id);
    expect((await findSeller(orm.em.fork(), renamed.slug))?.id).toBe(account.id);
    const alias = await orm.em.fork().findOneOrFail(AccountSlugAlias, { slug: oldSlug });
    expect(alias.account.id).toBe(account.id);
    expect(Math.round((alias.expiresAt.getTime() - Date.now()) / DAY)).toBe(30);
    // 31 days on, the alias has expired.
    expect(await findSeller(orm.em.fork(), oldSlug, new Date(Date.now() + 31 * DAY))).toBeNull();
    expect((await findSeller(orm.em.fork(), oldSlug, new Date(Date.now() + 29 * DAY)))?.id).toBe(account.id);
  });

  it('the current slug of another account wins over an alias; an expired alias is taken over', async () => {
    const first = await create();
    const slug = first.slug;
    await accounts.update(ctx(), first.id, { slug: unique('moved') });
    // Expire the alias, then let another account take the slug.
    await orm.em.fork().nativeUpdate(AccountSlugAlias, { slug }, { expiresAt: new Date(Date.now() - 1000) });
    const second: Account = await create(slug);
    expect((await findSeller(orm.em.fork(), slug))?.id).toBe(second.id);
    // Renaming the second account away turns the slug into its alias (the expired row of the first is replaced).
    await accounts.update(ctx(), second.id, { slug: unique('moved') });
    const alias = await orm.em.fork().findOneOrFail(AccountSlugAlias, { slug });
    expect(alias.account.id).toBe(second.id);
    expect((await findSeller(orm.em.fork(), slug))?.id).toBe(second.id);
  });

  it('an account may take its own former slug back, and the slug it leaves becomes the alias', async () => {
    const account = await create();
    const original = account.slug;
    const next = unique('next');
    await accounts.update(ctx(), account.id, { slug: next });
    const back = await accounts.update(ctx(), account.id, { slug: original });
    expect(back.slug).toBe(original);
    const aliases = await orm.em.fork().find(AccountSlugAlias, { account: account.id });
    expect(aliases.map((a) => a.slug)).toEqual([next]);
    expect((await findSeller(orm.em.fork(), next))?.id).toBe(account.id);
  });
});
