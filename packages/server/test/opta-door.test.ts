import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, optaBody, postOpta, sampleLead, startTestGateway, type Tenant } from './helpers.js';

describe(`Opta door POST /ca/submit (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'], defaultPrice: 12.5 });
  });
  afterAll(() => gw.close());

  it('accepts the documented example body (every value a string) with the exact reply bytes', async () => {
    const body = {
      compid: t.accountCode,
      sourceid: t.sourceId,
      campid: t.campaignId,
      auth: t.sourceAuth,
      first: 'John',
      last: 'Doe',
      email: 'john.doe.opta@example.com',
      phone: '5551234567',
      address: '123 Main St',
      city: 'Los Angeles',
      state: 'CA',
      zip: '90210',
      test: 'false',
    };
    const res = await postOpta(gw.url, body);
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
  });

  it('answers a test lead with the test body and stores it as a test', async () => {
    const lead = sampleLead(t.campaignId);
    const res = await postOpta(gw.url, { ...optaBody(t, lead), test: 'true' });
    expect(res.text).toBe(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, includeTest: true, status: TEST }) { nodes { isTest door email } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(leads.nodes).toContainEqual({ isTest: true, door: 'OPTA', email: lead.email.toLowerCase() });
    const boolean = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), test: true });
    expect(boolean.reply.testLead).toBe(true);
  });

  it('marks a rejected test lead with testLead too', async () => {
    const res = await postOpta(gw.url, { ...optaBody(t, { ...sampleLead(t.campaignId), zip: undefined }), test: 'true' });
    expect(res.text).toBe('{"leadStatus":false,"reason":"Opta Reject","message":"Missing zip","price":0.00,"testLead":true}');
  });

  it('accepts application/x-www-form-urlencoded with the same keys', async () => {
    const res = await postOpta(gw.url, optaBody(t, sampleLead(t.campaignId)), 'application/x-www-form-urlencoded');
    expect(res.text).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
  });

  it('keeps campaign custom fields and the vendor names of tracking fields', async () => {
    const lead = sampleLead(t.campaignId);
    await postOpta(gw.url, { ...optaBody(t, lead), subid: 's-1', affid: 'a-2', ip_address: '8.8.8.8', vehicle_year: 2019 });
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }, first: 1) { nodes { subId affId ip extra door } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(leads.nodes[0]).toEqual({ subId: 's-1', affId: 'a-2', ip: '8.8.8.8', extra: { vehicle_year: '2019' }, door: 'OPTA' });
  });

  it.each([
    ['malformed JSON', '{"compid": ', 'application/json', /^Malformed JSON body/],
    ['a wrong content type', 'compid=x', 'text/plain', /^Unsupported Content-Type/],
    ['a JSON array', '[1,2]', 'application/json', /^The body must be a JSON object of lead fields$/],
    ['a nested object', '{"first":{"a":1}}', 'application/json', /^first must be a string, not an object or a list$/],
  ])('answers %s with 400 in the same shape', async (_name, body, type, message) => {
    const res = await postOpta(gw.url, body, type);
    expect(res.status).toBe(400);
    expect(Object.keys(res.reply)).toEqual(['leadStatus', 'reason', 'message', 'price']);
    expect(res.reply).toMatchObject({ leadStatus: false, reason: 'Bad request', price: 0 });
    expect(res.reply.message).toMatch(message);
    expect(res.text).toContain('"price":0.00}');
  });

  it('answers a bad test flag and an overlong field with 400, not a 500', async () => {
    const flag = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), test: 'maybe' });
    expect(flag.status).toBe(400);
    expect(flag.reply.message).toBe('test must be "true" or "false" (got "maybe")');
    const long = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), first: 'x'.repeat(300) });
    expect(long.status).toBe(400);
    expect(long.reply.message).toBe('first must be at most 100 characters');
  });

  it('refuses custom fields named like Object.prototype members with 400', async () => {
    const res = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), constructor: 'c' });
    expect(res.status).toBe(400);
    expect(res.reply.message).toBe('"constructor" is a reserved name; use another name for this custom field');
    const toStringField = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), toString: 't' });
    expect(toStringField.status).toBe(400);
  });

  it('treats missing or mismatched credentials as Invalid source / Invalid auth', async () => {
    const base = optaBody(t, sampleLead(t.campaignId));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, auth: undefined }, 'Invalid auth'],
      [{ ...base, auth: 'lgs_nope' }, 'Invalid auth'],
      [{ ...base, sourceid: undefined }, 'Invalid source'],
      [{ ...base, campid: 'cmp_nope' }, 'Invalid source'],
      [{ ...base, compid: 'ZZZZ9999' }, 'Invalid source'],
      [{ ...base, compid: undefined }, 'Invalid source'],
    ];
    const other = await createTenant(gw.url);
    cases.push([{ ...base, campid: other.campaignId }, 'Invalid source']);
    for (const [body, message] of cases) {
      const res = await postOpta(gw.url, JSON.parse(JSON.stringify(body)));
      expect(res.status, message).toBe(200);
      expect(res.text).toBe(`{"leadStatus":false,"reason":"Opta Reject","message":"${message}","price":0.00}`);
    }
    const lowerCode = await postOpta(gw.url, { ...optaBody(t, sampleLead(t.campaignId)), compid: t.accountCode.toLowerCase() });
    expect(lowerCode.reply.leadStatus).toBe(true);
  });

  it('replays the first decision for a repeated Idempotency-Key', async () => {
    const body = JSON.stringify(optaBody(t, sampleLead(t.campaignId)));
    const post = () =>
      fetch(`${gw.url}/ca/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `opta-${Date.now()}` },
        body,
      });
    const key = `opta-retry-${process.pid}-${Date.now()}`;
    const send = () =>
      fetch(`${gw.url}/ca/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body }).then(
        (r) => r.text(),
      );
    const first = await send();
    const second = await send();
    expect(first).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
    expect(second).toBe(first);
    // Without the key the same lead is a duplicate.
    expect(await (await post()).text()).toContain('"message":"Duplicate email"');
  });
});
