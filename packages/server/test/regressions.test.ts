import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service.js';
import { parseDatabaseUrl } from '../src/config.js';
import { initOrm, migrate, type Orm } from '../src/db.js';
import { loggerOptions } from '../src/logging.js';
import { createDialerTenant, INSERT, postDialer, type DialerTenant } from './dialer-fixtures.js';
import {
  createTenant,
  DRIVER,
  freshDatabaseUrl,
  gql,
  gqlOk,
  optaBody,
  PLATFORM_KEY,
  postOpta,
  sampleLead,
  SUBMIT,
  testDatabase,
  uniquePhone,
  type Tenant,
} from './helpers.js';
import { optInTenant, postQueue, type OptInTenant } from './optin-fixtures.js';

/** A gateway whose log lines are kept, to check what errors write. */
async function loggedGateway(database = testDatabase()) {
  const lines: string[] = [];
  const orm = await initOrm(database);
  await migrate(orm);
  await new ApiKeyService().ensurePlatformAdmin(orm.em.fork(), PLATFORM_KEY);
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app: FastifyInstance = await createApp({
    orm,
    config: { logLevel: 'info', rateLimitPerMinute: 100_000, marketplaceRateLimitPerMinute: 100_000 },
    logger: { ...(loggerOptions({ logLevel: 'info' }) as object), stream },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    orm,
    app,
    lines,
    errorLines: () => lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50),
    close: async () => {
      await app.close();
      await orm.close();
    },
  };
}

type Gateway = Awaited<ReturnType<typeof loggedGateway>>;

const WEBHOOKS = `{ sources { id campaigns { id webhookId } } }`;
const MAP = `mutation($sc: ID!, $m: [WebhookFieldMappingInput!]!) { mapWebhookFields(sourceCampaignId: $sc, mapping: $m) { id } }`;

