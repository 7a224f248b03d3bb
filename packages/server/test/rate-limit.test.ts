import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from '../src/config.js';
import type { RunningGateway } from '../src/main.js';
import {
  createTenant,
  DRIVER,
  gql,
  gqlOk,
  PLATFORM_KEY,
  sampleLead,
  serveCli,
  startTestGateway,
  TEST_LEAD,
  testDatabase,
  type Tenant,
} from './helpers.js';
import { optInTenant, postQueue } from './optin-fixtures.js';
import { servicesUp, sharedPostgres, TEST_REDIS_URL } from './services.js';

/** Budgets are per API key id, new every run: no flushing. */
const REDIS_URL = TEST_REDIS_URL;
const sharedUp = await servicesUp('rate limits shared through Redis by two gateway processes', 'Redis', 'PostgreSQL');

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** POSTs a GraphQL operation and keeps the reply's headers. */
async function post(url: string, query: string, variables: Record<string, unknown>, key: string): Promise<Reply> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
}

/** A cheap mutation: a test lead (structural stages only, counts toward nothing). */
const testLead = (url: string, t: Tenant, key: string) => post(url, TEST_LEAD, { input: sampleLead(t.campaignId) }, key);

const budget = (r: Reply) => ({
  limit: Number(r.headers.get('x-ratelimit-limit')),
  remaining: Number(r.headers.get('x-ratelimit-remaining')),
  reset: Number(r.headers.get('x-ratelimit-reset')),
  retryAfter: r.headers.get('retry-after'),
});

