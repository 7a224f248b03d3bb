import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseDatabaseUrl } from '../src/config.js';
import type { RunningGateway } from '../src/main.js';
import {
  createTenant,
  DRIVER,
  freshDatabaseUrl,
  gql,
  gqlOk,
  newApiKey,
  PLATFORM_KEY,
  sampleLead,
  startTestGateway,
  SUBMIT,
  TEST_LEAD,
  type Tenant,
} from './helpers.js';
import { servicesUp, sharedPostgres, TEST_REDIS_URL } from './services.js';

const REDIS_URL = TEST_REDIS_URL;
const postgresUp = await servicesUp('the live feed across gateways through PostgreSQL LISTEN/NOTIFY', 'PostgreSQL');
const redisUp = await servicesUp('the live feed across gateways through Redis pub/sub', 'Redis');

const FEED = `subscription($filter: LeadFeedFilter) { leadDecided(filter: $filter) {
  kind leadId accountId campaignId sourceId status reasonCode message price priceCents buyerIds isTest door receivedAt decidedAt
  contact { first last email phone city state zip }
} }`;

type FeedEvent = Record<string, any>;

/** One subscription: the events and errors it got, and a way to wait for them. */
interface Feed {
  events: FeedEvent[];
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** Resolves once `count` events (or an error) arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function subscribe(url: string, key: string | undefined, variables: Record<string, unknown> = {}, query = FEED): Feed {
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
  });
  const feed: Feed & { wake?: () => void } = {
    events: [],
    errors: [],
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (feed.events.length < count && feed.errors.length === 0) {
        if (Date.now() > deadline) throw new Error(`expected ${count} feed events, got ${feed.events.length}`);
        await new Promise<void>((resolve) => {
          feed.wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    async close() {
      await client.dispose();
    },
  };
  client.subscribe<{ leadDecided: FeedEvent }>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) feed.errors.push(...(result.errors as Feed['errors']));
        if (result.data) feed.events.push(result.data.leadDecided);
        feed.wake?.();
      },
      error: (error) => {
        feed.errors.push(Array.isArray(error) ? error[0] : { message: String((error as { reason?: string }).reason ?? error) });
        feed.wake?.();
      },
      complete: () => undefined,
    },
  );
  return feed;
}

/**
 * Submits `probe()` until the feed shows it: a subscription is live only once the server has
 * authorized it, which the protocol does not acknowledge. Then forgets the probes.
 */
async function untilLive(feed: Feed, probe: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await probe();
    try {
      await feed.waitFor(1, 250);
      break;
    } catch {
      // not subscribed yet
    }
  }
  if (feed.events.length === 0) throw new Error(`the feed never went live: ${JSON.stringify(feed.errors)}`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  feed.events.length = 0;
}

async function readerKey(url: string, t: Tenant): Promise<string> {
  return newApiKey(url, { role: 'READER' }, t.adminKey);
}

const submit = (url: string, key: string, lead: Record<string, unknown>) =>
  gqlOk(url, SUBMIT, { input: lead }, key).then((d) => d.submitLead);

