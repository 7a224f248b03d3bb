import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/main.js';
import { parseDatabaseUrl } from '../src/config.js';
import {
  createTenant,
  DRIVER,
  freshDatabaseUrl,
  gql,
  gqlOk,
  sampleLead,
  SUBMIT,
  TEST_LEAD,
  testConfig,
  unique,
  type Tenant,
} from './helpers.js';
import { TestClock } from './dialer-fixtures.js';
import { Receiver, waitFor } from './receiver.js';

const CREATE = `mutation($i: CreateDestinationInput!) { createDestination(input: $i) { secret destination { id secretPreview maxAttempts headerNames } } }`;
const LEAD_DELIVERIES = `query($id: ID!) { lead(id: $id) { deliveries { id status attemptCount maxAttempts nextAttemptAt deliveredAt lastError destinationId
  attempts { number httpStatus outcome error responseExcerpt durationMs startedAt } } } }`;

describe(`downstream delivery (${DRIVER})`, () => {
  let gw: RunningGateway;
  let drop: () => Promise<void>;
  const clock = new TestClock();
  const receiver = new Receiver();

  beforeAll(async () => {
    // A database of its own: workers of other test files' gateways must not send these deliveries on their own clocks.
    const db = await freshDatabaseUrl();
    drop = db.drop;
    await receiver.start();
    gw = await startGateway(testConfig({ database: parseDatabaseUrl(db.url), deliveryPollMs: 20 }), {
      demo: false,
      print: () => undefined,
      now: clock.now,
    });
  });
  afterAll(async () => {
    await gw?.close();
    await receiver.stop();
    await drop?.();
  });

  async function destination(t: Tenant, input: Record<string, unknown> = {}) {
    const { createDestination } = await gqlOk(
      gw.url,
      CREATE,
      { i: { campaignId: t.campaignId, name: unique('crm'), url: receiver.url, ...input } },
      t.adminKey,
    );
    return createDestination as {
      secret: string;
      destination: { id: string; secretPreview: string; maxAttempts: number; headerNames: string[] };
    };
  }
  const submit = async (t: Tenant, extra: Record<string, unknown> = {}) => {
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, extra) }, t.sourceKey);
    expect(submitLead.status).toBe('ACCEPTED');
    return submitLead.leadId as string;
  };
  const deliveriesOf = async (leadId: string, key: string) =>
    (await gqlOk(gw.url, LEAD_DELIVERIES, { id: leadId }, key)).lead.deliveries as any[];
  const settled = (leadId: string, key: string, status: string, attempts: number) =>
    waitFor(async () => {
      const [d] = await deliveriesOf(leadId, key);
      return d && d.status === status && d.attemptCount === attempts ? d : null;
    }, `delivery of ${leadId} ${status} after ${attempts} attempt(s)`);
  const requestsFor = (leadId: string) => receiver.requests.filter((r) => r.body.includes(leadId));

  it('delivers a mapped, signed JSON post with the static headers and a delivery id', async () => {
    receiver.respond = () => ({ status: 200, body: '{"ok":true}' });
    const t = await createTenant(gw.url);
    const { secret, destination: dest } = await destination(t, {
      fieldMapping: [
        { to: 'lead_id', from: 'leadId' },
        { to: 'FirstName', from: 'first', format: 'UPPERCASE' },
        { to: 'phone', from: 'phone', format: 'PHONE_10' },
        { to: 'phone_e164', from: 'phone', format: 'E164' },
        { to: 'vendor', value: 'leadgate' },
        { to: 'price', from: 'price' },
        { to: 'missing', from: 'ip' },
      ],
      headers: { 'X-Api-Key': 'their-key-123' },
    });
    expect(dest).toMatchObject({ maxAttempts: 8, headerNames: ['x-api-key'], secretPreview: secret.slice(0, 10) + '…' });
    const leadId = await submit(t, { phone: '(213) 555-0142' });
    const delivery = await settled(leadId, t.adminKey, 'DELIVERED', 1);
    expect(delivery).toMatchObject({
      destinationId: dest.id,
      lastError: null,
      deliveredAt: clock.now().toISOString(),
      attempts: [{ number: 1, httpStatus: 200, outcome: 'DELIVERED', error: null, responseExcerpt: '{"ok":true}' }],
    });
    const [request] = requestsFor(leadId);
    expect(JSON.parse(request!.body)).toEqual({
      lead_id: leadId,
      FirstName: 'ADA',
      phone: '2135550142',
      phone_e164: '+12135550142',
      vendor: 'leadgate',
      price: '12.50',
    });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': 'their-key-123',
      'x-leadgate-delivery-id': delivery.id,
      'x-leadgate-attempt': '1',
    });
    const [, t0, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request!.headers['x-leadgate-signature']))!;
    expect(Number(t0)).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(v1).toBe(createHmac('sha256', secret).update(`${t0}.${request!.body}`).digest('hex'));
  });

  it('sends form fields, and every field under our names when there is no mapping', async () => {
    receiver.respond = () => ({ status: 201, body: 'created' });
    const t = await createTenant(gw.url);
    await destination(t, { format: 'FORM' });
    const leadId = await submit(t, { extra: { plan: 'gold' } });
    await settled(leadId, t.adminKey, 'DELIVERED', 1);
    const [request] = requestsFor(leadId);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(request!.body));
    expect(form).toMatchObject({
      leadId,
      campaignId: t.campaignId,
      sourceId: t.sourceId,
      status: 'ACCEPTED',
      price: '12.50',
      first: 'Ada',
      last: 'Lovelace',
      state: 'CA',
      plan: 'gold',
    });
  });

  it('dead-letters a 200 whose body fails the success rule, with contact data redacted from the excerpt', async () => {
    const t = await createTenant(gw.url);
    await destination(t, { successJsonPath: 'result.status', successJsonEquals: 'ok' });
    receiver.respond = (req) => ({
      status: 200,
      body: JSON.stringify({ result: { status: 'error', message: `duplicate ${JSON.parse(req.body).email} at 213-555-0199` } }),
    });
    const leadId = await submit(t);
    const d = await settled(leadId, t.adminKey, 'DEAD_LETTER', 1);
    expect(d.attempts[0]).toMatchObject({ httpStatus: 200, outcome: 'REFUSED', error: 'HTTP 200, but result.status is "error", not "ok"' });
    expect(d.attempts[0].responseExcerpt).toBe('{"result":{"status":"error","message":"duplicate [redacted] at [redacted]"}}');
  });

  it('does not retry other 4xx', async () => {
    const t = await createTenant(gw.url);
    await destination(t);
    receiver.respond = () => ({ status: 422, body: '{"error":"bad zip"}' });
    const leadId = await submit(t);
    const d = await settled(leadId, t.adminKey, 'DEAD_LETTER', 1);
    expect(d.attempts[0]).toMatchObject({ httpStatus: 422, outcome: 'REFUSED', error: 'HTTP 422' });
  });

  it('retries a 500 with exponential backoff on the clock, dead-letters after maxAttempts, and replays on retryDelivery', async () => {
    const t = await createTenant(gw.url);
    await destination(t, { maxAttempts: 3 });
    receiver.respond = () => ({ status: 503, body: 'down' });
    const leadId = await submit(t);
    let d = await settled(leadId, t.adminKey, 'PENDING', 1);
    const wait = new Date(d.nextAttemptAt).getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(48_000);
    expect(wait).toBeLessThanOrEqual(72_000);
    clock.advanceMinutes(0.5);
    await new Promise((r) => setTimeout(r, 150));
    expect((await deliveriesOf(leadId, t.adminKey))[0].attemptCount).toBe(1);
    clock.advanceMinutes(1.5);
    d = await settled(leadId, t.adminKey, 'PENDING', 2);
    const second = new Date(d.nextAttemptAt).getTime() - clock.now().getTime();
    expect(second).toBeGreaterThanOrEqual(144_000);
    expect(second).toBeLessThanOrEqual(216_000);
    clock.advanceMinutes(4);
    d = await settled(leadId, t.adminKey, 'DEAD_LETTER', 3);
    expect(d.attempts.map((a: { httpStatus: number; outcome: string }) => [a.httpStatus, a.outcome])).toEqual([
      [503, 'RETRYABLE'],
      [503, 'RETRYABLE'],
      [503, 'RETRYABLE'],
    ]);

    const dead = await gqlOk(
      gw.url,
      `query($f: DeliveryFilter) { deliveries(filter: $f) { id leadId } }`,
      { f: { status: 'DEAD_LETTER', campaignId: t.campaignId } },
      t.adminKey,
    );
    expect(dead.deliveries).toEqual([{ id: d.id, leadId }]);
    const skipped = await gqlOk(
      gw.url,
      `query($f: DeliveryFilter) { deliveries(filter: $f, offset: 1) { id } }`,
      { f: { status: 'DEAD_LETTER', campaignId: t.campaignId } },
      t.adminKey,
    );
    expect(skipped.deliveries).toEqual([]);
    receiver.respond = () => ({ status: 200, body: '{}' });
    const retried = await gqlOk(gw.url, `mutation($id: ID!) { retryDelivery(id: $id) { status maxAttempts } }`, { id: d.id }, t.adminKey);
    expect(retried.retryDelivery).toEqual({ status: 'PENDING', maxAttempts: 6 });
    await settled(leadId, t.adminKey, 'DELIVERED', 4);
    expect(new Set(requestsFor(leadId).map((r) => r.headers['x-leadgate-delivery-id']))).toEqual(new Set([d.id]));
  });

  it('honours Retry-After on a 429', async () => {
    const t = await createTenant(gw.url);
    await destination(t);
    let first = true;
    receiver.respond = () => {
      if (first) {
        first = false;
        return { status: 429, body: 'slow down', headers: { 'retry-after': '120' } };
      }
      return { status: 200, body: '{}' };
    };
    const leadId = await submit(t);
    const d = await settled(leadId, t.adminKey, 'PENDING', 1);
    expect(new Date(d.nextAttemptAt).getTime() - clock.now().getTime()).toBe(120_000);
    expect(d.attempts[0]).toMatchObject({ httpStatus: 429, outcome: 'RETRYABLE' });
    clock.advanceMinutes(119 / 60);
    await new Promise((r) => setTimeout(r, 150));
    expect((await deliveriesOf(leadId, t.adminKey))[0].attemptCount).toBe(1);
    clock.advanceMinutes(2 / 60);
    await settled(leadId, t.adminKey, 'DELIVERED', 2);
  });

  it('retries a receiver that is too slow or closes the connection', async () => {
    const t = await createTenant(gw.url);
    await destination(t, { timeoutMs: 200 });
    receiver.respond = () => ({ status: 200, body: '{}', delayMs: 1500 });
    const slow = await submit(t);
    const d = await settled(slow, t.adminKey, 'PENDING', 1);
    expect(d.attempts[0]).toMatchObject({ httpStatus: null, outcome: 'RETRYABLE', error: 'timed out after 200 ms' });
    expect(d.attempts[0].durationMs).toBeGreaterThanOrEqual(190);

    receiver.respond = () => ({ destroy: true });
    const closed = await submit(t);
    const c = await settled(closed, t.adminKey, 'PENDING', 1);
    expect(c.attempts[0]).toMatchObject({ httpStatus: null, outcome: 'RETRYABLE' });
    expect(c.attempts[0].error).toMatch(/^network error: /);
  });

  it('records a reply holding NUL characters, and a replay during an attempt does not send it twice', async () => {
    const t = await createTenant(gw.url);
    await destination(t, { maxAttempts: 1 });
    receiver.respond = () => ({ status: 500, body: 'err\u0000or' });
    const nul = await submit(t);
    const d = await settled(nul, t.adminKey, 'DEAD_LETTER', 1);
    expect(d.attempts[0]).toMatchObject({ httpStatus: 500, responseExcerpt: 'error' });

    receiver.respond = () => ({ status: 200, body: '{}', delayMs: 400 });
    const slow = await submit(t);
    await waitFor(() => requestsFor(slow).length === 1, 'the first attempt in flight');
    const [pending] = await deliveriesOf(slow, t.adminKey);
    expect(
      (await gqlOk(gw.url, `mutation($id: ID!) { retryDelivery(id: $id) { status } }`, { id: pending.id }, t.adminKey)).retryDelivery
        .status,
    ).toBe('PENDING');
    await settled(slow, t.adminKey, 'DELIVERED', 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(requestsFor(slow)).toHaveLength(1);
  });

  it('restarts backoff from the base wait after a replay', async () => {
    const t = await createTenant(gw.url);
    await destination(t, { maxAttempts: 2 });
    receiver.respond = () => ({ status: 503 });
    const leadId = await submit(t);
    await settled(leadId, t.adminKey, 'PENDING', 1);
    clock.advanceMinutes(2);
    const dead = await settled(leadId, t.adminKey, 'DEAD_LETTER', 2);
    await gqlOk(gw.url, `mutation($id: ID!) { retryDelivery(id: $id) { id } }`, { id: dead.id }, t.adminKey);
    const d = await settled(leadId, t.adminKey, 'PENDING', 3);
    const wait = new Date(d.nextAttemptAt).getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(48_000);
    expect(wait).toBeLessThanOrEqual(72_000);
  });

  it('never delivers test or rejected leads, and replays dead letters in bulk', async () => {
    const t = await createTenant(gw.url);
    await destination(t);
    receiver.respond = () => ({ status: 400 });
    const { testLead } = await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);
    const { submitLead: rejected } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'nope' }) }, t.sourceKey);
    expect(rejected.status).toBe('REJECTED');
    const a = await submit(t);
    const b = await submit(t);
    await settled(a, t.adminKey, 'DEAD_LETTER', 1);
    await settled(b, t.adminKey, 'DEAD_LETTER', 1);
    expect(await deliveriesOf(testLead.leadId, t.adminKey)).toEqual([]);
    expect(await deliveriesOf(rejected.leadId, t.adminKey)).toEqual([]);
    receiver.respond = () => ({ status: 200 });
    const denied = await gql(gw.url, `mutation { retryDeliveries }`, {}, t.sourceKey);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gqlOk(gw.url, `mutation { retryDeliveries }`, {}, t.adminKey)).retryDeliveries).toBe(2);
    await settled(a, t.adminKey, 'DELIVERED', 2);
    await settled(b, t.adminKey, 'DELIVERED', 2);
    expect((await gqlOk(gw.url, `mutation { retryDeliveries }`, {}, t.adminKey)).retryDeliveries).toBe(0);
    // The vendor that posted the lead does not see where it went.
    expect(await deliveriesOf(a, t.sourceKey)).toEqual([]);
  });

  it("delivers sold leads to their buyer's destination with the sale price, also when sold later", async () => {
    receiver.respond = () => ({ status: 200, body: '{}' });
    const t = await createTenant(gw.url, { routing: 'BUYERS' });
    const { createBuyer } = await gqlOk(gw.url, `mutation { createBuyer(input: { name: "Acme", price: 30 }) { id } }`, {}, t.adminKey);
    await gqlOk(
      gw.url,
      CREATE,
      {
        i: {
          buyerId: createBuyer.id,
          name: 'acme crm',
          url: receiver.url,
          fieldMapping: [
            { to: 'id', from: 'leadId' },
            { to: 'paid', from: 'price' },
          ],
        },
      },
      t.adminKey,
    );
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    expect(submitLead.status).toBe('SOLD');
    await settled(submitLead.leadId, t.adminKey, 'DELIVERED', 1);
    expect(JSON.parse(requestsFor(submitLead.leadId)[0]!.body)).toEqual({ id: submitLead.leadId, paid: '30.00' });

    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateBuyer(id: $id, input: { status: PAUSED }) { id } }`,
      { id: createBuyer.id },
      t.adminKey,
    );
    const { submitLead: held } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    expect(held.status).toBe('PENDING');
    expect(await deliveriesOf(held.leadId, t.adminKey)).toEqual([]);
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateBuyer(id: $id, input: { status: ACTIVE }) { id } }`,
      { id: createBuyer.id },
      t.adminKey,
    );
    await settled(held.leadId, t.adminKey, 'DELIVERED', 1);
  });

  it('validates destinations and keeps them to their account', async () => {
    const t = await createTenant(gw.url);
    const other = await createTenant(gw.url);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ campaignId: t.campaignId, name: 'x', url: 'ftp://example.com' }, t.adminKey, 'url must be an absolute http or https URL'],
      [{ name: 'x', url: receiver.url }, t.adminKey, 'Give exactly one of campaignId and buyerId'],
      [
        { campaignId: t.campaignId, name: 'x', url: receiver.url, headers: { 'X-Leadgate-Signature': 'x' } },
        t.adminKey,
        'headers: X-Leadgate-Signature is set by Leadgate',
      ],
      [
        { campaignId: t.campaignId, name: 'x', url: receiver.url, headers: { 'X-Evil': 'a\r\nb' } },
        t.adminKey,
        'headers.X-Evil must be a single-line string of at most 2000 characters',
      ],
      [
        { campaignId: t.campaignId, name: 'x', url: receiver.url, fieldMapping: [{ to: 'a' }] },
        t.adminKey,
        'fieldMapping.0: give exactly one of from and value',
      ],
      [
        { campaignId: t.campaignId, name: 'x', url: receiver.url, timeoutMs: 99_999 },
        t.adminKey,
        'timeoutMs must be a whole number from 100 to 60000',
      ],
      [
        { campaignId: t.campaignId, name: 'x', url: receiver.url, successJsonEquals: 'ok' },
        t.adminKey,
        'successJsonEquals needs successJsonPath',
      ],
      [{ campaignId: t.campaignId, name: 'x', url: receiver.url }, other.adminKey, 'Campaign not found'],
      [{ campaignId: t.campaignId, name: 'x', url: receiver.url }, t.sourceKey, 'This operation needs an ADMIN key'],
    ];
    for (const [input, key, message] of cases) {
      const res = await gql(gw.url, CREATE, { i: input }, key);
      expect({ input, message: res.errors?.[0]?.message }).toEqual({ input, message });
    }
    const { destination: dest } = await destination(t);
    const rotated = await gqlOk(
      gw.url,
      `mutation($id: ID!) { rotateDestinationSecret(id: $id) { secret destination { secretPreview } } }`,
      { id: dest.id },
      t.adminKey,
    );
    expect(rotated.rotateDestinationSecret.destination.secretPreview).toBe(rotated.rotateDestinationSecret.secret.slice(0, 10) + '…');
    expect((await gqlOk(gw.url, `mutation($id: ID!) { deleteDestination(id: $id) }`, { id: dest.id }, t.adminKey)).deleteDestination).toBe(
      dest.id,
    );
    expect((await gqlOk(gw.url, `query { destinations { id } }`, {}, t.adminKey)).destinations).toEqual([]);
    const hidden = await gql(gw.url, `query($id: ID!) { destination(id: $id) { id } }`, { id: dest.id }, other.adminKey);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