describe(`issue 12: every 500 of the fuzzing report is a 4xx in the door's shape (${DRIVER})`, () => {
  let gw: Gateway;
  let t: Tenant;
  let dialer: DialerTenant;
  let optin: OptInTenant;
  let webhook: { id: string; webhookId: string };

  beforeAll(async () => {
    gw = await loggedGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone'] });
    dialer = await createDialerTenant(gw.url);
    optin = await optInTenant(gw.url);
    const { sources } = await gqlOk(gw.url, WEBHOOKS, {}, t.adminKey);
    webhook = sources[0].campaigns[0];
    await gqlOk(
      gw.url,
      MAP,
      {
        sc: webhook.id,
        m: [
          { field: 'first', from: 'first' },
          { field: 'last', from: 'last' },
          { field: 'phone', from: 'phone' },
          { field: 'email', from: 'email' },
        ],
      },
      t.adminKey,
    );
  });
  afterAll(() => gw.close());

  const webhookPost = (path: string, body: string, type = 'application/json') =>
    fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  it('a lone surrogate in a custom field is a 400 at every lead door, and nothing with the email or phone is logged', async () => {
    const email = `surrogate.${Date.now()}@example.com`;
    const phone = uniquePhone();
    const lead = sampleLead(t.campaignId, { email, phone, extra: { note: 'a\ud800b' } });
    const graphql = await gql(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    expect(graphql.errors?.[0]).toMatchObject({
      message: 'note must be valid Unicode text (it holds an unpaired surrogate)',
      extensions: { code: 'BAD_USER_INPUT', field: 'note' },
    });

    const opta = await postOpta(gw.url, optaBody(t, lead));
    expect(opta.status).toBe(400);
    expect(opta.reply).toEqual({
      leadStatus: false,
      reason: 'Bad request',
      message: 'note must be valid Unicode text (it holds an unpaired surrogate)',
      price: 0,
    });

    const hook = await webhookPost(
      `/webhook/${webhook.webhookId}`,
      JSON.stringify({ first: 'A', last: 'B', phone, email, note: 'a\ud800b' }),
    );
    expect(hook).toEqual({
      status: 400,
      text: JSON.stringify({ message: 'note must be valid Unicode text (it holds an unpaired surrogate)' }),
    });

    const { account } = await gqlOk(gw.url, `query($id: ID!) { account(id: $id) { code } }`, { id: t.accountId }, t.adminKey);
    const market = await fetch(`${gw.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.sourceKey}` },
      body: JSON.stringify({
        seller: account.code,
        category: 'Auto Insurance',
        firstName: 'A',
        lastName: 'B',
        phone,
        email,
        state: 'CA',
        note: 'a\ud800b',
      }),
    });
    expect(market.status).toBe(400);
    expect(await market.json()).toEqual({ success: false, error: 'note must be valid Unicode text (it holds an unpaired surrogate)' });

    const dial = await postDialer(
      gw.url,
      INSERT,
      { auth_token: dialer.adminKey, list_id: dialer.listId, phone_number: uniquePhone(), first_name: 'a\ud800b' },
      'json',
    );
    expect(dial.status).toBe(200);
    expect(dial.body).toMatchObject({ success: false });
    expect(dial.body.text).toMatch(/unpaired surrogate/);

    expect(gw.errorLines()).toEqual([]);
    const log = gw.lines.join('\n');
    expect(log).not.toContain(email);
    expect(log).not.toContain(phone.replace(/\D/g, '').slice(-7));
  });

  it('a webhook parameter named constructor (body, form or query) is a 400, not a 500 from the ORM', async () => {
    const path = `/webhook/${webhook.webhookId}`;
    const expected = {
      status: 400,
      text: JSON.stringify({ message: '"constructor" is a reserved parameter name; send it under another name' }),
    };
    expect(await webhookPost(path, JSON.stringify({ first: 'A', last: 'B', phone: uniquePhone(), constructor: 'x' }))).toEqual(expected);
    expect(
      await webhookPost(
        path,
        new URLSearchParams({ first: 'A', last: 'B', phone: uniquePhone(), constructor: 'x' }).toString(),
        'application/x-www-form-urlencoded',
      ),
    ).toEqual(expected);
    expect(await webhookPost(`${path}?constructor=x&first=A&last=B&phone=${encodeURIComponent(uniquePhone())}`, '{}')).toEqual(expected);
    // The same lead without it is accepted and stored.
    const accepted = await webhookPost(path, JSON.stringify({ first: 'A', last: 'B', phone: uniquePhone() }));
    expect(JSON.parse(accepted.text)).toMatchObject({ leadStatus: true });
    expect(gw.errorLines()).toEqual([]);
  });

  it('eight concurrent replacements of one zip list all succeed (PUT zips.csv and setZipTargeting)', async () => {
    const put = (zips: string) =>
      fetch(`${gw.url}/campaigns/${t.campaignId}/zips.csv?mode=INCLUDE`, {
        method: 'PUT',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.adminKey}` },
        body: `zip\n${zips}\n`,
      });
    const puts = await Promise.all(Array.from({ length: 8 }, (_, i) => put(`9001${i}\n9002${i}\n90030`)));
    expect(puts.map((r) => r.status)).toEqual(Array(8).fill(200));
    const mutations = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gql(
          gw.url,
          `mutation($c: ID!, $z: [String!]) { setZipTargeting(campaignId: $c, mode: INCLUDE, zips: $z) { zipCount } }`,
          { c: t.campaignId, z: [`9101${i}`, '91020'] },
          t.adminKey,
        ),
      ),
    );
    expect(mutations.map((m) => m.errors)).toEqual(Array(8).fill(undefined));
    expect(mutations.every((m) => m.data?.setZipTargeting.zipCount === 2)).toBe(true);
    const csv = await (
      await fetch(`${gw.url}/campaigns/${t.campaignId}/zips.csv`, { headers: { authorization: `Bearer ${t.adminKey}` } })
    ).text();
    expect(csv.trim().split('\n')).toHaveLength(3);
    expect(gw.errorLines()).toEqual([]);
  });

  it("a NUL in an id is a 4xx in each door's shape, and the log holds no SQL", async () => {
    const hook = await webhookPost(`/webhook/${webhook.webhookId}%00`, JSON.stringify({ first: 'A' }));
    expect(hook.status).toBe(400);
    expect(JSON.parse(hook.text)).toEqual({ message: 'Text values must not contain NUL characters or unpaired surrogates' });
    const zips = await fetch(`${gw.url}/campaigns/${t.campaignId}%00/zips.csv`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    expect(zips.status).toBe(400);
    expect(await zips.json()).toEqual({
      errors: [{ message: 'Text values must not contain NUL characters or unpaired surrogates', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const lead = await gql(gw.url, `{ lead(id: "\\u0000") { id } }`, {}, t.adminKey);
    expect(lead.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const key = await gql(gw.url, `mutation { createApiKey(input: { role: READER, name: "a\\u0000" }) { key } }`, {}, t.adminKey);
    expect(key.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.errorLines()).toEqual([]);
    expect(gw.lines.join('\n')).not.toMatch(/select |insert into/i);
  });

  it('concurrent DNC inserts and deletes of one number never give a 500 (found by the fuzz suite on PostgreSQL)', async () => {
    const phone = uniquePhone();
    const statuses: number[] = [];
    // The race is narrow (an insert losing to another, then a delete before it looks again): many rounds.
    for (let round = 0; round < 80; round++) {
      const replies = await Promise.all(
        ['insert', 'insert', 'delete', 'insert', 'insert', 'delete', 'insert', 'delete'].map((action) =>
          postDialer(gw.url, `/v1/dnc/${action}`, { auth_token: dialer.adminKey, phone_number: phone, campaign_id: 0 }),
        ),
      );
      for (const reply of replies) {
        statuses.push(reply.status);
        expect(typeof reply.body.success).toBe('boolean');
      }
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(gw.errorLines()).toEqual([]);
  });

  it('multipart/form-data without a boundary is a 400 on the webhook door', async () => {
    expect(await webhookPost(`/webhook/${webhook.webhookId}`, 'first=A', 'multipart/form-data')).toEqual({
      status: 400,
      text: JSON.stringify({ message: 'A multipart body needs a boundary: Content-Type: multipart/form-data; boundary=...' }),
    });
  });

  it('a persisted query with a wrong hash, or more than 50 bad variable fields, is a 400 without an error log line, with no key needed', async () => {
    const wrongHash = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
    });
    expect(wrongHash.status).toBe(400);
    expect(await wrongHash.json()).toEqual({
      errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }],
    });
    const input: Record<string, number> = {};
    for (let i = 0; i < 60; i++) input[`bad${i}`] = i;
    const variables = await gql(gw.url, SUBMIT, { input });
    expect(variables.status).toBe(400);
    expect(variables.errors!.length).toBeGreaterThan(1);
    expect(variables.errors!.every((e) => ['BAD_USER_INPUT', 'BAD_REQUEST'].includes(e.extensions!.code!))).toBe(true);
    expect(variables.errors!.at(-1)).toEqual({
      message: 'Too many errors processing variables, error limit reached. Execution aborted.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(gw.errorLines()).toEqual([]);
  });

  it("a malformed URL (%ZZ) or an over-long path parameter is answered in the door's own shape", async () => {
    const long = 'x'.repeat(5000);
    for (const id of ['%ZZ', long]) {
      const hook = await webhookPost(`/webhook/${id}`, '{}');
      expect(hook).toEqual({
        status: 404,
        text: JSON.stringify({ message: 'Unknown webhook: check the URL in your posting instructions' }),
      });
      const zips = await fetch(`${gw.url}/campaigns/${id}/zips.csv`, { headers: { authorization: `Bearer ${t.adminKey}` } });
      expect(zips.status).toBe(404);
      expect(await zips.json()).toEqual({ errors: [{ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } }] });
      const page = await fetch(`${gw.url}/instructions/${id}.json`);
      expect(page.status).toBe(404);
      expect(await page.json()).toMatchObject({ code: 'NOT_FOUND' });
      const omeda = await fetch(`${gw.url}/webservices/rest/brand/${id}/filter/email/a@example.com/*`, {
        headers: { 'x-omeda-appid': optin.appId },
      });
      expect(omeda.status).toBe(404);
      expect(((await omeda.json()) as { Errors: Array<{ Error: string }> }).Errors[0]!.Error).toMatch(/^Brand .* was not found\.$/);
    }
    const opta = await fetch(`${gw.url}/ca/submit/%ZZ`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(opta.status).toBe(404);
    expect(await opta.json()).toMatchObject({ leadStatus: false, reason: 'Bad request' });
    const market = await fetch(`${gw.url}/api/leads/%ZZ`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(market.status).toBe(404);
    expect(await market.json()).toMatchObject({ success: false });
    // Another method on a door's path: a 405 in its shape.
    const get = await fetch(`${gw.url}/ca/submit`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({
      leadStatus: false,
      reason: 'Bad request',
      message: 'The GET method is not allowed here; use POST',
      price: 0,
    });
    expect(gw.errorLines()).toEqual([]);
  });

  it('character references to control characters in the Omeda XML door are a 400, not silently dropped', async () => {
    for (const reference of ['&#x1;', '&#0;', '&#xFFFE;', '&#99999999999;']) {
      const xml = `<DeploymentTypeOptIn><DeploymentTypeOptIn><EmailAddress>a${reference}b@example.com</EmailAddress><DeploymentTypeId>4194</DeploymentTypeId></DeploymentTypeOptIn></DeploymentTypeOptIn>`;
      const res = await postQueue(optin, 'optinfilterqueue', `<OptInFilterQueue>${xml}</OptInFilterQueue>`, {
        contentType: 'application/xml',
      });
      expect(res.status, reference).toBe(400);
      expect(res.text).toMatch(/character reference .* names a character XML does not allow/);
    }
    const { optInStatus } = await gqlOk(gw.url, `{ optInStatus(email: "ab@example.com") { status } }`, {}, optin.adminKey);
    expect(optInStatus).toEqual([]);
  });

  it("a SOURCE key reads only its own source's webhook samples and suggested mapping", async () => {
    const other = await gqlOk(
      gw.url,
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } } }`,
      { i: { name: 'Other vendor' } },
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: other.createSource.source.id, campaignId: t.campaignId } },
      t.adminKey,
    );
    const { sources } = await gqlOk(gw.url, WEBHOOKS, {}, t.adminKey);
    const theirs = sources.find((s: { id: string }) => s.id === other.createSource.source.id).campaigns[0];
    const email = `sample.${Date.now()}@example.com`;
    expect((await webhookPost(`/webhook/${theirs.webhookId}`, JSON.stringify({ email, phone: '2135550100' }))).status).toBe(200);
    const samples = `query($sc: ID!) { webhookSamples(sourceCampaignId: $sc) { fields { name value } } }`;
    const suggested = `query($sc: ID!) { suggestedWebhookMapping(sourceCampaignId: $sc) { field } }`;
    for (const q of [samples, suggested]) {
      const mine = await gql(gw.url, q, { sc: theirs.id }, t.sourceKey);
      expect(mine.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Source approval not found', 'NOT_FOUND']]);
      expect(JSON.stringify(mine)).not.toContain(email);
      expect((await gql(gw.url, q, { sc: webhook.id }, t.sourceKey)).errors).toBeUndefined();
    }
    const admin = await gqlOk(gw.url, samples, { sc: theirs.id }, t.adminKey);
    expect(JSON.stringify(admin.webhookSamples)).toContain(email);
  });
});

describe(`issue 12: a database error writes no SQL values to the log (${DRIVER})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let gw: Gateway;
  let orm: Orm;

  beforeAll(async () => {
    db = await freshDatabaseUrl();
    gw = await loggedGateway(parseDatabaseUrl(db.url));
    orm = gw.orm;
  });
  afterAll(async () => {
    await gw?.close();
    await db?.drop();
  });

  it('an insert that fails in the database is a masked 500 whose log line names the table, not the values', async () => {
    const t = await createTenant(gw.url);
    const { sources } = await gqlOk(gw.url, WEBHOOKS, {}, t.adminKey);
    // A fault of ours, not of the request: the table the samples go to is gone.
    await orm.em.fork().getConnection().execute('drop table webhook_samples');
    const email = `victim.${Date.now()}@example.com`;
    const res = await fetch(`${gw.url}/webhook/${sources[0].campaigns[0].webhookId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, phone: '(310) 555-0199', name: 'Ada' }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal server error' });
    const errors = gw.errorLines().map((l) => JSON.parse(l) as { err: { type: string; message: string; stack: string } });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.err.type).toMatch(/Exception$/);
    expect(errors[0]!.err.message).toMatch(/webhook_samples/);
    const log = gw.lines.join('\n');
    for (const secret of [email, 'victim', '3105550199', '555-0199', 'Ada', 'insert into']) expect(log, secret).not.toContain(secret);
  });
});
