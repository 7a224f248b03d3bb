import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, PLATFORM_KEY, sampleLead, startTestGateway, SUBMIT, type Tenant } from './helpers.js';

const LEAD = `query($id: ID!) { lead(id: $id) { first last email phone address city state zip ip subId trustedFormCertUrl jornayaLeadId raw } }`;

describe(`what a dashboard reads (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let reader: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation { createApiKey(input: { role: READER, name: "wall screen" }) { key } }`,
      {},
      t.adminKey,
    );
    reader = createApiKey.key;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('viewer names the key making the request: its role, account and source', async () => {
    const VIEWER = `{ viewer { role accountId sourceId name } }`;
    expect((await gqlOk(gw.url, VIEWER, {}, reader)).viewer).toEqual({
      role: 'READER',
      accountId: t.accountId,
      sourceId: null,
      name: 'wall screen',
    });
    expect((await gqlOk(gw.url, VIEWER, {}, t.sourceKey)).viewer).toMatchObject({
      role: 'SOURCE',
      accountId: t.accountId,
      sourceId: t.sourceId,
    });
    expect((await gqlOk(gw.url, VIEWER, {}, PLATFORM_KEY)).viewer).toMatchObject({ role: 'ADMIN', accountId: null });
    expect((await gql(gw.url, VIEWER)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(gw.url, VIEWER, {}, 'lgk_unknown')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("READER keys see a lead's contact fields masked; ADMIN and the submitting SOURCE key see them in full", async () => {
    const consent = {
      trustedFormCertUrl: 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
      jornayaLeadId: 'ABCDEF01-2345-6789-ABCD-EF0123456789',
    };
    const input = sampleLead(t.campaignId, {
      first: 'Ada',
      last: 'Lovelace',
      email: 'ada@example.com',
      phone: '(213) 555-0147',
      zip: '90012',
      ip: '8.8.8.8',
      subId: 'sub-7',
      ...consent,
    });
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input }, t.sourceKey);
    const full = {
      first: 'Ada',
      last: 'Lovelace',
      email: 'ada@example.com',
      phone: '+12135550147',
      address: '1 Main St',
      city: 'Los Angeles',
      state: 'CA',
      zip: '90012',
      ip: '8.8.8.8',
      subId: 'sub-7',
      ...consent,
      raw: null,
    };
    expect((await gqlOk(gw.url, LEAD, { id: submitLead.leadId }, t.adminKey)).lead).toEqual(full);
    expect((await gqlOk(gw.url, LEAD, { id: submitLead.leadId }, t.sourceKey)).lead).toEqual(full);
    const masked = {
      first: 'A•••',
      last: 'L•••',
      email: 'a•••@example.com',
      phone: '•••0147',
      address: '•••',
      city: 'Los Angeles',
      state: 'CA',
      zip: '900••',
      ip: '•••',
      subId: 'sub-7',
      trustedFormCertUrl: '•••',
      jornayaLeadId: '•••',
      raw: null,
    };
    expect((await gqlOk(gw.url, LEAD, { id: submitLead.leadId }, reader)).lead).toEqual(masked);
    const { leads } = await gqlOk(gw.url, `{ leads(first: 1) { nodes { email phone } } }`, {}, reader);
    expect(leads.nodes).toEqual([{ email: 'a•••@example.com', phone: '•••0147' }]);
  });
});