/** A SOURCE key for `t`'s source with its own limit (null: the gateway default); returns the key and its id. */
async function sourceKey(url: string, t: Tenant, rateLimitPerMinute: number | null): Promise<{ key: string; id: string }> {
  const { createApiKey } = await gqlOk(
    url,
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id rateLimitPerMinute } } }`,
    {
      i: { role: 'SOURCE', sourceId: t.sourceId, rateLimitPerMinute },
    },
    t.adminKey,
  );
  expect(createApiKey.apiKey.rateLimitPerMinute).toBe(rateLimitPerMinute);
  return { key: createApiKey.key as string, id: createApiKey.apiKey.id as string };
}

const testLeadCount = async (url: string, t: Tenant) =>
  (
    await gqlOk(
      url,
      `query($c: ID!) { leads(filter: { campaignId: $c, includeTest: true }) { totalCount } }`,
      { c: t.campaignId },
      t.adminKey,
    )
  ).leads.totalCount as number;

describe(`per-API-key rate limits (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
  });
  afterAll(async () => {
    await gw.close();
  });

  it('the 4th mutation in the minute by a key limited to 3 is refused: 429, RATE_LIMITED, Retry-After; it does not run', async () => {
    const { key } = await sourceKey(gw.url, t, 3);
    const before = Math.floor(Date.now() / 1000);
    const replies: Reply[] = [];
    for (let i = 0; i < 4; i++) replies.push(await testLead(gw.url, t, key));

    for (const r of replies.slice(0, 3)) {
      expect(r.status).toBe(200);
      expect(r.body.data?.testLead.status).toBe('TEST');
      expect(r.headers.get('retry-after')).toBeNull();
    }
    expect(replies.map((r) => budget(r).limit)).toEqual([3, 3, 3, 3]);
    expect(replies.map((r) => budget(r).remaining)).toEqual([2, 1, 0, 0]);
    for (const r of replies) {
      expect(budget(r).reset).toBeGreaterThanOrEqual(before + 59);
      expect(budget(r).reset).toBeLessThanOrEqual(before + 61);
    }

    const refused = replies[3]!;
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(58);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors![0]!.message).toBe(
      `Rate limit exceeded: 3 requests per minute for this API key; retry in ${retryAfter} seconds`,
    );
    expect(await testLeadCount(gw.url, t)).toBe(3);
  });

  it('queries count too, one unit per root field; another key has its own budget', async () => {
    const { key } = await sourceKey(gw.url, t, 4);
    const q = await post(gw.url, `{ leads(first: 1) { totalCount } campaigns { id } }`, {}, key);
    expect(q.status).toBe(200);
    expect(q.body.errors).toBeUndefined();
    expect(budget(q)).toMatchObject({ limit: 4, remaining: 2 });
    // __typename and introspection are answered by the schema: not counted.
    expect(budget(await post(gw.url, `{ __typename }`, {}, key)).limit).toBe(0);
    expect((await testLead(gw.url, t, key)).status).toBe(200);
    expect((await testLead(gw.url, t, key)).status).toBe(200);
    expect((await post(gw.url, `{ campaigns { id } }`, {}, key)).status).toBe(429);

    const other = await sourceKey(gw.url, t, 2);
    const first = await testLead(gw.url, t, other.key);
    expect(first.status).toBe(200);
    expect(budget(first)).toMatchObject({ limit: 2, remaining: 1 });
    // The first key is still refused.
    expect((await testLead(gw.url, t, key)).status).toBe(429);
  });

  it('aliases do not get around the budget: 10 aliased submitLead spend 10, and a short budget refuses the request whole', async () => {
    const aliased = (n: number) =>
      `mutation(${Array.from({ length: n }, (_, i) => `$i${i}: SubmitLeadInput!`).join(', ')}) { ${Array.from(
        { length: n },
        (_, i) => `l${i}: submitLead(input: $i${i}) { status }`,
      ).join(' ')} }`;
    const inputs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, sampleLead(t.campaignId)]));
    const leadCount = async () =>
      (await gqlOk(gw.url, `query($c: ID!) { leads(filter: { campaignId: $c }) { totalCount } }`, { c: t.campaignId }, t.adminKey)).leads
        .totalCount as number;

    const small = await sourceKey(gw.url, t, 3);
    const before = await leadCount();
    const started = performance.now();
    const refused = await post(gw.url, aliased(10), inputs(10), small.key);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(refused.body.errors![0]!.message).toMatch(/this operation has 10 root fields, each counted; 3 left/);
    expect(await leadCount()).toBe(before);
    // The refused request spent nothing: the key still has its 3.
    const one = await testLead(gw.url, t, small.key);
    expect(budget(one)).toMatchObject({ limit: 3, remaining: 2 });

    const big = await sourceKey(gw.url, t, 25);
    const ok = await post(gw.url, aliased(10), inputs(10), big.key);
    expect(ok.status).toBe(200);
    expect(Object.values(ok.body.data!).map((d) => d.status)).toEqual(Array(10).fill('ACCEPTED'));
    expect(budget(ok)).toMatchObject({ limit: 25, remaining: 15 });
    // Fragments are expanded before counting: 10 more through a fragment, then 5 left is not enough for 10.
    const viaFragment = aliased(10).replace(/^mutation\((.*?)\) \{ (.*) \}$/s, 'mutation($1) { ...F } fragment F on Mutation { $2 }');
    expect(budget(await post(gw.url, viaFragment, inputs(10), big.key))).toMatchObject({ remaining: 5 });
    expect((await post(gw.url, aliased(10), inputs(10), big.key)).status).toBe(429);
    expect(await leadCount()).toBe(before + 20);
  });

  it('the platform key is not counted', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(gw.url, `{ accounts { id } }`, {}, PLATFORM_KEY);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });

  it('createApiKey takes 1..100000 or null for the default', async () => {
    for (const bad of [0, -5, 100_001]) {
      const res = await gql(
        gw.url,
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
        {
          i: { role: 'READER', rateLimitPerMinute: bad },
        },
        t.adminKey,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe('rateLimitPerMinute must be an integer between 1 and 100000');
    }
    const { apiKeys } = await gqlOk(gw.url, `{ apiKeys { role rateLimitPerMinute } }`, {}, t.adminKey);
    expect(apiKeys.find((k: { role: string }) => k.role === 'ADMIN').rateLimitPerMinute).toBeNull();
  });
});

