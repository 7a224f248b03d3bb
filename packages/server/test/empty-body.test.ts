import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, PLATFORM_KEY, startTestGateway, uniquePhone } from './helpers.js';
import { createDialerTenant, SUCCESS } from './dialer-fixtures.js';

/** Every door reads a body of zero bytes as no body, whatever the Content-Type says. */
describe(`empty bodies at every door (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  /** A POST of zero bytes with `type`, everything else in the query string. */
  const empty = async (path: string, type: string, headers: Record<string, string> = {}, chunked = false) => {
    const res = await fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      // A stream is sent chunked: the gateway learns the body is empty only by reading it.
      body: chunked ? new ReadableStream({ start: (c) => c.close() }) : '',
      ...(chunked ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: res.status, text: await res.text() };
  };

  it('takes query-string-only dialer calls with an empty body of any declared type', async () => {
    const t = await createDialerTenant(gw.url);
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/octet-stream',
    ]) {
      const query = new URLSearchParams({ auth_token: t.adminKey, list_id: t.listId, phone_number: uniquePhone() });
      expect({ type, ...(await empty(`/v1/leads/insert?${query}`, type)) }).toEqual({
        type,
        status: 200,
        text: expect.stringMatching(SUCCESS),
      });
    }
    const chunked = await empty(
      `/v1/leads/insert?${new URLSearchParams({ auth_token: t.adminKey, list_id: t.listId, phone_number: uniquePhone() })}`,
      'application/json',
      {},
      true,
    );
    expect(chunked.text).toMatch(SUCCESS);
    const search = await empty(`/v1/dnc/search?auth_token=${t.adminKey}`, 'application/json');
    expect(JSON.parse(search.text)).toMatchObject({ success: true, data: { total: 0 } });
    // A body that is there is still read, and a broken one still refused in the door's shape.
    const broken = await fetch(`${gw.url}/v1/leads/insert?auth_token=${t.adminKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"list_id":',
    });
    expect(await broken.text()).toBe('{"success":false,"code":400,"text":"The body is not valid JSON"}');
  });

  it('takes query-string-only marketplace and webhook posts with an empty JSON body', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'state'] });
    const query = new URLSearchParams({
      seller: t.accountCode,
      category: 'Auto Insurance',
      firstName: 'John',
      lastName: 'Doe',
      phone: uniquePhone(),
      state: 'TX',
    });
    for (const chunked of [false, true]) {
      query.set('phone', uniquePhone());
      const res = await empty(`/api/leads?${query}`, 'application/json', { authorization: `Bearer ${t.sourceKey}` }, chunked);
      expect(res).toMatchObject({ status: 200, text: expect.stringMatching(/^\{"success":true,"lead_id":"lead_[0-9a-z]+"/) });
    }
    const { sources } = await gqlOk(gw.url, `{ sources { id campaigns { webhookId } } }`, {}, t.adminKey);
    const webhookId = sources[0].campaigns[0].webhookId as string;
    expect(await empty(`/webhook/${webhookId}?first_name=Ada&phone=2135550101`, 'application/json')).toEqual({
      status: 200,
      text: '{"message":"Test webhook received successfully."}',
    });
  });

  it('answers doors that need a body in their own shape, never with a parser error', async () => {
    const t = await createTenant(gw.url);
    for (const chunked of [false, true]) {
      const opta = await empty('/ca/submit', 'application/json', {}, chunked);
      expect(opta).toEqual({
        status: 400,
        text: '{"leadStatus":false,"reason":"Bad request","message":"The body must be a JSON object of lead fields","price":0.00}',
      });
      const graphql = await empty('/graphql', 'application/json', { authorization: `Bearer ${PLATFORM_KEY}` }, chunked);
      expect(graphql.status).toBe(400);
    }
    const omeda = await empty(`/webservices/rest/client/${t.accountCode}/optinfilterqueue/*`, 'application/json', {
      'x-omeda-appid': 'nope',
    });
    expect(omeda.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(omeda.text)).toHaveProperty('Errors');
    // The declared type still picks the reply's format.
    const xml = await empty(`/webservices/rest/client/${t.accountCode}/optinfilterqueue/*`, 'application/xml', { 'x-omeda-appid': 'nope' });
    expect(xml.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Submission>/);
  });
});