describe(`live feed over graphql-ws on one gateway (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let reader: string;
  const feeds: Feed[] = [];
  const open = (...args: Parameters<typeof subscribe>) => {
    const feed = subscribe(...args);
    feeds.push(feed);
    return feed;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'] });
    reader = await readerKey(gw.url, t);
  });
  afterAll(async () => {
    await Promise.all(feeds.map((f) => f.close()));
    await gw?.close();
  });

  it('pushes each committed decision to a READER key at once, with contact fields masked', async () => {
    const feed = open(gw.url, reader);
    await untilLive(feed, () => submit(gw.url, t.sourceKey, sampleLead(t.campaignId)));

    const lead = sampleLead(t.campaignId, {
      first: 'Ada',
      last: 'Lovelace',
      email: 'ada.lovelace@example.com',
      phone: '(213) 555-0147',
      zip: '90012',
      city: 'Los Angeles',
      state: 'ca',
    });
    const accepted = await submit(gw.url, t.sourceKey, lead);
    const rejected = await submit(gw.url, t.sourceKey, sampleLead(t.campaignId, { zip: undefined }));
    await feed.waitFor(2);
    expect(feed.errors).toEqual([]);
    const [first, second] = feed.events;
    expect(first).toMatchObject({
      kind: 'DECIDED',
      leadId: accepted.leadId,
      accountId: t.accountId,
      campaignId: t.campaignId,
      sourceId: t.sourceId,
      status: 'ACCEPTED',
      reasonCode: null,
      message: '',
      price: 12.5,
      priceCents: 1250,
      buyerIds: [],
      isTest: false,
      door: 'GRAPHQL',
      contact: { first: 'A•••', last: 'L•••', email: 'a•••@example.com', phone: '•••0147', city: 'Los Angeles', state: 'CA', zip: '900••' },
    });
    expect(first!.decidedAt).toBe(first!.receivedAt);
    const { lead: stored } = await gqlOk(gw.url, `query($id: ID!) { lead(id: $id) { receivedAt } }`, { id: accepted.leadId }, t.adminKey);
    expect(first!.receivedAt).toBe(stored.receivedAt);
    expect(second).toMatchObject({
      leadId: rejected.leadId,
      status: 'REJECTED',
      reasonCode: 'MISSING_FIELDS',
      message: 'Missing zip',
      price: 0,
    });
    // Nothing in the feed carries the contact values in clear.
    expect(JSON.stringify(feed.events)).not.toMatch(/Ada|Lovelace|555|ada\.lovelace|90012/);
  });

  it('filters by campaign, source and status; a SOURCE key sees its own leads only; test leads only when asked', async () => {
    const { createSource } = await gqlOk(
      gw.url,
      `mutation { createSource(input: { name: "Second vendor" }) { source { id } } }`,
      {},
      t.adminKey,
    );
    const otherSource = createSource.source.id as string;
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: otherSource, campaignId: t.campaignId } },
      t.adminKey,
    );
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      { i: { role: 'SOURCE', sourceId: otherSource } },
      t.adminKey,
    );
    const otherKey = createApiKey.key as string;

    const own = open(gw.url, t.sourceKey);
    const rejectedOnly = open(gw.url, reader, { filter: { statuses: ['REJECTED'], sourceIds: [otherSource], includeTest: true } });
    const withTests = open(gw.url, reader, { filter: { campaignIds: [t.campaignId], includeTest: true } });
    await untilLive(own, () => submit(gw.url, t.sourceKey, sampleLead(t.campaignId)));
    await untilLive(rejectedOnly, () => submit(gw.url, otherKey, sampleLead(t.campaignId, { phone: undefined })));
    await untilLive(withTests, () => submit(gw.url, t.sourceKey, sampleLead(t.campaignId)));
    own.events.length = 0;

    await submit(gw.url, otherKey, sampleLead(t.campaignId));
    await submit(gw.url, otherKey, sampleLead(t.campaignId, { phone: undefined }));
    await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);
    const mine = await submit(gw.url, t.sourceKey, sampleLead(t.campaignId));

    await withTests.waitFor(4);
    await own.waitFor(1);
    await rejectedOnly.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(withTests.events.map((e) => [e.sourceId, e.status])).toEqual([
      [otherSource, 'ACCEPTED'],
      [otherSource, 'REJECTED'],
      [t.sourceId, 'TEST'],
      [t.sourceId, 'ACCEPTED'],
    ]);
    expect(own.events.map((e) => e.leadId)).toEqual([mine.leadId]);
    expect(rejectedOnly.events.map((e) => [e.sourceId, e.status, e.reasonCode])).toEqual([[otherSource, 'REJECTED', 'MISSING_FIELDS']]);
  });

  it('shows a pending lead again when a buyer appears and takes it: SOLD_LATER, with the buyer and its price', async () => {
    const market = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'], routing: 'BUYERS' });
    const marketReader = await readerKey(gw.url, market);
    const feed = open(gw.url, marketReader);
    await untilLive(feed, () => submit(gw.url, market.sourceKey, sampleLead(market.campaignId)));
    const pending = await submit(
      gw.url,
      market.sourceKey,
      sampleLead(market.campaignId, { first: 'Ada', email: 'ada.market@example.com' }),
    );
    expect(pending.status).toBe('PENDING');
    await feed.waitFor(1);
    expect(feed.events[0]).toMatchObject({ kind: 'DECIDED', leadId: pending.leadId, status: 'PENDING', buyerIds: [] });

    // Every pending lead of the account is offered to a new buyer at once.
    const { createBuyer } = await gqlOk(
      gw.url,
      `mutation { createBuyer(input: { name: "Harbor", price: 31 }) { id } }`,
      {},
      market.adminKey,
    );
    await feed.waitFor(3);
    const later = feed.events.slice(1).find((e) => e.leadId === pending.leadId)!;
    expect(later).toMatchObject({
      kind: 'SOLD_LATER',
      status: 'SOLD',
      buyerIds: [createBuyer.id],
      price: 31,
      campaignId: market.campaignId,
      sourceId: market.sourceId,
      door: 'GRAPHQL',
      receivedAt: feed.events[0]!.receivedAt,
      contact: { first: 'A•••', email: 'a•••@example.com' },
    });
    expect(new Date(later.decidedAt).getTime()).toBeGreaterThan(new Date(later.receivedAt).getTime());
  });

  it('holds at most 50 sockets per key; a closed one frees its place', async () => {
    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey);
    const url = `${gw.url.replace(/^http/, 'ws')}/graphql`;
    const connect = () =>
      new Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }>((resolve, reject) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        const closed = new Promise<{ code: number; reason: string }>((done) =>
          socket.on('close', (code, reason) => done({ code, reason: reason.toString() })),
        );
        socket.on('open', () =>
          socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${createApiKey.key}` } })),
        );
        socket.on('message', (data) => (JSON.parse(String(data)).type === 'connection_ack' ? resolve({ socket, closed }) : undefined));
        socket.on('error', reject);
        closed.then((c) => reject(new Error(`closed ${c.code} ${c.reason}`)));
      });
    const sockets = [];
    for (let i = 0; i < 50; i++) sockets.push(await connect());
    await expect(connect()).rejects.toThrow('closed 4429 Too many connections: at most 50 per API key');
    const freed = sockets.pop()!;
    freed.socket.close();
    await freed.closed;
    // The server frees the place when it sees the close, which may be just after this side does:
    // try again until a 51st connection is taken, within 5 s; any other refusal fails at once.
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        sockets.push(await connect());
        break;
      } catch (error) {
        if (!String(error).includes('closed 4429') || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(sockets).toHaveLength(50);
    for (const { socket } of sockets) socket.close();
    await Promise.all(sockets.map(({ closed }) => closed));
  });

  it('closes the socket of a key revoked while it watches', async () => {
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation { createApiKey(input: { role: READER }) { key apiKey { id } } }`,
      {},
      t.adminKey,
    );
    const feed = open(gw.url, createApiKey.key);
    await untilLive(feed, () => submit(gw.url, t.sourceKey, sampleLead(t.campaignId)));
    await gqlOk(gw.url, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: createApiKey.apiKey.id }, t.adminKey);
    await feed.waitFor(1, 10_000).catch(() => undefined);
    expect(feed.errors).toEqual([{ message: 'Forbidden: the API key was revoked' }]);
  });

  it("refuses a missing or revoked key, another account's campaign or source, and queries over WebSocket", async () => {
    const other = await createTenant(gw.url);
    const cases: Array<[Feed, string]> = [
      [open(gw.url, undefined), 'UNAUTHENTICATED'],
      [open(gw.url, 'lgk_not_a_key'), 'UNAUTHENTICATED'],
      [open(gw.url, reader, { filter: { campaignIds: [other.campaignId] } }), 'NOT_FOUND'],
      [open(gw.url, t.sourceKey, { filter: { sourceIds: [other.sourceId] } }), 'NOT_FOUND'],
      [open(gw.url, PLATFORM_KEY), 'BAD_USER_INPUT'],
      [open(gw.url, reader, { filter: { accountId: other.accountId } }), 'FORBIDDEN'],
      [open(gw.url, reader, {}, '{ leadStats { total } }'), 'BAD_REQUEST'],
      // The request limits of HTTP operations hold over WebSocket too.
      [
        open(gw.url, reader, {}, `subscription { leadDecided { ${Array.from({ length: 40 }, (_, i) => `a${i}: leadId`).join(' ')} } }`),
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [open(gw.url, reader, {}, `subscription { leadDecided { ${'leadId '.repeat(6000)}} }`), 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [feed] of cases) await feed.waitFor(1);
    expect(cases.map(([feed]) => feed.errors[0]?.extensions?.code)).toEqual(cases.map(([, code]) => code));
    expect(cases[6]![0].errors[0]!.message).toBe(
      'Only subscriptions are served over WebSocket: send queries and mutations to /graphql over HTTP',
    );
    expect(cases[7]![0].errors[0]!.message).toMatch(/Aliases limit of 30 exceeded/);
    expect(cases[8]![0].errors[0]!.message).toMatch(/Token limit of 5000 exceeded/);
    // Over HTTP, a subscription is refused with a pointer to the WebSocket.
    const overHttp = await gql(gw.url, FEED, {}, reader);
    expect(overHttp.errors?.length).toBeGreaterThan(0);

    // The platform key names the account it watches.
    const platform = open(gw.url, PLATFORM_KEY, { filter: { accountId: other.accountId } });
    await untilLive(platform, () => submit(gw.url, other.sourceKey, sampleLead(other.campaignId)));
    expect(platform.errors).toEqual([]);
  });
});

/** Subscribes on one gateway, submits through the other, and sees the lead within a second or two. */
async function crossesGateways(watched: RunningGateway, submittedTo: RunningGateway): Promise<void> {
  const t = await createTenant(submittedTo.url);
  const reader = await readerKey(submittedTo.url, t);
  const feed = subscribe(watched.url, reader);
  try {
    await untilLive(feed, () => submit(submittedTo.url, t.sourceKey, sampleLead(t.campaignId)));
    const started = Date.now();
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await submit(submittedTo.url, t.sourceKey, sampleLead(t.campaignId)));
    await feed.waitFor(3, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(feed.events.map((e) => e.leadId)).toEqual(decisions.map((d) => d.leadId));
    expect(feed.events[0]!.contact.email).toMatch(/^a•••@example\.com$/);
  } finally {
    await feed.close();
  }
}

describe.skipIf(!postgresUp)('live feed across gateways through PostgreSQL LISTEN/NOTIFY', () => {
  let db: { url: string; drop: () => Promise<void> };
  let first: RunningGateway;
  let second: RunningGateway;

  beforeAll(async () => {
    db = await sharedPostgres();
    first = await startTestGateway({ database: parseDatabaseUrl(db.url) });
    second = await startTestGateway({ database: parseDatabaseUrl(db.url) });
  }, 90_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.drop();
  });

  it('a lead submitted through one gateway reaches a subscriber of the other, both ways', async () => {
    await crossesGateways(first, second);
    await crossesGateways(second, first);
  });
});

describe.skipIf(!redisUp)(`live feed across gateways through Redis pub/sub (${DRIVER})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let first: RunningGateway;
  let second: RunningGateway;

  beforeAll(async () => {
    // Two gateways on one database of the driver under test (one SQLite file serves both here).
    db = await freshDatabaseUrl();
    first = await startTestGateway({ database: parseDatabaseUrl(db.url), redisUrl: REDIS_URL });
    second = await startTestGateway({ database: parseDatabaseUrl(db.url), redisUrl: REDIS_URL });
  }, 90_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.drop();
  });

  it('a lead submitted through one gateway reaches a subscriber of the other', async () => {
    await crossesGateways(first, second);
  });
});
