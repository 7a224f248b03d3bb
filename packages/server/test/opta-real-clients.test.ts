import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, startTestGateway, uniquePhone } from './helpers.js';

const ACCEPTED = '{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}';

/** The Opta door posted to exactly as real posting code posts (see docs/migration-research.md). */
describe(`Opta door as real integrations post (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${gw.url}/ca/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };

  it('takes pubid as the source id, a TrustedForm URL under tf, and a price, with LeadConduit-style names', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'] });
    const res = await post({
      compid: t.accountCode,
      campid: t.campaignId,
      pubid: t.sourceId,
      auth: t.sourceAuth,
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone_1: uniquePhone(),
      postal_code: '90012',
      email: `ada.${Date.now()}@example.com`,
      tf: 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
      price: '12.50',
    });
    expect(res).toEqual({ status: 200, text: ACCEPTED });
    const { leads } = await gqlOk(
      gw.url,
      `{ leads(first: 1) { nodes { sourceId first zip trustedFormCertUrl extra door } } }`,
      {},
      t.adminKey,
    );
    expect(leads.nodes[0]).toEqual({
      sourceId: t.sourceId,
      first: 'Ada',
      zip: '90012',
      trustedFormCertUrl: 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
      extra: { price: '12.50' },
      door: 'OPTA',
    });
    // A wrong auth for that pubid is the contract's "Invalid auth".
    expect(
      (
        await post({
          compid: t.accountCode,
          campid: t.campaignId,
          pubid: t.sourceId,
          auth: 'nope',
          first: 'A',
          last: 'B',
          phone: uniquePhone(),
          zip: '90012',
        })
      ).text,
    ).toBe('{"leadStatus":false,"reason":"Opta Reject","message":"Invalid auth","price":0.00}');
  });
});
