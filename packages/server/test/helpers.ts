import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseDatabaseUrl, type Config } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/main.js';

/** The platform admin key every test gateway is started with. */
export const PLATFORM_KEY = 'lgk_test_platform_admin_key_0123456789';

/** `sqlite` unless DATABASE_URL selects PostgreSQL; test names carry it. */
export const DRIVER = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';

/** A fresh SQLite file, or the shared PostgreSQL test database when DATABASE_URL is set. */
export function testDatabase(): Config['database'] {
  if (process.env.DATABASE_URL) return parseDatabaseUrl(process.env.DATABASE_URL);
  return parseDatabaseUrl(`sqlite:${join(mkdtempSync(join(tmpdir(), 'leadgate-test-')), 'leadgate.sqlite')}`);
}

/** Config for a test gateway on an ephemeral loopback port. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    adminKey: PLATFORM_KEY,
    database: testDatabase(),
    rateLimitPerMinute: 100_000,
    marketplaceRateLimitPerMinute: 100_000,
    ...overrides,
  };
}

/** Starts a real gateway (migrated, no demo data). */
export function startTestGateway(overrides: Partial<Config> = {}): Promise<RunningGateway> {
  return startGateway(testConfig(overrides), { demo: false, print: () => undefined });
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }>;
}

/** POSTs a GraphQL operation to a running gateway. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** Like {@link gql} but fails the test on any GraphQL error and returns `data`. */
export async function gqlOk<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<T> {
  const res = await gql<T>(url, query, variables, key);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

let counter = 0;
/** A name unique across test files and runs (the PostgreSQL database is shared). */
export const unique = (base: string) => `${base}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export interface Tenant {
  accountId: string;
  accountCode: string;
  adminKey: string;
  campaignId: string;
  sourceId: string;
  sourceAuth: string;
  sourceKey: string;
}

/** Creates an account with an ADMIN key, a campaign, an approved source with a SOURCE key. */
export async function createTenant(
  url: string,
  campaign: { requiredFields?: string[]; defaultPrice?: number; status?: 'ACTIVE' | 'PAUSED'; [setting: string]: unknown } = {},
): Promise<Tenant> {
  const name = unique('acct');
  const { createAccount } = await gqlOk(
    url,
    `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id code } }`,
    {
      i: { name, timeZone: 'America/Los_Angeles' },
    },
    PLATFORM_KEY,
  );
  const accountId = createAccount.id as string;
  const { createApiKey: admin } = await gqlOk(
    url,
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
    {
      i: { accountId, role: 'ADMIN' },
    },
    PLATFORM_KEY,
  );
  const adminKey = admin.key as string;
  const { createCampaign } = await gqlOk(
    url,
    `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
    {
      i: {
        name: 'Auto',
        category: 'Auto Insurance',
        ...campaign,
        requiredFields: campaign.requiredFields ?? ['first', 'last', 'phone'],
        defaultPrice: campaign.defaultPrice ?? 12.5,
        status: campaign.status ?? 'ACTIVE',
      },
    },
    adminKey,
  );
  const { createSource } = await gqlOk(
    url,
    `mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } authKey } }`,
    {
      i: { name: 'Vendor' },
    },
    adminKey,
  );
  const sourceId = createSource.source.id as string;
  await gqlOk(
    url,
    `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
    {
      i: { sourceId, campaignId: createCampaign.id },
    },
    adminKey,
  );
  const { createApiKey: src } = await gqlOk(
    url,
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
    {
      i: { role: 'SOURCE', sourceId },
    },
    adminKey,
  );
  return {
    accountId,
    accountCode: createAccount.code,
    adminKey,
    campaignId: createCampaign.id,
    sourceId,
    sourceAuth: createSource.authKey,
    sourceKey: src.key,
  };
}

/** A new API key (`input` as createApiKey takes it), made with `key` (an ADMIN key, or the platform key with `accountId`). */
export async function newApiKey(url: string, input: Record<string, unknown>, key: string): Promise<string> {
  const { createApiKey } = await gqlOk(url, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: input }, key);
  return createApiKey.key as string;
}

export const SUBMIT = `mutation($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode message price priceCents leadId isTest } }`;
export const TEST_LEAD = `mutation($input: SubmitLeadInput!) { testLead(input: $input) { status reasonCode message price priceCents leadId isTest } }`;

let leadCounter = 0;
/** A unique, valid US phone number (the duplicate check would refuse a repeated one). */
export function uniquePhone(): string {
  const n = (process.pid * 7919 + Date.now() + ++leadCounter * 104729) % 8_000_000;
  const exchange = 200 + Math.floor(n / 10_000);
  return `(213) ${exchange}-${String(n % 10_000).padStart(4, '0')}`;
}

/** A complete, valid lead for `campaignId`, with a fresh email and phone. */
export function sampleLead(campaignId: string, extra: Record<string, unknown> = {}) {
  const n = ++leadCounter;
  return {
    campaignId,
    first: 'Ada',
    last: 'Lovelace',
    email: `Ada.Lovelace+${process.pid}.${Date.now()}.${n}@Example.com`,
    phone: uniquePhone(),
    address: '1 Main St',
    city: 'Los Angeles',
    state: 'ca',
    zip: '90012',
    ...extra,
  };
}

/** Every stage of the pipeline in order, and the structural ones a test lead runs. */
export const ALL_STAGES = [
  'source',
  'campaign-status',
  'campaign-period',
  'campaign-schedule',
  'required-fields',
  'email-format',
  'phone-format',
  'zip-format',
  'url-format',
  'contact-block',
  'tracking-block',
  'ip',
  'consent',
  'state-targeting',
  'zip-targeting',
  'conditions',
  'duplicates',
  'caps',
];
export const STRUCTURAL_STAGES = ['source', 'required-fields', 'email-format', 'phone-format', 'zip-format', 'url-format'];

/**
 * A DATABASE_URL for an empty database of the driver under test: a new SQLite file, or a new
 * PostgreSQL database next to DATABASE_URL's (dropped by the returned `drop`).
 */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) {
    return { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'leadgate-fresh-')), 'leadgate.sqlite')}`, drop: async () => undefined };
  }
  const { default: pg } = await import('pg');
  const base = new URL(process.env.DATABASE_URL);
  const name = `leadgate_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** POSTs an Opta body to /ca/submit; returns the status, the raw text and the parsed reply. */
export async function postOpta(url: string, body: Record<string, unknown> | string, contentType = 'application/json') {
  const res = await fetch(`${url}/ca/submit`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body:
      typeof body === 'string'
        ? body
        : contentType.startsWith('application/x-www-form-urlencoded')
          ? new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString()
          : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    reply: JSON.parse(text) as { leadStatus: boolean; reason: string; message: string; price: number; testLead?: boolean },
  };
}

/** The Opta body for a GraphQL-style lead of `t`'s campaign. */
export function optaBody(t: Tenant, lead: Record<string, unknown>): Record<string, unknown> {
  const {
    campaignId: _c,
    subId,
    affId,
    trustedFormCertUrl,
    jornayaLeadId,
    extra,
    ...fields
  } = lead as Record<string, unknown> & { extra?: Record<string, unknown> };
  return {
    compid: t.accountCode,
    sourceid: t.sourceId,
    campid: t.campaignId,
    auth: t.sourceAuth,
    ...fields,
    ...(extra ?? {}),
    ...(subId !== undefined ? { subid: subId } : {}),
    ...(affId !== undefined ? { affid: affId } : {}),
    ...(trustedFormCertUrl !== undefined ? { trustedform_cert_url: trustedFormCertUrl } : {}),
    ...(jornayaLeadId !== undefined ? { jornaya_leadid: jornayaLeadId } : {}),
  };
}

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts `leadgate serve` as a child process (from source, through tsx) and resolves once it
 * listens, with its URL and everything it printed so far. Pass EXPECT_BANNER to wait for the
 * demo banner too.
 */
export async function serveCli(
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: serverDir,
    // NODE_ENV as in production: vitest's "test" changes how libraries behave (Apollo's signal handling).
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
      MARKETPLACE_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${out}`)), 45_000);
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match && (!env.EXPECT_BANNER || out.includes('curl -s'))) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${out}`)));
  });
  return { child, url, output: () => out };
}
