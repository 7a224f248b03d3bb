import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { hashIdempotencyKey } from '../src/idempotency/index.js';
import { IdempotencyRecord } from '../src/modules/ledger/ledger.entities.js';
import { SCHEMA_FILE } from '../src/schema-file.js';
import { createTenant, DRIVER, sampleLead, startTestGateway, SUBMIT, unique, type Tenant } from './helpers.js';

const CREATE_CAMPAIGN = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id name } }`;
const CREATE_KEY = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } } }`;

interface Reply {
  status: number;
  replayed: string | null;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** A GraphQL POST with an Idempotency-Key. */
async function post(url: string, key: string, idempotencyKey: string, query: string, variables: Record<string, unknown>): Promise<Reply> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Reply['body'] };
}

/** The same GraphQL POST without an Idempotency-Key header. */
async function postWithoutKey(url: string, key: string, query: string, variables: Record<string, unknown>): Promise<Reply> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Reply['body'] };
}

async function campaignsNamed(url: string, t: Tenant, name: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
    body: JSON.stringify({ query: '{ campaigns { name } }' }),
  });
  const { data } = (await res.json()) as { data: { campaigns: Array<{ name: string }> } };
  return data.campaigns.filter((c) => c.name === name).length;
}

describe(`Idempotency-Key on every mutation the schema declares (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
  });
  afterAll(() => gw?.close());

  it('replays the first response of a create and creates nothing more', async () => {
    const name = unique('Solar');
    const key = unique('idem');
    const first = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name, category: 'Solar' } });
    const again = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name, category: 'Solar' } });
    expect(first.body.data!.createCampaign.name).toBe(name);
    expect(first.replayed).toBeNull();
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(await campaignsNamed(gw.url, t, name)).toBe(1);
  });

  it('finds the mutation where GraphQL runs it: spread from a fragment, it is replayed all the same', async () => {
    const name = unique('Fragment');
    const key = unique('idem');
    const query = `mutation($i: CreateCampaignInput!) { ...Create } fragment Create on Mutation { made: createCampaign(input: $i) { id name } }`;
    const first = await post(gw.url, t.adminKey, key, query, { i: { name, category: 'Solar' } });
    const again = await post(gw.url, t.adminKey, key, query, { i: { name, category: 'Solar' } });
    expect(first.body.data!.made.name).toBe(name);
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(await campaignsNamed(gw.url, t, name)).toBe(1);
  });

  it('refuses the key with another request (CONFLICT), whichever mutation used it first', async () => {
    const key = unique('idem');
    await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name: unique('A'), category: 'Solar' } });
    const other = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name: unique('B'), category: 'Solar' } });
    expect(other.status).toBe(409);
    expect(other.body.errors![0]!.extensions!.code).toBe('CONFLICT');

    // The intake records its keys in the same table: one key is one request across both.
    const lead = await post(gw.url, t.sourceKey, 'shared-' + key, SUBMIT, { input: sampleLead(t.campaignId) });
    expect(lead.body.data!.submitLead.status).toBe('ACCEPTED');
    const create = await post(gw.url, t.sourceKey, 'shared-' + key, CREATE_CAMPAIGN, { i: { name: unique('C'), category: 'Solar' } });
    expect(create.body.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('answers concurrent duplicates with one change and one response', async () => {
    const name = unique('Roofing');
    const key = unique('idem');
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name, category: 'Home' } })),
    );
    const ids = new Set(replies.map((r) => r.body.data?.createCampaign.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^cmp_/);
    expect(replies.filter((r) => r.replayed === null)).toHaveLength(1);
    expect(await campaignsNamed(gw.url, t, name)).toBe(1);
  });

  it('runs a failed mutation again on retry: nothing was changed, nothing is replayed', async () => {
    const key = unique('idem');
    const bad = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name: ' ', category: 'Solar' } });
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const again = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name: ' ', category: 'Solar' } });
    expect(again.replayed).toBeNull();
    expect(again.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('replays a secret shown once, stored only encrypted under a hashed key', async () => {
    const key = unique('idem-secret');
    const first = await post(gw.url, t.adminKey, key, CREATE_KEY, { i: { role: 'READER' } });
    const again = await post(gw.url, t.adminKey, key, CREATE_KEY, { i: { role: 'READER' } });
    const secret = first.body.data!.createApiKey.key as string;
    expect(secret).toMatch(/^lgk_/);
    expect(again.body.data!.createApiKey.key).toBe(secret);
    const em = gw.orm.em.fork();
    // Exactly one completed record, found under the SHA-256 of the key and never under the key itself.
    const rows = await em.find(IdempotencyRecord, { key: hashIdempotencyKey(key) });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pendingUntil).toBeNull();
    expect(await em.count(IdempotencyRecord, { key })).toBe(0);
    const stored = JSON.stringify(rows[0]!.response);
    expect(Object.keys(rows[0]!.response).sort()).toEqual(['data', 'iv', 'tag', 'v']);
    expect((rows[0]!.response as { data: string }).data.length).toBeGreaterThan(secret.length);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(key);
    expect(JSON.stringify(rows[0])).not.toContain(key);
  });

  it('keeps keys apart per API key, and lets a caller without a key or header just run', async () => {
    const key = unique('idem');
    const name = unique('Per key');
    const a = await post(gw.url, t.adminKey, key, CREATE_CAMPAIGN, { i: { name, category: 'Home' } });
    const other = await createTenant(gw.url);
    const b = await post(gw.url, other.adminKey, key, CREATE_CAMPAIGN, { i: { name, category: 'Home' } });
    expect(b.replayed).toBeNull();
    expect(b.body.data!.createCampaign.id).not.toBe(a.body.data!.createCampaign.id);

    // Without the header the same create twice simply runs twice.
    const plain = unique('No header');
    const first = await postWithoutKey(gw.url, t.adminKey, CREATE_CAMPAIGN, { i: { name: plain, category: 'Home' } });
    const second = await postWithoutKey(gw.url, t.adminKey, CREATE_CAMPAIGN, { i: { name: plain, category: 'Home' } });
    for (const reply of [first, second]) {
      expect(reply.status).toBe(200);
      expect(reply.replayed).toBeNull();
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data!.createCampaign.name).toBe(plain);
      expect(reply.body.data!.createCampaign.id).toMatch(/^cmp_/);
    }
    expect(second.body.data!.createCampaign.id).not.toBe(first.body.data!.createCampaign.id);
    expect(await campaignsNamed(gw.url, t, plain)).toBe(2);
  });

  it('refuses an Idempotency-Key on a request with two mutations or a malformed key', async () => {
    const two = await post(
      gw.url,
      t.adminKey,
      unique('idem'),
      `mutation { a: blockValues(kind: EMAIL, values: ["a@b.co"]) b: blockValues(kind: EMAIL, values: ["c@d.co"]) }`,
      {},
    );
    expect(two.body.errors![0]!.message).toBe('A request with an Idempotency-Key must hold exactly one mutation field');
    const spaced = await post(gw.url, t.adminKey, 'has space', CREATE_CAMPAIGN, { i: { name: unique('X'), category: 'Home' } });
    expect(spaced.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('declares every mutation @idempotent in the published schema, the intake ones inTransaction', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const fields = Object.values(schema.getMutationType()!.getFields());
    expect(fields.length).toBeGreaterThan(50);
    const declaration = (name: string) =>
      schema
        .getMutationType()!
        .getFields()
        [name]!.astNode!.directives!.find((d) => d.name.value === 'idempotent');
    expect(fields.filter((f) => !declaration(f.name)).map((f) => f.name)).toEqual([]);
    const inTransaction = fields
      .filter((f) => declaration(f.name)!.arguments!.length > 0)
      .map((f) => f.name)
      .sort();
    expect(inTransaction).toEqual(['insertDialerLead', 'submitLead', 'testLead']);
  });
});