describe(`the configured default limit (${DRIVER})`, () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("RATE_LIMIT_PER_MINUTE applies to keys without their own limit; a key's own limit wins", async () => {
    const database = testDatabase();
    // Set up with a generous default (the setup itself makes a dozen mutations), then restart with 2.
    const setup = await startTestGateway({ database, rateLimitPerMinute: 1000 });
    const t = await createTenant(setup.url);
    const own = await sourceKey(setup.url, t, 5);
    await setup.close();

    const gw = await startTestGateway({ database, rateLimitPerMinute: 2 });
    cleanups.push(() => gw.close());
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await testLead(gw.url, t, t.sourceKey));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(replies.map((r) => budget(r))).toMatchObject([
      { limit: 2, remaining: 1 },
      { limit: 2, remaining: 0 },
      { limit: 2, remaining: 0 },
    ]);
    expect(replies[2]!.body.errors![0]!.message).toMatch(
      /^Rate limit exceeded: 2 requests per minute for this API key; retry in \d+ seconds$/,
    );

    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await testLead(gw.url, t, own.key));
    expect(mine.map((r) => [r.status, budget(r).limit, budget(r).remaining])).toEqual([
      [200, 5, 4],
      [200, 5, 3],
      [200, 5, 2],
    ]);
  });

  it("counts the opt-in queue door per app id: the third post in the minute is a 429 in Omeda's shape", async () => {
    const database = testDatabase();
    const setup = await startTestGateway({ database, rateLimitPerMinute: 1000 });
    const t = await optInTenant(setup.url);
    await setup.close();
    const gw = await startTestGateway({ database, rateLimitPerMinute: 2 });
    cleanups.push(() => gw.close());
    const body = { DeploymentTypeOptIn: [{ EmailAddress: 'limit@example.com', DeploymentTypeId: 4194 }] };
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await postQueue({ ...t, url: gw.url }, 'optinfilterqueue', body));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(replies[2]!.json().Errors[0].Error).toMatch(
      /^Rate limit exceeded: 2 requests per minute for this API key; retry in \d+ seconds$/,
    );
  });

  it('budgets by default: the marketplace door keeps 60 a minute per key; GraphQL keys have 6000; the platform key is not counted', async () => {
    const database = testDatabase();
    const setup = await startTestGateway({ database, rateLimitPerMinute: 1000 });
    const t = await createTenant(setup.url);
    await setup.close();
    // The defaults of loadConfig, as a fresh install runs (no RATE_LIMIT_PER_MINUTE nor
    // MARKETPLACE_RATE_LIMIT_PER_MINUTE set): the documented 6000 and 60.
    const { rateLimitPerMinute, marketplaceRateLimitPerMinute } = loadConfig({});
    expect({ rateLimitPerMinute, marketplaceRateLimitPerMinute }).toEqual({ rateLimitPerMinute: 6000, marketplaceRateLimitPerMinute: 60 });
    const gw = await startTestGateway({ database, rateLimitPerMinute, marketplaceRateLimitPerMinute });
    cleanups.push(() => gw.close());
    const door = () =>
      fetch(`${gw.url}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.sourceKey}` },
        body: '{}',
      });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= marketplaceRateLimitPerMinute; i++) {
      last = await door();
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(marketplaceRateLimitPerMinute).fill(400), 429]);
    expect(last!.headers.get('x-ratelimit-limit')).toBe(String(marketplaceRateLimitPerMinute));
    expect(await last!.text()).toBe('{"success":false,"error":"Rate limit exceeded"}');
    // The same key's GraphQL budget is untouched.
    const q = await post(gw.url, `{ campaigns { id } }`, {}, t.sourceKey);
    expect(budget(q)).toMatchObject({ limit: rateLimitPerMinute, remaining: rateLimitPerMinute - 1 });
    // More setup mutations with the platform key than the door's budget: none refused.
    for (let i = 0; i <= marketplaceRateLimitPerMinute; i++) {
      const res = await post(
        gw.url,
        `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`,
        { i: { name: `Setup ${i} ${Date.now()}` } },
        PLATFORM_KEY,
      );
      expect(res.status).toBe(200);
    }
  });

  it('with GRAPHQL_MAX_ALIASES raised to 100, 100 aliased submitLead spend 100; a second such request is refused whole', async () => {
    const gw = await startTestGateway({ graphqlMaxAliases: 100 });
    cleanups.push(() => gw.close());
    const t = await createTenant(gw.url);
    const { key } = await sourceKey(gw.url, t, 150);
    const query = `mutation($i: SubmitLeadInput!) { ${Array.from({ length: 100 }, (_, n) => `l${n}: testLead(input: $i) { status }`).join(' ')} }`;
    const first = await post(gw.url, query, { i: sampleLead(t.campaignId) }, key);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body.data!)).toHaveLength(100);
    expect(budget(first)).toMatchObject({ limit: 150, remaining: 50 });
    const second = await post(gw.url, query, { i: sampleLead(t.campaignId) }, key);
    expect(second.status).toBe(429);
    expect(second.body.data).toBeUndefined();
    expect(await testLeadCount(gw.url, t)).toBe(100);
  });

  it('an unreachable Redis does not break requests (fail open: counted in memory per process)', async () => {
    const started = Date.now();
    const gw = await startTestGateway({ redisUrl: 'redis://127.0.0.1:1' });
    cleanups.push(() => gw.close());
    expect(Date.now() - started).toBeLessThan(15_000);
    const t = await createTenant(gw.url);
    const { key } = await sourceKey(gw.url, t, 2);
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await testLead(gw.url, t, key));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(replies[0]!.body.data?.testLead.status).toBe('TEST');
    expect(budget(replies[0]!)).toMatchObject({ limit: 2, remaining: 1 });
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });
});

