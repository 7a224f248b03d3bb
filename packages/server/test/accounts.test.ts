import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, newApiKey, startTestGateway, PLATFORM_KEY, unique, type Tenant } from './helpers.js';

const ACCOUNT = 'id name slug timeZone code';
const UPDATE_ACCOUNT = `mutation($id: ID!, $i: UpdateAccountInput!) { updateAccount(id: $id, input: $i) { ${ACCOUNT} } }`;
const CREATE_ACCOUNT = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { ${ACCOUNT} } }`;

describe(`accounts over GraphQL (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let other: Tenant;
  let readerKey: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    [t, other] = await Promise.all([createTenant(gw.url), createTenant(gw.url)]);
    readerKey = await newApiKey(gw.url, { role: 'READER' }, t.adminKey);
  });
  afterAll(() => gw.close());

  describe('updateAccount', () => {
    const newAccount = async (slug = unique('seller')) =>
      (await gqlOk(gw.url, CREATE_ACCOUNT, { i: { name: 'Seller', slug } }, PLATFORM_KEY)).createAccount;

    it("the account's ADMIN renames it and changes its slug and time zone; the code never changes", async () => {
      const own = await createTenant(gw.url);
      const { account: before } = await gqlOk(
        gw.url,
        `query($id: ID!) { account(id: $id) { ${ACCOUNT} } }`,
        { id: own.accountId },
        own.adminKey,
      );
      const slug = unique('renamed');
      const { updateAccount } = await gqlOk(
        gw.url,
        UPDATE_ACCOUNT,
        { id: own.accountId, i: { name: '  Renamed Inc  ', slug: ` ${slug} `, timeZone: 'America/New_York' } },
        own.adminKey,
      );
      expect(updateAccount).toEqual({ id: own.accountId, name: 'Renamed Inc', slug, timeZone: 'America/New_York', code: before.code });
      const { account } = await gqlOk(gw.url, `query($id: ID!) { account(id: $id) { ${ACCOUNT} } }`, { id: own.accountId }, own.adminKey);
      expect(account).toEqual(updateAccount);
      // Omitted and null fields keep their value; the same slug again is no change.
      const { updateAccount: same } = await gqlOk(
        gw.url,
        UPDATE_ACCOUNT,
        { id: own.accountId, i: { name: null, slug, timeZone: null } },
        own.adminKey,
      );
      expect(same).toEqual(updateAccount);
      const { updateAccount: byPlatform } = await gqlOk(
        gw.url,
        UPDATE_ACCOUNT,
        { id: own.accountId, i: { name: 'By platform' } },
        PLATFORM_KEY,
      );
      expect(byPlatform).toMatchObject({ name: 'By platform', slug });
    });

    it('refuses bad input', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: ' ' }, 'name must not be empty'],
        [{ slug: 'Not A Slug' }, 'slug must be 1-64 characters of a-z, 0-9 and inner dashes'],
        [{ slug: '-dash' }, 'slug must be 1-64 characters of a-z, 0-9 and inner dashes'],
        [{ slug: 'a'.repeat(65) }, 'slug must be 1-64 characters of a-z, 0-9 and inner dashes'],
        [{ timeZone: 'PST' }, 'timeZone must be an IANA time zone such as America/New_York (got "PST")'],
      ];
      for (const [input, message] of cases) {
        const res = await gql(gw.url, UPDATE_ACCOUNT, { id: t.accountId, i: input }, t.adminKey);
        expect(res.errors?.[0], JSON.stringify(input)).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
      }
    });

    it("only the platform key or the account's ADMIN key may change an account", async () => {
      const reader = await gql(gw.url, UPDATE_ACCOUNT, { id: t.accountId, i: { name: 'x' } }, readerKey);
      expect(reader.errors?.[0]).toMatchObject({ message: 'This operation needs an ADMIN key', extensions: { code: 'FORBIDDEN' } });
      const source = await gql(gw.url, UPDATE_ACCOUNT, { id: t.accountId, i: { name: 'x' } }, t.sourceKey);
      expect(source.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const cross = await gql(gw.url, UPDATE_ACCOUNT, { id: other.accountId, i: { name: 'stolen' } }, t.adminKey);
      expect(cross.errors?.[0]).toMatchObject({ message: 'Account not found', extensions: { code: 'NOT_FOUND' } });
      const missing = await gql(gw.url, UPDATE_ACCOUNT, { id: 'acc_nope', i: { name: 'x' } }, PLATFORM_KEY);
      expect(missing.errors?.[0]).toMatchObject({ message: 'Account not found', extensions: { code: 'NOT_FOUND' } });
      const anonymous = await gql(gw.url, UPDATE_ACCOUNT, { id: t.accountId, i: { name: 'x' } });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it("refuses another account's slug, and a former slug while it is reserved; the owner may take its old slug back", async () => {
      const a = await newAccount();
      const b = await newAccount();
      const taken = await gql(gw.url, UPDATE_ACCOUNT, { id: a.id, i: { slug: b.slug } }, PLATFORM_KEY);
      expect(taken.errors?.[0]).toMatchObject({
        message: `An account with slug "${b.slug}" already exists`,
        extensions: { code: 'CONFLICT' },
      });

      const moved = unique('moved');
      await gqlOk(gw.url, UPDATE_ACCOUNT, { id: b.id, i: { slug: moved } }, PLATFORM_KEY);
      // b's former slug is reserved for b: neither a rename nor a new account may take it.
      const reserved = await gql(gw.url, UPDATE_ACCOUNT, { id: a.id, i: { slug: b.slug } }, PLATFORM_KEY);
      expect(reserved.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(reserved.errors?.[0]?.message).toMatch(
        new RegExp(`^The slug "${b.slug}" was another account's until recently and is reserved until \\d{4}-\\d{2}-\\d{2}$`),
      );
      const created = await gql(gw.url, CREATE_ACCOUNT, { i: { name: 'Squatter', slug: b.slug } }, PLATFORM_KEY);
      expect(created.errors?.[0]).toMatchObject({ message: reserved.errors?.[0]?.message, extensions: { code: 'CONFLICT' } });
      const current = await gql(gw.url, CREATE_ACCOUNT, { i: { name: 'Squatter', slug: moved } }, PLATFORM_KEY);
      expect(current.errors?.[0]).toMatchObject({
        message: `An account with slug "${moved}" already exists`,
        extensions: { code: 'CONFLICT' },
      });

      // b takes its old slug back; the slug it leaves is now reserved for it in turn.
      const { updateAccount } = await gqlOk(gw.url, UPDATE_ACCOUNT, { id: b.id, i: { slug: b.slug } }, PLATFORM_KEY);
      expect(updateAccount.slug).toBe(b.slug);
      const left = await gql(gw.url, UPDATE_ACCOUNT, { id: a.id, i: { slug: moved } }, PLATFORM_KEY);
      expect(left.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      // A refused rename changed nothing.
      const { account } = await gqlOk(gw.url, `query($id: ID!) { account(id: $id) { slug } }`, { id: a.id }, PLATFORM_KEY);
      expect(account.slug).toBe(a.slug);
    });
  });
});
