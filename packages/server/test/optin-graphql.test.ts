import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gql, gqlOk, PLATFORM_KEY, startTestGateway } from './helpers.js';
import { CLIENT_TYPES, HISTORY_QUERY, optInTenant, postQueue, statuses, UUID, type OptInTenant } from './optin-fixtures.js';

const SUBMISSION_FIELDS =
  'id accountId queue door outcome entryCount changeCount messages errors appIdId apiKeyId changes { deploymentTypeId email previousStatus status level source promoCode submissionId }';
const OPT_IN = `mutation($i: OptInInput!) { optIn(input: $i) { ${SUBMISSION_FIELDS} } }`;
const OPT_OUT = `mutation($i: OptOutInput!) { optOut(input: $i) { ${SUBMISSION_FIELDS} } }`;
const BRANDS = `query($a: ID) { brands(accountId: $a) { id accountId abbreviation name } }`;
const TYPES = `query($b: ID) { deploymentTypes(brandId: $b) { id brandId deploymentTypeId name active } }`;
const CREATE_TYPE = `mutation($i: CreateDeploymentTypeInput!) { createDeploymentType(input: $i) { id deploymentTypeId active } }`;
const APP_IDS = `query { optInAppIds { id name preview brandIds revokedAt } }`;

const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

describe(`opt-in GraphQL (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: OptInTenant;
  let other: OptInTenant;
  beforeAll(async () => {
    gw = await startTestGateway();
    t = await optInTenant(gw.url);
    other = await optInTenant(gw.url);
  });
  afterAll(() => gw.close());

  it('manages brands: upper-case unique abbreviations, readers read, others see nothing', async () => {
    const { createBrand } = await gqlOk(
      gw.url,
      `mutation { createBrand(input: { abbreviation: " new-1 " }) { id abbreviation name accountId } }`,
      {},
      t.adminKey,
    );
    expect(createBrand).toMatchObject({ abbreviation: 'NEW-1', name: 'NEW-1', accountId: t.accountId });
    expect(codeOf(await gql(gw.url, `mutation { createBrand(input: { abbreviation: "new-1" }) { id } }`, {}, t.adminKey))).toBe('CONFLICT');
    expect(codeOf(await gql(gw.url, `mutation { createBrand(input: { abbreviation: "no spaces" }) { id } }`, {}, t.adminKey))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(gw.url, `mutation { createBrand(input: { abbreviation: "RDR" }) { id } }`, {}, t.readerKey))).toBe('FORBIDDEN');
    const { updateBrand } = await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateBrand(id: $id, input: { name: "Renamed", abbreviation: "new2" }) { abbreviation name } }`,
      { id: createBrand.id },
      t.adminKey,
    );
    expect(updateBrand).toEqual({ abbreviation: 'NEW2', name: 'Renamed' });
    const { brands } = await gqlOk(gw.url, BRANDS, {}, t.readerKey);
    expect(brands.map((b: { abbreviation: string }) => b.abbreviation)).toEqual(['NEW2', 'NOPE', 'XXG', 'XXH', 'XXL', 'XXM']);
    expect(codeOf(await gql(gw.url, BRANDS, {}, t.sourceKey))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await gql(
          gw.url,
          `mutation($id: ID!) { updateBrand(id: $id, input: { name: "x" }) { id } }`,
          { id: createBrand.id },
          other.adminKey,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect((await gqlOk(gw.url, BRANDS, { a: t.accountId }, PLATFORM_KEY)).brands).toHaveLength(6);

    expect(codeOf(await gql(gw.url, `mutation($id: ID!) { deleteBrand(id: $id) }`, { id: t.brandIds.XXG }, t.adminKey))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gqlOk(gw.url, `mutation($id: ID!) { deleteBrand(id: $id) }`, { id: createBrand.id }, t.adminKey)).deleteBrand).toBe(
      createBrand.id,
    );
  });

  it('manages deployment types: chosen or next numbers, unique per account, deactivation, no deleting history', async () => {
    const brand = (
      await gqlOk(gw.url, `mutation { createBrand(input: { abbreviation: "DT", name: "Deployments" }) { id } }`, {}, other.adminKey)
    ).createBrand.id;
    const chosen = (await gqlOk(gw.url, CREATE_TYPE, { i: { brandId: brand, deploymentTypeId: 7000, name: 'Weekly' } }, other.adminKey))
      .createDeploymentType;
    expect(chosen).toMatchObject({ deploymentTypeId: 7000, active: true });
    const next = (await gqlOk(gw.url, CREATE_TYPE, { i: { brandId: brand, name: 'Daily', active: false } }, other.adminKey))
      .createDeploymentType;
    expect(next).toMatchObject({ deploymentTypeId: 7001, active: false });
    expect(codeOf(await gql(gw.url, CREATE_TYPE, { i: { brandId: brand, deploymentTypeId: 4194, name: 'Clash' } }, other.adminKey))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await gql(gw.url, CREATE_TYPE, { i: { brandId: brand, deploymentTypeId: 0, name: 'Zero' } }, other.adminKey))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(gw.url, CREATE_TYPE, { i: { brandId: brand, name: 'Theirs' } }, t.adminKey))).toBe('NOT_FOUND');
    // Another account may use the same numbers.
    const mine = (await gqlOk(gw.url, `mutation { createBrand(input: { abbreviation: "DT" }) { id } }`, {}, t.adminKey)).createBrand.id;
    expect(
      (await gqlOk(gw.url, CREATE_TYPE, { i: { brandId: mine, deploymentTypeId: 7000, name: 'Same' } }, t.adminKey)).createDeploymentType
        .deploymentTypeId,
    ).toBe(7000);

    const { deploymentTypes } = await gqlOk(gw.url, TYPES, { b: brand }, other.readerKey);
    expect(deploymentTypes.map((d: { deploymentTypeId: number; name: string }) => [d.deploymentTypeId, d.name])).toEqual([
      [7000, 'Weekly'],
      [7001, 'Daily'],
    ]);
    const all = (await gqlOk(gw.url, `query { deploymentTypes { deploymentTypeId } }`, {}, other.adminKey)).deploymentTypes;
    expect(all.map((d: { deploymentTypeId: number }) => d.deploymentTypeId)).toEqual([46, 4194, 4804, 4807, 4900, 4901, 4950, 7000, 7001]);

    await gqlOk(gw.url, OPT_IN, { i: { deploymentTypeOptIns: [{ email: 'dt@example.com', deploymentTypeIds: [7000] }] } }, other.adminKey);
    expect(codeOf(await gql(gw.url, `mutation($id: ID!) { deleteDeploymentType(id: $id) }`, { id: chosen.id }, other.adminKey))).toBe(
      'BAD_USER_INPUT',
    );
    const { updateDeploymentType } = await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateDeploymentType(id: $id, input: { active: false, name: "Weekly (old)" }) { active name } }`,
      { id: chosen.id },
      other.adminKey,
    );
    expect(updateDeploymentType).toEqual({ active: false, name: 'Weekly (old)' });
    expect(
      (await gqlOk(gw.url, `mutation($id: ID!) { deleteDeploymentType(id: $id) }`, { id: next.id }, other.adminKey)).deleteDeploymentType,
    ).toBe(next.id);
    // Deactivated: brand level no longer reaches it, a listed opt-out still does.
    const brandLevel = await gql(gw.url, OPT_OUT, { i: { brandOptOuts: [{ email: 'dt@example.com', brands: ['dt'] }] } }, other.adminKey);
    expect(brandLevel.errors?.[0]?.message).toBe(
      'BrandOptOut submission (dt): the BrandId has no active deployment types. Email address dt@example.com was not opted out.',
    );
    await gqlOk(
      gw.url,
      OPT_OUT,
      { i: { deploymentTypeOptOuts: [{ email: 'dt@example.com', deploymentTypeIds: [7000] }] } },
      other.adminKey,
    );
    expect(await statuses(other, 'dt@example.com')).toEqual({ 7000: 'OUT' });
  });

  it('issues app ids once, imports existing ones, re-scopes and revokes them', async () => {
    const created = await gqlOk(
      gw.url,
      `mutation($b: [ID!]!) { createOptInAppId(input: { name: "Vendor B", brandIds: $b }) { appId optInAppId { id name preview brandIds revokedAt } } }`,
      { b: [t.brandIds.XXH] },
      t.adminKey,
    );
    const { appId, optInAppId } = created.createOptInAppId;
    expect(appId).toMatch(new RegExp(`^${UUID}$`));
    expect(optInAppId).toMatchObject({ name: 'Vendor B', preview: `${appId.slice(0, 10)}…`, brandIds: [t.brandIds.XXH], revokedAt: null });
    const listed = (await gqlOk(gw.url, APP_IDS, {}, t.adminKey)).optInAppIds;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([t.appIdRecord, optInAppId.id]);
    expect(JSON.stringify(listed)).not.toContain(appId);
    expect(codeOf(await gql(gw.url, APP_IDS, {}, t.readerKey))).toBe('FORBIDDEN');

    const asB = { ...t, appId };
    expect((await postQueue(asB, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'b@example.com', BrandId: 'XXH' }] })).status).toBe(
      200,
    );
    expect((await postQueue(asB, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'b@example.com', BrandId: 'XXG' }] })).status).toBe(
      400,
    );
    await gqlOk(
      gw.url,
      `mutation($id: ID!, $b: [ID!]) { updateOptInAppId(id: $id, input: { brandIds: $b }) { brandIds } }`,
      { id: optInAppId.id, b: [t.brandIds.XXG] },
      t.adminKey,
    );
    expect((await postQueue(asB, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'b@example.com', BrandId: 'XXG' }] })).status).toBe(
      200,
    );
    expect((await postQueue(asB, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'b@example.com', BrandId: 'XXH' }] })).status).toBe(
      400,
    );
    expect(
      codeOf(
        await gql(
          gw.url,
          `mutation($b: [ID!]!) { createOptInAppId(input: { brandIds: $b }) { appId } }`,
          { b: [other.brandIds.XXG] },
          t.adminKey,
        ),
      ),
    ).toBe('NOT_FOUND');

    // A vendor's existing Omeda app id keeps working: only the host changes.
    const existing = `omeda-${Date.now()}-${process.pid}-legacy-app-id`;
    const imported = await gqlOk(
      gw.url,
      `mutation($v: String, $b: [ID!]!) { createOptInAppId(input: { appId: $v, brandIds: $b }) { appId } }`,
      { v: existing, b: [t.brandIds.XXM] },
      t.adminKey,
    );
    expect(imported.createOptInAppId.appId).toBe(existing);
    expect(
      (
        await postQueue({ ...t, appId: existing }, 'optoutfilterqueue', {
          BrandOptOut: [{ EmailAddress: 'i@example.com', BrandId: ['XXM'] }],
        })
      ).status,
    ).toBe(200);
    expect(
      codeOf(
        await gql(
          gw.url,
          `mutation($v: String, $b: [ID!]!) { createOptInAppId(input: { appId: $v, brandIds: $b }) { appId } }`,
          { v: existing, b: [] },
          other.adminKey,
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(await gql(gw.url, `mutation { createOptInAppId(input: { appId: "short", brandIds: [] }) { appId } }`, {}, t.adminKey)),
    ).toBe('BAD_USER_INPUT');

    const { revokeOptInAppId } = await gqlOk(
      gw.url,
      `mutation($id: ID!) { revokeOptInAppId(id: $id) { revokedAt } }`,
      { id: optInAppId.id },
      t.adminKey,
    );
    expect(revokeOptInAppId.revokedAt).not.toBeNull();
    expect((await postQueue(asB, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'b@example.com', BrandId: 'XXG' }] })).status).toBe(
      403,
    );
  });

  it('opts in and out at every level through GraphQL, recording the submission and its changes', async () => {
    const u = await optInTenant(gw.url);
    const email = 'Graph@Example.com';
    const { optIn } = await gqlOk(
      gw.url,
      OPT_IN,
      {
        i: {
          clientOptIns: [{ email, source: 'App' }],
          deploymentTypeOptIns: [{ email, deploymentTypeIds: [4900], promoCode: 'PC' }],
        },
      },
      u.adminKey,
    );
    expect(optIn).toMatchObject({
      accountId: u.accountId,
      queue: 'OPT_IN',
      door: 'GRAPHQL',
      outcome: 'ACCEPTED',
      entryCount: 2,
      messages: [],
      errors: [],
      appIdId: null,
    });
    expect(optIn.id).toMatch(new RegExp(`^${UUID}$`));
    expect(optIn.apiKeyId).toMatch(/^key_/);
    // An ADMIN key acts on every brand of its account, NOPE's 46 included; 4900 is inactive, so only listed.
    expect(optIn.changes.map((c: { deploymentTypeId: number }) => c.deploymentTypeId)).toEqual([46, ...CLIENT_TYPES, 4900]);
    expect(optIn.changes[0]).toEqual({
      deploymentTypeId: 46,
      email: 'graph@example.com',
      previousStatus: null,
      status: 'IN',
      level: 'CLIENT',
      source: 'App',
      promoCode: null,
      submissionId: optIn.id,
    });

    const { optOut } = await gqlOk(gw.url, OPT_OUT, { i: { brandOptOuts: [{ email, brands: ['xxg'] }] } }, u.adminKey);
    expect(optOut).toMatchObject({ queue: 'OPT_OUT', changeCount: 2 });
    const kept = (await gqlOk(gw.url, OPT_IN, { i: { brandOptIns: [{ email, brands: ['XXG', 'XXH'] }] } }, u.adminKey)).optIn;
    expect(kept.messages).toEqual(
      [4194, 4804].map(
        (id) =>
          `BrandOptIn submission: the DeleteOptOut element was not set to delete OptOuts. Email address ${email} already has an OptOut and it was not Opted In for deployment type id ${id}.`,
      ),
    );
    expect(kept.changes.map((c: { deploymentTypeId: number; previousStatus: string }) => [c.deploymentTypeId, c.previousStatus])).toEqual([
      [4807, 'IN'],
    ]);
    expect(await statuses(u, email, 'XXG')).toEqual({ 4194: 'OUT', 4804: 'OUT' });

    const history = (await gqlOk(gw.url, HISTORY_QUERY, { email: 'graph@EXAMPLE.com' }, u.readerKey)).optInHistory;
    expect(history).toHaveLength(optIn.changes.length + 2 + 1);
    expect(history.map((c: { seq: string }) => Number(c.seq))).toEqual(
      history.map((c: { seq: string }) => Number(c.seq)).sort((a: number, b: number) => a - b),
    );
    expect(history.at(-1)).toMatchObject({ deploymentTypeId: 4807, status: 'IN', submissionId: kept.id });
    const lastTwo = (await gqlOk(gw.url, HISTORY_QUERY, { email, last: 2 }, u.readerKey)).optInHistory;
    expect(lastTwo).toEqual(history.slice(-2));
    expect(
      (await gqlOk(gw.url, `query($id: ID!) { optInSubmission(id: $id) { id changeCount } }`, { id: optOut.id.toUpperCase() }, u.readerKey))
        .optInSubmission,
    ).toEqual({ id: optOut.id, changeCount: 2 });
  });

  it('refuses a bad submission with every error and records it; checks roles', async () => {
    const res = await gql(
      gw.url,
      OPT_IN,
      {
        i: {
          deploymentTypeOptIns: [
            { email: 'x@example.com', deploymentTypeIds: [4194, 123456] },
            { email: 'bad', deploymentTypeIds: [4194] },
          ],
        },
      },
      t.adminKey,
    );
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0]!;
    const unknown =
      'DeploymentTypeOptIn submission (123456): the DeploymentTypeId is not authorized for OptIns for the AppId submitted. Email address x@example.com was not opted in.';
    expect(error.message).toBe(`${unknown} (and 1 more error)`);
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      errors: [
        unknown,
        'DeploymentTypeOptIn submission: the EmailAddress bad is not a valid email address. Email address bad was not opted in.',
      ],
    });
    expect(await statuses(t, 'x@example.com')).toEqual({});
    const { optInSubmission } = await gqlOk(
      gw.url,
      `query($id: ID!) { optInSubmission(id: $id) { outcome errors changes { seq } } }`,
      { id: error.extensions!.submissionId },
      t.adminKey,
    );
    expect(optInSubmission).toEqual({ outcome: 'REJECTED', errors: error.extensions!.errors, changes: [] });

    // An entry that names nothing is refused, as the door refuses it, not accepted writing nothing.
    const empty = await gql(
      gw.url,
      OPT_IN,
      {
        i: {
          brandOptIns: [{ email: 'e@example.com', brands: [] }],
          deploymentTypeOptIns: [{ email: 'e@example.com', deploymentTypeIds: [] }],
        },
      },
      t.adminKey,
    );
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      errors: [
        'BrandOptIn submission: the BrandId element is required. Email address e@example.com was not opted in.',
        'DeploymentTypeOptIn submission: the DeploymentTypeId element is required. Email address e@example.com was not opted in.',
      ],
    });
    const nul = await gql(
      gw.url,
      OPT_IN,
      { i: { deploymentTypeOptIns: [{ email: 'e@example.com', deploymentTypeIds: [4194], source: 'a\u0000b' }] } },
      t.adminKey,
    );
    expect(codeOf(nul)).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(gw.url, `query($id: ID!) { optInSubmission(id: $id) { id } }`, { id: 'x\u0000' }, t.adminKey))).toBe(
      'NOT_FOUND',
    );

    const entry = { i: { clientOptIns: [{ email: 'role@example.com' }] } };
    expect(codeOf(await gql(gw.url, OPT_IN, entry, t.readerKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql(gw.url, OPT_IN, entry, t.sourceKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql(gw.url, OPT_IN, entry))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(gw.url, OPT_IN, entry, PLATFORM_KEY))).toBe('BAD_USER_INPUT');
    expect((await gqlOk(gw.url, OPT_IN, { i: { ...entry.i, accountId: t.accountId } }, PLATFORM_KEY)).optIn.outcome).toBe('ACCEPTED');
    expect(codeOf(await gql(gw.url, OPT_IN, { i: { ...entry.i, accountId: t.accountId } }, other.adminKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql(gw.url, `query { optInStatus(email: "role@example.com") { status } }`, {}, t.sourceKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql(gw.url, `query { optInStatus(email: "role@example.com", brand: "QQQ") { status } }`, {}, t.readerKey))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await gql(gw.url, `query { optInStatus(email: "not an email") { status } }`, {}, t.readerKey))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await gql(gw.url, `query($id: ID!) { optInSubmission(id: $id) { id } }`, { id: error.extensions!.submissionId }, other.adminKey),
      ),
    ).toBe('NOT_FOUND');
    expect(codeOf(await gql(gw.url, `query { optInHistory(email: "role@example.com", last: 0) { seq } }`, {}, t.readerKey))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
