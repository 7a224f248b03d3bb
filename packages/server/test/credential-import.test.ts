import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/import-command.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import type { Config } from '../src/config.js';
import { createTenant, DRIVER, gql, gqlOk, PLATFORM_KEY, testConfig, unique, uniquePhone } from './helpers.js';

const ACCEPTED = '{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}';

/** A vendor's short company id, unique per run (the PostgreSQL test database is shared). */
const companyId = () => `Q${(Date.now() % 1e6).toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`.toUpperCase().slice(0, 7);
const vendorId = (base: string) => `${base}${process.pid}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const uuid = () => crypto.randomUUID();

/** The credentials and ids vendors hold, imported unchanged, then posted with exactly as before. */
describe(`importing vendor credentials and ids (${DRIVER})`, () => {
  let gw: RunningGateway;
  let config: Config;
  beforeAll(async () => {
    config = testConfig();
    gw = await startGateway(config, { demo: false, print: () => undefined });
  });
  afterAll(() => gw.close());

  const opta = async (body: Record<string, unknown>) => {
    const res = await fetch(`${gw.url}/ca/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const newAccount = async (code?: string) => {
    const { createAccount } = await gqlOk(
      gw.url,
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id code } }`,
      {
        i: { name: unique('migrated'), ...(code ? { code } : {}) },
      },
      PLATFORM_KEY,
    );
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      { i: { accountId: createAccount.id, role: 'ADMIN' } },
      PLATFORM_KEY,
    );
    return { id: createAccount.id as string, code: createAccount.code as string, adminKey: createApiKey.key as string };
  };

  /** A list id nobody has: well past the newest generated one (other test files create lists meanwhile). */
  const freeListId = async (key: string, dialerCampaignId: string) => {
    const { createDialerList } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
      { i: { dialerCampaignId, name: 'probe' } },
      key,
    );
    return Number(createDialerList.id) + 1000 + Math.floor(Math.random() * 1000);
  };

  it('keeps an Opta integration unchanged: compid, campid, source id (posted as pubid) and UUID auth imported through GraphQL', async () => {
    const compid = companyId().toLowerCase();
    const account = await newAccount(compid);
    expect(account.code).toBe(compid.toUpperCase());
    const campid = vendorId('c');
    const sourceId = vendorId('s');
    const auth = uuid();
    await gqlOk(
      gw.url,
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      {
        i: { id: campid, name: 'Solar CA', category: 'Solar', requiredFields: ['first', 'last', 'phone'], defaultPrice: 12.5 },
      },
      account.adminKey,
    );
    const { createSource } = await gqlOk(
      gw.url,
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id authKeyPreview } authKey } }`,
      {
        i: { id: sourceId, name: 'Publisher 3391', authKey: auth },
      },
      account.adminKey,
    );
    expect(createSource).toEqual({ source: { id: sourceId, authKeyPreview: expect.any(String) }, authKey: auth });
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId, campaignId: campid } },
      account.adminKey,
    );

    // The integration's own post, with its hard-coded values and field names.
    const post = {
      compid,
      campid,
      pubid: sourceId,
      auth,
      first: 'Ada',
      last: 'Lovelace',
      phone: uniquePhone(),
      email: `ada.${Date.now()}@example.com`,
      tf: 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
      price: '12.50',
    };
    expect(await opta(post)).toEqual({ status: 200, text: ACCEPTED });
    expect(
      await opta({ ...post, sourceid: sourceId, pubid: undefined, phone: uniquePhone(), email: `grace.${Date.now()}@example.com` }),
    ).toEqual({ status: 200, text: ACCEPTED });
    expect((await opta({ ...post, auth: uuid(), phone: uniquePhone() })).text).toBe(
      '{"leadStatus":false,"reason":"Opta Reject","message":"Invalid auth","price":0.00}',
    );
    // The auth key is stored hashed, like a generated one: no query shows it.
    const { sources } = await gqlOk(gw.url, `{ sources { id authKeyPreview } }`, {}, account.adminKey);
    expect(JSON.stringify(sources)).not.toContain(auth);
  });

  it('keeps a dialer integration unchanged: its list_id and auth_token imported through GraphQL', async () => {
    const account = await newAccount();
    const { createDialerCampaign } = await gqlOk(
      gw.url,
      `mutation { createDialerCampaign(input: { name: "Outbound" }) { id } }`,
      {},
      account.adminKey,
    );
    const listId = await freeListId(account.adminKey, createDialerCampaign.id);
    const { createDialerList } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
      {
        i: { dialerCampaignId: createDialerCampaign.id, name: 'Fresh', listId },
      },
      account.adminKey,
    );
    expect(createDialerList.id).toBe(String(listId));
    // The next list gets a generated id past the imported one, on PostgreSQL's sequence too.
    const { createDialerList: next } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
      {
        i: { dialerCampaignId: createDialerCampaign.id, name: 'Aged' },
      },
      account.adminKey,
    );
    expect(Number(next.id)).toBeGreaterThan(listId);
    const token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`.padEnd(32, 'x').slice(0, 32);
    await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      { i: { role: 'ADMIN', key: token, name: 'Convoso token' } },
      account.adminKey,
    );
    const res = await fetch(
      `${gw.url}/v1/leads/insert?${new URLSearchParams({ auth_token: token, list_id: String(listId), phone_number: uniquePhone(), hopper: '1', hopper_expires_in: '0', lead_id: '0' })}`,
    );
    expect(await res.text()).toMatch(/^\{"success":true,"data":\{"lead_id":"\d+"\},"id":"\d+"\}$/);
  });

  it('refuses imports that collide or are malformed, with a clear error', async () => {
    const a = await newAccount();
    const b = await createTenant(gw.url);
    const campid = vendorId('c');
    await gqlOk(
      gw.url,
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      { i: { id: campid, name: 'A', category: 'Solar' } },
      a.adminKey,
    );
    const error = async (query: string, variables: Record<string, unknown>, key: string) =>
      (await gql(gw.url, query, variables, key)).errors?.[0];
    const campaign = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`;
    expect(await error(campaign, { i: { id: campid, name: 'B', category: 'Solar' } }, b.adminKey)).toMatchObject({
      message: `The campaign id "${campid}" is already taken`,
      extensions: { code: 'CONFLICT' },
    });
    expect(await error(campaign, { i: { id: 'has space', name: 'B', category: 'Solar' } }, b.adminKey)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await error(campaign, { i: { id: 'x'.repeat(41), name: 'B', category: 'Solar' } }, b.adminKey))?.message).toMatch(
      /^id must be 1-40 letters/,
    );
    const source = `mutation($i: CreateSourceInput!) { createSource(input: $i) { authKey } }`;
    expect(await error(source, { i: { id: b.sourceId, name: 'dup' } }, a.adminKey)).toMatchObject({
      message: `The source id "${b.sourceId}" is already taken`,
      extensions: { code: 'CONFLICT' },
    });
    expect(await error(source, { i: { name: 'weak', authKey: 'short' } }, a.adminKey)).toMatchObject({
      message: 'authKey must be 8-200 printable characters without spaces',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const account = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`;
    expect(await error(account, { i: { name: unique('x'), code: 'AB1' } }, PLATFORM_KEY)).toMatchObject({
      message: 'code must be 5-8 characters of A-Z and 0-9',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await error(account, { i: { name: unique('x'), code: a.code.toLowerCase() } }, PLATFORM_KEY)).toMatchObject({
      message: `An account with code "${a.code}" already exists`,
      extensions: { code: 'CONFLICT' },
    });
    const slugged = unique('slug')
      .replace(/[^a-z0-9]/g, '')
      .slice(-8);
    await gqlOk(gw.url, account, { i: { name: unique('s'), slug: slugged } }, PLATFORM_KEY);
    expect(await error(account, { i: { name: unique('x'), code: slugged } }, PLATFORM_KEY)).toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    const update = `mutation($id: ID!, $i: UpdateAccountInput!) { updateAccount(id: $id, input: $i) { code } }`;
    expect(await error(update, { id: a.id, i: { code: companyId() } }, a.adminKey)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const newCode = companyId();
    expect((await gqlOk(gw.url, update, { id: a.id, i: { code: newCode } }, PLATFORM_KEY)).updateAccount.code).toBe(newCode);
    const { createDialerCampaign } = await gqlOk(
      gw.url,
      `mutation { createDialerCampaign(input: { name: "Outbound" }) { id } }`,
      {},
      a.adminKey,
    );
    const list = `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`;
    const { createDialerList } = await gqlOk(gw.url, list, { i: { dialerCampaignId: createDialerCampaign.id, name: 'L' } }, a.adminKey);
    expect(
      await error(list, { i: { dialerCampaignId: createDialerCampaign.id, name: 'L2', listId: Number(createDialerList.id) } }, a.adminKey),
    ).toMatchObject({ message: `The list id ${createDialerList.id} is already taken`, extensions: { code: 'CONFLICT' } });
    expect(await error(list, { i: { dialerCampaignId: createDialerCampaign.id, name: 'L2', listId: 0 } }, a.adminKey)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const key = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`;
    expect(await error(key, { i: { role: 'ADMIN', key: b.sourceKey } }, a.adminKey)).toMatchObject({
      message: 'This key is already in use',
      extensions: { code: 'CONFLICT' },
    });
    expect(await error(key, { i: { role: 'ADMIN', key: 'has a space in it' } }, a.adminKey)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('imports a credentials file with `leadgate import credentials`, all or nothing, and keeps what it made when run again', async () => {
    const account = await newAccount();
    const compid = companyId();
    const campid = vendorId('c');
    const sourceId = vendorId('s');
    const auth = uuid();
    const { createDialerCampaign: scratch } = await gqlOk(
      gw.url,
      `mutation { createDialerCampaign(input: { name: "Scratch" }) { id } }`,
      {},
      account.adminKey,
    );
    const listId = await freeListId(account.adminKey, scratch.id);
    const token = `tok${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    const plan = {
      account: account.id,
      accountCode: compid,
      campaigns: [{ id: campid, name: 'Solar CA', category: 'Solar', requiredFields: ['first', 'phone'], defaultPrice: 12.5 }],
      sources: [{ id: sourceId, name: 'Publisher', authKey: auth, campaignIds: [campid] }],
      dialerCampaigns: [{ name: 'Outbound', lists: [{ listId, name: 'Fresh' }] }],
      apiKeys: [{ key: token, role: 'ADMIN', name: 'Convoso token' }],
    };
    const dir = mkdtempSync(join(tmpdir(), 'lg-import-'));
    const file = join(dir, 'credentials.json');
    writeFileSync(file, JSON.stringify(plan));
    const lines: string[] = [];
    expect(await runImport(['credentials', file], config, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines).toEqual([
      `changed account code ${compid}`,
      `created campaigns[0] ${campid}`,
      `created sources[0] ${sourceId}`,
      `created dialerCampaigns[0].lists[0] ${listId}`,
      'created dialerCampaigns[0] Outbound',
      'created apiKeys[0] Convoso token',
      `Imported into account ${account.id}.`,
    ]);
    expect(await opta({ compid, campid, pubid: sourceId, auth, first: 'Ada', phone: uniquePhone() })).toEqual({
      status: 200,
      text: ACCEPTED,
    });
    const insert = await fetch(
      `${gw.url}/v1/leads/insert?${new URLSearchParams({ auth_token: token, list_id: String(listId), phone_number: uniquePhone() })}`,
    );
    expect(await insert.text()).toMatch(/^\{"success":true,/);

    lines.length = 0;
    expect(await runImport(['credentials', file], config, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines.slice(0, -1).every((l) => l.startsWith('kept'))).toBe(true);

    // A refused entry imports nothing, and says which one and why.
    const other = await newAccount();
    writeFileSync(
      file,
      JSON.stringify({
        account: other.code,
        campaigns: [{ id: vendorId('fresh'), name: 'New', category: 'Solar' }],
        sources: [{ id: sourceId, name: 'Taken' }],
      }),
    );
    lines.length = 0;
    expect(await runImport(['credentials', file], config, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(1);
    expect(lines).toEqual([
      `leadgate import: refused, nothing was imported: sources[0] ${sourceId}: The source id "${sourceId}" is already taken`,
    ]);
    const { campaigns } = await gqlOk(gw.url, `{ campaigns { id } }`, {}, other.adminKey);
    expect(campaigns).toEqual([]);
    writeFileSync(file, '{ not json');
    lines.length = 0;
    expect(await runImport(['credentials', file], config, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(1);
    expect(lines[0]).toMatch(/not valid JSON/);
    rmSync(dir, { recursive: true, force: true });
  });
});
