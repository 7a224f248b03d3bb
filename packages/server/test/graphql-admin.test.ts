import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, PLATFORM_KEY, startTestGateway, unique, uniquePhone, type Tenant } from './helpers.js';

const CREATE_ACCOUNT = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id code slug name timeZone } }`;
const CREATE_CAMPAIGN = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) {
  id accountId name category status timeZone requiredFields defaultPrice defaultPriceCents } }`;

describe(`GraphQL administration (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
  });
  afterAll(() => gw.close());

  it('creates an account with a generated 8-character code and a slug from its name', async () => {
    const name = unique('Acme Leads, Inc.');
    const { createAccount } = await gqlOk(gw.url, CREATE_ACCOUNT, { i: { name, timeZone: 'America/Chicago' } }, PLATFORM_KEY);
    expect(createAccount.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(createAccount.slug).toMatch(/^acme-leads-inc-/);
    expect(createAccount).toMatchObject({ name, timeZone: 'America/Chicago' });
  });

  it('refuses bad account input with a clear BAD_USER_INPUT or CONFLICT', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: '  ' }, 'name must not be empty', 'BAD_USER_INPUT'],
      [
        { name: 'x', timeZone: 'Mars/Olympus' },
        'timeZone must be an IANA time zone such as America/New_York (got "Mars/Olympus")',
        'BAD_USER_INPUT',
      ],
      [{ name: 'x', code: 'abc' }, 'code must be 5-8 characters of A-Z and 0-9', 'BAD_USER_INPUT'],
      [{ name: 'x', slug: 'Not A Slug' }, 'slug must be 1-64 characters of a-z, 0-9 and inner dashes', 'BAD_USER_INPUT'],
    ];
    for (const [input, message, code] of cases) {
      const res = await gql(gw.url, CREATE_ACCOUNT, { i: input }, PLATFORM_KEY);
      expect(res.errors?.[0], JSON.stringify(input)).toMatchObject({ message, extensions: { code } });
    }
    const slug = unique('dup');
    await gqlOk(gw.url, CREATE_ACCOUNT, { i: { name: 'First', slug } }, PLATFORM_KEY);
    const dup = await gql(gw.url, CREATE_ACCOUNT, { i: { name: 'Second', slug } }, PLATFORM_KEY);
    expect(dup.errors?.[0]).toMatchObject({ message: `An account with slug "${slug}" already exists`, extensions: { code: 'CONFLICT' } });
  });

  it('only the platform key creates accounts', async () => {
    const res = await gql(gw.url, CREATE_ACCOUNT, { i: { name: 'Nope' } }, t.adminKey);
    expect(res.errors?.[0]).toMatchObject({ message: 'Only the platform admin key may do this', extensions: { code: 'FORBIDDEN' } });
    const anonymous = await gql(gw.url, CREATE_ACCOUNT, { i: { name: 'Nope' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates and updates campaigns with defaults from the account', async () => {
    const { createCampaign } = await gqlOk(
      gw.url,
      CREATE_CAMPAIGN,
      {
        i: { name: 'Solar', category: 'Solar', requiredFields: ['phone', 'zip', 'phone', 'roofType'], defaultPrice: 45 },
      },
      t.adminKey,
    );
    expect(createCampaign).toMatchObject({
      accountId: t.accountId,
      status: 'ACTIVE',
      timeZone: 'America/Los_Angeles',
      requiredFields: ['phone', 'zip', 'roofType'],
      defaultPrice: 45,
      defaultPriceCents: 4500,
    });
    const { updateCampaign } = await gqlOk(
      gw.url,
      `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) {
      name status timeZone defaultPrice requiredFields category } }`,
      {
        id: createCampaign.id,
        i: { name: 'Solar West', status: 'PAUSED', timeZone: 'America/Denver', defaultPrice: 19.99 },
      },
      t.adminKey,
    );
    expect(updateCampaign).toEqual({
      name: 'Solar West',
      status: 'PAUSED',
      timeZone: 'America/Denver',
      defaultPrice: 19.99,
      requiredFields: ['phone', 'zip', 'roofType'],
      category: 'Solar',
    });
    const { campaign } = await gqlOk(
      gw.url,
      `query($id: ID!) { campaign(id: $id) { name status } }`,
      { id: createCampaign.id },
      t.adminKey,
    );
    expect(campaign).toEqual({ name: 'Solar West', status: 'PAUSED' });
  });

  it('refuses bad campaign input', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', category: 'y', defaultPrice: -1 }, 'defaultPrice must be between 0 and 10000000'],
      [{ name: 'x', category: 'y', defaultPrice: 1.005 }, 'defaultPrice must have at most two decimals'],
      [
        { name: 'x', category: 'y', requiredFields: ['ok', 'not ok'] },
        'requiredFields: "not ok" is not a field name (a letter, then letters, digits or _)',
      ],
      [{ name: 'x', category: '' }, 'category must not be empty'],
      [{ name: 'x', category: 'y', timeZone: 'PST' }, 'timeZone must be an IANA time zone such as America/New_York (got "PST")'],
    ];
    for (const [input, message] of cases) {
      const res = await gql(gw.url, CREATE_CAMPAIGN, { i: input }, t.adminKey);
      expect(res.errors?.[0], JSON.stringify(input)).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
    const enumWrong = await gql(gw.url, CREATE_CAMPAIGN, { i: { name: 'x', category: 'y', status: 'RUNNING' } }, t.adminKey);
    expect(enumWrong.status).toBe(400);
    expect(enumWrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missingArg = await gql(gw.url, `mutation { createCampaign(input: { name: "x" }) { id } }`, {}, t.adminKey);
    expect(missingArg.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const notFound = await gql(gw.url, `mutation { updateCampaign(id: "cmp_nope", input: { name: "x" }) { id } }`, {}, t.adminKey);
    expect(notFound.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('the platform key must name the account; account keys may not name another', async () => {
    const platform = await gql(gw.url, CREATE_CAMPAIGN, { i: { name: 'x', category: 'y' } }, PLATFORM_KEY);
    expect(platform.errors?.[0]).toMatchObject({
      message: 'accountId is required when calling with a platform admin key',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const other = await createTenant(gw.url);
    const cross = await gql(gw.url, CREATE_CAMPAIGN, { i: { accountId: other.accountId, name: 'x', category: 'y' } }, t.adminKey);
    expect(cross.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const crossUpdate = await gql(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { name: "stolen" }) { id } }`,
      { id: other.campaignId },
      t.adminKey,
    );
    expect(crossUpdate.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
    const crossRead = await gql(gw.url, `query($id: ID!) { campaign(id: $id) { id } }`, { id: other.campaignId }, t.adminKey);
    expect(crossRead.errors?.[0]).toMatchObject({ message: 'Campaign not found', extensions: { code: 'NOT_FOUND' } });
    const ownList = await gqlOk(gw.url, `{ campaigns { id accountId } sources { id accountId } accounts { id } }`, {}, t.adminKey);
    expect(ownList.campaigns.every((c: { accountId: string }) => c.accountId === t.accountId)).toBe(true);
    expect(ownList.sources.every((s: { accountId: string }) => s.accountId === t.accountId)).toBe(true);
    expect(ownList.accounts).toEqual([{ id: t.accountId }]);
  });

  it('shows a source auth key once and never again', async () => {
    const { createSource } = await gqlOk(
      gw.url,
      `mutation { createSource(input: { name: "Lead Co" }) { authKey source { id name authKeyPreview } } }`,
      {},
      t.adminKey,
    );
    expect(createSource.authKey).toMatch(/^lgs_[A-Za-z0-9]{40}$/);
    expect(createSource.source.authKeyPreview).toBe(`${createSource.authKey.slice(0, 10)}…`);
    const introspection = await gqlOk(gw.url, `{ __type(name: "Source") { fields { name } } }`);
    expect(introspection.__type.fields.map((f: { name: string }) => f.name)).not.toContain('authKeyHash');
    const { sources } = await gqlOk(gw.url, `{ sources { id campaigns { campaignId active price } } }`, {}, t.adminKey);
    expect(sources.find((s: { id: string }) => s.id === t.sourceId).campaigns).toEqual([
      { campaignId: t.campaignId, active: true, price: null },
    ]);
  });

  it('rotates a source auth key: the new one works at once, the old one is Invalid auth', async () => {
    const own = await createTenant(gw.url);
    const SUBMIT_AS = `mutation($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode } }`;
    const lead = (auth: string) => ({
      campaignId: own.campaignId,
      sourceId: own.sourceId,
      sourceAuth: auth,
      first: 'A',
      last: 'B',
      phone: uniquePhone(),
    });
    expect((await gqlOk(gw.url, SUBMIT_AS, { input: lead(own.sourceAuth) })).submitLead.status).toBe('ACCEPTED');
    const { rotateSourceAuthKey } = await gqlOk(
      gw.url,
      `mutation($s: ID!) { rotateSourceAuthKey(sourceId: $s) { authKey source { authKeyPreview } } }`,
      { s: own.sourceId },
      own.adminKey,
    );
    expect(rotateSourceAuthKey.authKey).toMatch(/^lgs_/);
    expect(rotateSourceAuthKey.source.authKeyPreview).toBe(`${rotateSourceAuthKey.authKey.slice(0, 10)}…`);
    expect((await gqlOk(gw.url, SUBMIT_AS, { input: lead(own.sourceAuth) })).submitLead.reasonCode).toBe('INVALID_AUTH');
    expect((await gqlOk(gw.url, SUBMIT_AS, { input: lead(rotateSourceAuthKey.authKey) })).submitLead.status).toBe('ACCEPTED');
    const reader = await gql(
      gw.url,
      `mutation($s: ID!) { rotateSourceAuthKey(sourceId: $s) { authKey } }`,
      { s: own.sourceId },
      own.sourceKey,
    );
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await gql(
      gw.url,
      `mutation($s: ID!) { rotateSourceAuthKey(sourceId: $s) { authKey } }`,
      { s: own.sourceId },
      t.adminKey,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('issues, lists and revokes API keys; a revoked key stops working at once', async () => {
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation { createApiKey(input: { role: READER, name: "dashboard" }) { key apiKey { id role name accountId sourceId revokedAt } } }`,
      {},
      t.adminKey,
    );
    expect(createApiKey.key).toMatch(/^lgk_/);
    expect(createApiKey.apiKey).toMatchObject({
      role: 'READER',
      name: 'dashboard',
      accountId: t.accountId,
      sourceId: null,
      revokedAt: null,
    });
    const read = await gqlOk(gw.url, `{ campaigns { id } }`, {}, createApiKey.key);
    expect(read.campaigns.length).toBeGreaterThan(0);
    const write = await gql(gw.url, `mutation { createSource(input: { name: "x" }) { authKey } }`, {}, createApiKey.key);
    expect(write.errors?.[0]).toMatchObject({ message: 'This operation needs an ADMIN key', extensions: { code: 'FORBIDDEN' } });
    const { apiKeys } = await gqlOk(gw.url, `{ apiKeys { id role } }`, {}, t.adminKey);
    expect(apiKeys.map((k: { id: string }) => k.id)).toContain(createApiKey.apiKey.id);
    const { revokeApiKey } = await gqlOk(
      gw.url,
      `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: createApiKey.apiKey.id },
      t.adminKey,
    );
    expect(revokeApiKey.revokedAt).toBeTruthy();
    const other = await createTenant(gw.url);
    const probe = await gql(gw.url, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: createApiKey.apiKey.id }, other.adminKey);
    expect(probe.errors?.[0]).toMatchObject({ message: 'API key not found', extensions: { code: 'NOT_FOUND' } });
    const after = await gql(gw.url, `{ campaigns { id } }`, {}, createApiKey.key);
    expect(after.errors?.[0]).toMatchObject({
      message: 'Invalid API key: it is unknown or revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('checks SOURCE key rules: needs a source of the account, only it may carry one', async () => {
    const noSource = await gql(gw.url, `mutation { createApiKey(input: { role: SOURCE }) { key } }`, {}, t.adminKey);
    expect(noSource.errors?.[0]).toMatchObject({
      message: 'sourceId is required for a SOURCE key',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const adminWithSource = await gql(
      gw.url,
      `mutation($s: ID!) { createApiKey(input: { role: ADMIN, sourceId: $s }) { key } }`,
      { s: t.sourceId },
      t.adminKey,
    );
    expect(adminWithSource.errors?.[0]).toMatchObject({ message: 'sourceId is only allowed for a SOURCE key' });
    const other = await createTenant(gw.url);
    const foreign = await gql(
      gw.url,
      `mutation($s: ID!) { createApiKey(input: { role: SOURCE, sourceId: $s }) { key } }`,
      { s: other.sourceId },
      t.adminKey,
    );
    expect(foreign.errors?.[0]).toMatchObject({ message: 'Source not found', extensions: { code: 'NOT_FOUND' } });
    const sourceKeyWrites = await gql(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.sourceKey);
    expect(sourceKeyWrites.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a SOURCE key sees only the campaigns it is approved for', async () => {
    const { createCampaign } = await gqlOk(gw.url, CREATE_CAMPAIGN, { i: { name: 'Hidden', category: 'Home' } }, t.adminKey);
    const { campaigns } = await gqlOk(gw.url, `{ campaigns { id } }`, {}, t.sourceKey);
    expect(campaigns).toEqual([{ id: t.campaignId }]);
    const hidden = await gql(gw.url, `query($id: ID!) { campaign(id: $id) { id } }`, { id: createCampaign.id }, t.sourceKey);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