describe.skipIf(!sharedUp)('through Redis, across two gateway processes (always on a shared PostgreSQL database)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let first: RunningGateway;
  let second: Awaited<ReturnType<typeof serveCli>>;

  beforeAll(async () => {
    db = await sharedPostgres();
    first = await startTestGateway({ database: parseDatabaseUrl(db.url), redisUrl: REDIS_URL });
    second = await serveCli({ DATABASE_URL: db.url, REDIS_URL, LEADGATE_ADMIN_KEY: PLATFORM_KEY, LEADGATE_DEMO: 'false' });
  }, 90_000);
  afterAll(async () => {
    second?.child.kill('SIGTERM');
    await first?.close();
    if (second) await new Promise((r) => (second.child.exitCode !== null ? r(null) : second.child.on('exit', r)));
    await db?.drop();
  });

  it('a key limited to 6 spends 3 on each gateway, then both refuse it; the count lives in Redis', async () => {
    const t = await createTenant(first.url);
    const { key, id } = await sourceKey(first.url, t, 6);
    const gateways = [first.url, second.url];
    const replies: Reply[] = [];
    for (let i = 0; i < 6; i++) replies.push(await testLead(gateways[i % 2]!, t, key));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies.map((r) => budget(r).remaining)).toEqual([5, 4, 3, 2, 1, 0]);

    for (const url of gateways) {
      const refused = await testLead(url, t, key);
      expect(refused.status).toBe(429);
      expect(refused.body.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // One window: both gateways name the same reset time (to the second).
    const resets = replies.map((r) => budget(r).reset);
    expect(Math.max(...resets) - Math.min(...resets)).toBeLessThanOrEqual(1);

    const redis = new Redis(REDIS_URL);
    try {
      // Six spent; the two refused requests were given back.
      expect(await redis.get(`leadgate:rl:${id}`)).toBe('6');
    } finally {
      redis.disconnect();
    }
    expect(await testLeadCount(first.url, t)).toBe(6);
  });

  it('the marketplace door spends the same shared budget, with its headers, on either gateway', async () => {
    const t = await createTenant(first.url);
    const { key } = await sourceKey(first.url, t, 4);
    const door = async (url: string, i: number) => {
      const res = await fetch(`${url}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          seller: t.accountCode,
          category: 'Auto Insurance',
          firstName: 'A',
          lastName: 'B',
          phone: `(415) 555-01${10 + i}`,
          state: 'CA',
        }),
      });
      return { status: res.status, text: await res.text(), remaining: res.headers.get('x-ratelimit-remaining') };
    };
    const gateways = [first.url, second.url];
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await door(gateways[i % 2]!, i));
    expect(replies.map((r) => [r.status, r.remaining])).toEqual([
      [200, '3'],
      [200, '2'],
      [200, '1'],
      [200, '0'],
    ]);
    for (const url of gateways) {
      const refused = await door(url, 9);
      expect(refused.status).toBe(429);
      expect(refused.text).toBe('{"success":false,"error":"Rate limit exceeded"}');
    }
  });
});
