import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import {
  ALL_STAGES,
  createTenant,
  DRIVER,
  gql,
  gqlOk,
  PLATFORM_KEY,
  sampleLead,
  startTestGateway,
  STRUCTURAL_STAGES,
  SUBMIT,
  TEST_LEAD,
  type Tenant,
} from './helpers.js';

describe(`GraphQL intake (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'], defaultPrice: 12.5 });
  });
  afterAll(() => gw.close());

  it('accepts a complete lead from a SOURCE key, prices it and stores it normalized', async () => {
    const input = sampleLead(t.campaignId, { phone: '(213) 555-0147', extra: { vehicle: 'Civic', year: 2019 } });
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input }, t.sourceKey);
    expect(submitLead).toMatchObject({ status: 'ACCEPTED', reasonCode: null, message: '', price: 12.5, priceCents: 1250, isTest: false });
    const { lead } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) {
      id status door sourceId campaignId email phone state zip price isTest extra trace { stage outcome } } }`,
      { id: submitLead.leadId },
      t.adminKey,
    );
    expect(lead).toMatchObject({
      status: 'ACCEPTED',
      door: 'GRAPHQL',
      sourceId: t.sourceId,
      campaignId: t.campaignId,
      email: input.email.toLowerCase(),
      phone: '+12135550147',
      state: 'CA',
      zip: '90012',
      price: 12.5,
      isTest: false,
      extra: { vehicle: 'Civic', year: '2019' },
    });
    expect(lead.trace.map((s: { stage: string }) => s.stage)).toEqual(ALL_STAGES);
    expect(lead.trace.every((s: { outcome: string }) => s.outcome === 'PASS')).toBe(true);
  });

  it('uses the source-campaign price override over the campaign default', async () => {
    const own = await createTenant(gw.url, { defaultPrice: 10 });
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { price priceCents } }`,
      {
        i: { sourceId: own.sourceId, campaignId: own.campaignId, price: 7.25 },
      },
      own.adminKey,
    );
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(own.campaignId) }, own.sourceKey);
    expect(submitLead).toMatchObject({ status: 'ACCEPTED', price: 7.25, priceCents: 725 });
  });

  it('rejects a lead missing required fields, naming every one in the campaign order, and stores it', async () => {
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: { campaignId: t.campaignId, first: 'Ada', phone: '  ' } }, t.sourceKey);
    expect(submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', message: 'Missing last, phone, zip', price: 0 });
    const { lead } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { status reasonCode reasonMessage trace { stage outcome reasonCode message } } }`,
      { id: submitLead.leadId },
      t.adminKey,
    );
    expect(lead).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', reasonMessage: 'Missing last, phone, zip' });
    expect(lead.trace.at(-1)).toEqual({
      stage: 'required-fields',
      outcome: 'REJECT',
      reasonCode: 'MISSING_FIELDS',
      message: 'Missing last, phone, zip',
    });
  });

  it('rejects every lead of a paused campaign with Campaign inactive', async () => {
    const paused = await createTenant(gw.url, { status: 'PAUSED' });
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(paused.campaignId) }, paused.sourceKey);
    expect(submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'CAMPAIGN_INACTIVE', message: 'Campaign inactive' });
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { status: ACTIVE }) { status } }`,
      { id: paused.campaignId },
      paused.adminKey,
    );
    const again = await gqlOk(gw.url, SUBMIT, { input: sampleLead(paused.campaignId) }, paused.sourceKey);
    expect(again.submitLead.status).toBe('ACCEPTED');
  });

  it('takes the source credentials in the input instead of an API key', async () => {
    const ok = await gqlOk(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: t.sourceId, sourceAuth: t.sourceAuth } });
    expect(ok.submitLead.status).toBe('ACCEPTED');
    const bad = await gqlOk(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: t.sourceId, sourceAuth: 'lgs_wrong' } });
    expect(bad.submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'INVALID_AUTH', message: 'Invalid auth', leadId: null });
    const unknown = await gqlOk(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: 'src_nope', sourceAuth: t.sourceAuth } });
    expect(unknown.submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'INVALID_SOURCE', message: 'Invalid source', leadId: null });
  });

  it('refuses a source that is not approved, or whose approval is inactive, with Invalid source', async () => {
    const { createSource } = await gqlOk(
      gw.url,
      `mutation { createSource(input: { name: "Unapproved" }) { source { id } authKey } }`,
      {},
      t.adminKey,
    );
    const notApproved = await gqlOk(gw.url, SUBMIT, {
      input: { ...sampleLead(t.campaignId), sourceId: createSource.source.id, sourceAuth: createSource.authKey },
    });
    expect(notApproved.submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'INVALID_SOURCE' });
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { active } }`,
      {
        i: { sourceId: createSource.source.id, campaignId: t.campaignId, active: false },
      },
      t.adminKey,
    );
    const suspended = await gqlOk(gw.url, SUBMIT, {
      input: { ...sampleLead(t.campaignId), sourceId: createSource.source.id, sourceAuth: createSource.authKey },
    });
    expect(suspended.submitLead).toMatchObject({ status: 'REJECTED', reasonCode: 'INVALID_SOURCE' });
  });

  it('lets an ADMIN key submit as a named source of its account, and requires the name', async () => {
    const ok = await gqlOk(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: t.sourceId } }, t.adminKey);
    expect(ok.submitLead.status).toBe('ACCEPTED');
    const missing = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.adminKey);
    expect(missing.errors?.[0]).toMatchObject({
      message: 'sourceId is required when submitting with an ADMIN key',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('stores a test lead as TEST with price 0, running only the structural checks', async () => {
    const paused = await createTenant(gw.url, { status: 'PAUSED' });
    // A paused campaign is not a structural problem: the test lead still passes.
    const { testLead } = await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(paused.campaignId) }, paused.sourceKey);
    expect(testLead).toMatchObject({ status: 'TEST', reasonCode: null, price: 0, isTest: true });
    const viaFlag = await gqlOk(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), test: true } }, t.sourceKey);
    expect(viaFlag.submitLead).toMatchObject({ status: 'TEST', isTest: true });
    const broken = await gqlOk(gw.url, TEST_LEAD, { input: { campaignId: t.campaignId, first: 'A' } }, t.sourceKey);
    expect(broken.testLead).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', isTest: true });
    const { lead } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { isTest status trace { stage } } }`,
      { id: testLead.leadId },
      paused.adminKey,
    );
    expect(lead).toEqual({ isTest: true, status: 'TEST', trace: STRUCTURAL_STAGES.map((stage) => ({ stage })) });
  });

  it('lists leads newest first with cursors, filters, and test leads only on request', async () => {
    const own = await createTenant(gw.url, { requiredFields: ['phone'] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: { campaignId: own.campaignId, phone: `213555010${i}` } }, own.sourceKey);
      ids.push(submitLead.leadId);
    }
    await gqlOk(gw.url, SUBMIT, { input: { campaignId: own.campaignId } }, own.sourceKey); // rejected
    await gqlOk(gw.url, TEST_LEAD, { input: { campaignId: own.campaignId, phone: '2135550199' } }, own.sourceKey);

    const LIST = `query($f: LeadFilter, $first: Int, $after: String) { leads(filter: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status isTest } } } }`;
    const page1 = (await gqlOk(gw.url, LIST, { f: { status: 'ACCEPTED' }, first: 2 }, own.adminKey)).leads;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e: any) => e.node.id)).toEqual([ids[4], ids[3]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gqlOk(gw.url, LIST, { f: { status: 'ACCEPTED' }, first: 2, after: page1.pageInfo.endCursor }, own.adminKey)).leads;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    const page3 = (await gqlOk(gw.url, LIST, { f: { status: 'ACCEPTED' }, first: 2, after: page2.pageInfo.endCursor }, own.adminKey)).leads;
    expect(page3.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const all = (await gqlOk(gw.url, LIST, { f: { campaignId: own.campaignId } }, own.adminKey)).leads;
    expect(all.totalCount).toBe(6);
    const withTest = (await gqlOk(gw.url, LIST, { f: { campaignId: own.campaignId, includeTest: true } }, own.adminKey)).leads;
    expect(withTest.totalCount).toBe(7);
    expect(withTest.edges[0].node).toMatchObject({ isTest: true, status: 'TEST' });

    const future = (await gqlOk(gw.url, LIST, { f: { from: new Date(Date.now() + 60_000).toISOString() } }, own.adminKey)).leads;
    expect(future.totalCount).toBe(0);
    const past = (await gqlOk(gw.url, LIST, { f: { to: new Date(Date.now() + 60_000).toISOString() } }, own.adminKey)).leads;
    expect(past.totalCount).toBe(6);

    const badCursor = await gql(gw.url, LIST, { after: 'garbage' }, own.adminKey);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await gql(gw.url, LIST, { first: 501 }, own.adminKey);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first must be between 1 and 500', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses values that cannot be stored with BAD_USER_INPUT, not a 500', async () => {
    const long = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { first: 'x'.repeat(101) }) }, t.sourceKey);
    expect(long.errors?.[0]).toMatchObject({
      message: 'first must be at most 100 characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    const nested = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { extra: { car: { make: 'Honda' } } }) }, t.sourceKey);
    expect(nested.errors?.[0]).toMatchObject({
      message: 'car must be a string, number or boolean',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const nul = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { city: 'Los\u0000Angeles' }) }, t.sourceKey);
    expect(nul.errors?.[0]).toMatchObject({ message: 'city must not contain NUL characters', extensions: { code: 'BAD_USER_INPUT' } });
    const junkId = await gql(gw.url, SUBMIT, { input: sampleLead('x'.repeat(5000)) }, t.sourceKey);
    expect(junkId.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
    const wrongType = await gql(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), test: 'yes' } }, t.sourceKey);
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers an unknown campaign with NOT_FOUND and keeps other accounts invisible', async () => {
    const unknown = await gql(gw.url, SUBMIT, { input: sampleLead('cmp_does_not_exist') }, t.sourceKey);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
    const other = await createTenant(gw.url);
    const cross = await gql(gw.url, SUBMIT, { input: sampleLead(other.campaignId) }, t.sourceKey);
    expect(cross.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(other.campaignId) }, other.sourceKey);
    const peek = await gql(gw.url, `query($id: ID!) { lead(id: $id) { id } }`, { id: submitLead.leadId }, t.adminKey);
    expect(peek.errors?.[0]).toMatchObject({ message: 'Lead not found', extensions: { code: 'NOT_FOUND' } });
    const platform = await gqlOk(gw.url, `query($id: ID!) { lead(id: $id) { id } }`, { id: submitLead.leadId }, PLATFORM_KEY);
    expect(platform.lead.id).toBe(submitLead.leadId);
  });

  it('refuses to submit without credentials, with a wrong key, or with a READER key', async () => {
    const none = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId) });
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, 'lgk_not_a_real_key');
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Invalid API key: it is unknown or revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey);
    const reader = await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, createApiKey.key);
    expect(reader.errors?.[0]).toMatchObject({ message: 'A READER key cannot submit leads', extensions: { code: 'FORBIDDEN' } });
  });

  it('a SOURCE key reads only its own leads', async () => {
    const { createSource } = await gqlOk(gw.url, `mutation { createSource(input: { name: "Second" }) { source { id } } }`, {}, t.adminKey);
    const second = createSource.source.id;
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: second, campaignId: t.campaignId } },
      t.adminKey,
    );
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      { i: { role: 'SOURCE', sourceId: second } },
      t.adminKey,
    );
    const mine = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, createApiKey.key);
    const theirs = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    const ownList = await gqlOk(gw.url, `{ leads { nodes { id sourceId } } }`, {}, createApiKey.key);
    expect(ownList.leads.nodes).toEqual([{ id: mine.submitLead.leadId, sourceId: second }]);
    const peek = await gql(gw.url, `query($id: ID!) { lead(id: $id) { id } }`, { id: theirs.submitLead.leadId }, createApiKey.key);
    expect(peek.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
