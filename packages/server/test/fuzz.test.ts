import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { initOrm, migrate, type Orm } from '../src/db.js';
import { loggerOptions } from '../src/logging.js';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service.js';
import { createDialerTenant, type DialerTenant } from './dialer-fixtures.js';
import { createTenant, DRIVER, gqlOk, PLATFORM_KEY, testDatabase, type Tenant } from './helpers.js';
import { optInTenant, type OptInTenant } from './optin-fixtures.js';

/**
 * A bounded, seeded fuzz test of every door and of GraphQL: valid requests mutated in their
 * values (types, lengths, NUL, unpaired surrogates, control characters, prototype keys, nesting),
 * encodings and content types, methods, paths and headers. Each reply must be no 500, in the
 * door's documented shape; /healthz must stay quick; the log must hold no email, phone or key.
 *
 * FUZZ_SEED replays a run (the seed is printed); FUZZ_REQUESTS sets the requests per door
 * (default 400; the "few thousand": FUZZ_REQUESTS=3000).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PER_DOOR = Number(process.env.FUZZ_REQUESTS ?? 400);
const CONCURRENCY = 6;

/** mulberry32: small, fast, good enough to pick mutations, and replayable from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

/** Values that have broken gateways: wrong types, sizes, encodings, names of Object.prototype members. */
function nastyValue(r: Random): unknown {
  const cases: Array<() => unknown> = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1e308,
    () => 2 ** 53 + 1,
    () => 3.14159,
    () => Number.MAX_SAFE_INTEGER,
    () => '',
    () => ' ',
    () => '\u0000',
    () => `a\u0000b`,
    () => '\ud800',
    () => `x\udc00y`,
    () => '\u0001\u0002\u001f\u007f',
    () => '😀'.repeat(r.int(50) + 1),
    () => 'é'.normalize('NFD'),
    () => 'x'.repeat(r.pick([255, 256, 1000, 10_000, 70_000])),
    () => "'; drop table leads; --",
    () => '<script>alert(1)</script>',
    () => '%00%ZZ%C0%80',
    () => '../../etc/passwd',
    () => '{"a":1}',
    () => '[]',
    () => 'null',
    () => 'NaN',
    () => '-0',
    () => '1e999',
    () => '0x10',
    () => '2026-02-30T25:61:00Z',
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => ({ a: { b: { c: { d: { e: { f: { g: { h: { i: {} } } } } } } } } }),
    () => ({ __proto__: { polluted: true } }),
    () => JSON.parse('{"__proto__":{"x":1}}'),
    () => ({ constructor: 'x' }),
    () => Array.from({ length: r.int(300) }, (_, i) => i),
    () => 'constructor',
    () => '__proto__',
    () => 'toString',
  ];
  return r.pick(cases)();
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A copy of `body` with one to three values replaced, keys removed or odd keys added. */
function mutateObject(r: Random, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const keys = Object.keys(out);
    const roll = r.int(10);
    if (roll < 6 && keys.length) out[r.pick(keys)] = nastyValue(r);
    else if (roll < 7 && keys.length) delete out[r.pick(keys)];
    else if (roll < 9)
      Object.defineProperty(out, r.pick([...PROTO_KEYS, 'extra_field', 'Email', 'PHONE', 'x'.repeat(300)]), {
        value: nastyValue(r),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[`f${r.int(1000)}`] = nastyValue(r);
  }
  return out;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  note: string;
}

/** A body as the content type the request says, or a mismatched one. */
function encode(
  r: Random,
  value: unknown,
  preferred: 'json' | 'form' | 'xml',
): { type: string | null; body: string | Uint8Array; note: string } {
  const asForm = () =>
    new URLSearchParams(
      Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ]),
    ).toString();
  const roll = r.int(20);
  if (roll < 12) {
    if (preferred === 'form') return { type: 'application/x-www-form-urlencoded', body: asForm(), note: 'form' };
    if (preferred === 'xml') return { type: 'application/xml', body: toXml(value), note: 'xml' };
    return { type: 'application/json', body: JSON.stringify(value), note: 'json' };
  }
  const json = JSON.stringify(value) ?? 'null';
  const odd: Array<() => { type: string | null; body: string | Uint8Array; note: string }> = [
    () => ({ type: 'application/json', body: json.slice(0, r.int(json.length)), note: 'truncated json' }),
    () => ({ type: 'application/json', body: `${json}}`, note: 'json with trailing garbage' }),
    () => ({ type: 'application/json', body: '', note: 'empty json' }),
    () => ({
      type: 'application/json',
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]),
      note: 'invalid utf-8',
    }),
    () => ({ type: 'application/json; charset=utf-16', body: json, note: 'charset utf-16' }),
    () => ({ type: 'text/plain', body: json, note: 'text/plain' }),
    () => ({ type: 'multipart/form-data', body: 'a=1', note: 'multipart without boundary' }),
    () => ({
      type: 'multipart/form-data; boundary=XYZ',
      body: '--XYZ\r\nContent-Disposition: form-data; name="first"\r\n\r\nAda\r\n--XYZ--\r\n',
      note: 'multipart',
    }),
    () => ({
      type: 'multipart/form-data; boundary=XYZ',
      body: '--XYZ\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nx\r\n--XYZ--',
      note: 'multipart file',
    }),
    () => ({ type: 'application/x-www-form-urlencoded', body: `${asForm()}&%ZZ=1&a=%00&a=2`, note: 'form with bad escapes' }),
    () => ({ type: 'application/xml', body: `<a>${'<b>'.repeat(40)}x${'</b>'.repeat(40)}</a>`, note: 'deep xml' }),
    () => ({ type: 'application/xml', body: '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', note: 'xml entity' }),
    () => ({ type: 'application/x-yaml', body: 'a: 1', note: 'yaml' }),
    () => ({ type: null, body: json, note: 'no content type' }),
    () => ({ type: 'application/json', body: ' '.repeat(r.int(1000)) + json, note: 'padded json' }),
    () => ({ type: 'application/json', body: JSON.stringify([value, value]), note: 'json array' }),
  ];
  return r.pick(odd)();
}

function toXml(value: unknown): string {
  const el = (name: string, v: unknown): string => {
    const tag = /^[A-Za-z_][\w.-]*$/.test(name) ? name : 'x';
    if (Array.isArray(v)) return v.map((item) => el(tag, item)).join('');
    if (v && typeof v === 'object')
      return `<${tag}>${Object.entries(v)
        .map(([k, c]) => el(k, c))
        .join('')}</${tag}>`;
    return `<${tag}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${tag}>`;
  };
  return `<?xml version="1.0"?>${el('Request', value)}`;
}

/** The path with, sometimes, a NUL, a malformed escape, an over-long segment, a trailing slash or an extra segment. */
function mutatePath(r: Random, path: string): string {
  if (!r.chance(0.2)) return path;
  return r.pick([
    () => `${path}%00`,
    () => `${path}%ZZ`,
    () => `${path}/`,
    () => `${path}/extra`,
    () => path.replace(/\/([^/]+)$/, `/${'x'.repeat(3000)}`),
    () => path.replace(/\/([^/]+)$/, '/%C0%80'),
    () => `${path}?%ZZ=1&a[b]=2&a=3`,
    () => path.replace(/^\//, '//'),
    () => `${path}/..%2F..%2F`,
  ])();
}

/** One mutation of a seed request: its values, its encoding, sometimes its method or headers. */
function mutate(r: Random, seed: Seed): FuzzRequest {
  const value = r.chance(0.85) ? mutateObject(r, seed.body) : nastyValue(r);
  const encoded = encode(r, value, seed.encoding);
  const headers: Record<string, string> = { ...seed.headers };
  if (encoded.type) headers['content-type'] = encoded.type;
  let method = seed.method;
  if (r.chance(0.05)) method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  if (r.chance(0.1)) {
    const name = r.pick(['authorization', 'idempotency-key', 'x-request-id', 'x-omeda-appid', 'content-length-ish']);
    headers[name] = r.pick([
      '',
      'Bearer',
      'Bearer ' + 'x'.repeat(5000),
      'Bearer lgk_\u00ff',
      'Basic Zm9vOmJhcg==',
      'x'.repeat(8000),
      '..',
      '\t',
    ]);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(headers[name]!)) delete headers[name];
  }
  const path = mutatePath(r, seed.path);
  const body = method === 'GET' || method === 'HEAD' ? undefined : encoded.body;
  if (body === undefined) delete headers['content-type'];
  return { method, path, headers, body, note: `${method} ${path.slice(0, 80)} ${encoded.note}` };
}

interface Seed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  encoding: 'json' | 'form' | 'xml';
}

/** A door: its seed requests and the shapes its replies may take. */
interface Door {
  name: string;
  /** The paths that are the door's; a mutated path outside them may get the gateway's own JSON error. */
  paths: RegExp;
  seeds: Seed[];
  /** True when `reply` is one of the door's documented shapes. */
  shaped(reply: { status: number; type: string; text: string }, request: FuzzRequest): boolean;
}

const json = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const isGraphQLErrors = (body: any) =>
  Array.isArray(body?.errors) && body.errors.every((e: any) => typeof e.message === 'string' && typeof e.extensions?.code === 'string');

describe(`fuzz: no 500, every reply in its door's shape, /healthz quick, nothing personal logged (${DRIVER}, seed ${SEED}, ${PER_DOOR} per door)`, () => {
  const lines: string[] = [];
  let orm: Orm;
  let app: FastifyInstance;
  let url: string;
  let t: Tenant;
  let dialer: DialerTenant;
  let optin: OptInTenant;
  const approvals: { webhookId: string; instructionsToken: string; mappedWebhookId: string } = {
    webhookId: '',
    instructionsToken: '',
    mappedWebhookId: '',
  };

  beforeAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${PER_DOOR} requests per door`);
    orm = await initOrm(testDatabase());
    await migrate(orm);
    await new ApiKeyService().ensurePlatformAdmin(orm.em.fork(), PLATFORM_KEY);
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await createApp({
      orm,
      config: { logLevel: 'info', rateLimitPerMinute: 100_000, marketplaceRateLimitPerMinute: 100_000, deliveryWorkers: 0 },
      logger: { ...(loggerOptions({ logLevel: 'info' }) as object), stream },
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    t = await createTenant(url, { requiredFields: ['first', 'last', 'phone'] });
    dialer = await createDialerTenant(url);
    optin = await optInTenant(url);
    const { sources } = await gqlOk(url, `{ sources { id campaigns { id webhookId instructionsToken } } }`, {}, t.adminKey);
    const approval = sources[0].campaigns[0];
    approvals.webhookId = approval.webhookId;
    approvals.instructionsToken = approval.instructionsToken;
    // A second source whose webhook is mapped, so fuzzed posts reach the intake.
    const other = await gqlOk(url, `mutation { createSource(input: { name: "Mapped" }) { source { id } } }`, {}, t.adminKey);
    await gqlOk(
      url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: other.createSource.source.id, campaignId: t.campaignId } },
      t.adminKey,
    );
    const after = await gqlOk(url, `{ sources { id campaigns { id webhookId } } }`, {}, t.adminKey);
    const mapped = after.sources.find((s: { id: string }) => s.id === other.createSource.source.id).campaigns[0];
    approvals.mappedWebhookId = mapped.webhookId;
    await gqlOk(
      url,
      `mutation($sc: ID!, $m: [WebhookFieldMappingInput!]!) { mapWebhookFields(sourceCampaignId: $sc, mapping: $m) { id } }`,
      {
        sc: mapped.id,
        m: [
          { field: 'first', from: 'first' },
          { field: 'last', from: 'last' },
          { field: 'phone', from: 'phone' },
          { field: 'email', from: 'email' },
          { field: 'note', from: 'note' },
        ],
      },
      t.adminKey,
    );
    lines.length = 0;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await orm?.close();
  });

  /** The emails, phones and keys the requests carry: none may reach the log. */
  const EMAILS = ['fuzz.person@example.com', 'Fuzz.Other@Example.org'];
  const PHONES = ['2135550142', '(213) 555-0143'];
  const lead = (i: number) => ({
    first: 'Fuzz',
    last: 'Person',
    email: EMAILS[i % 2]!,
    phone: PHONES[i % 2]!,
    zip: '90012',
    state: 'CA',
    note: 'x',
  });

  function doors(): Door[] {
    const opta: Door = {
      name: '/ca/submit',
      paths: /^\/+ca\/submit/,
      seeds: [0, 1].map((i) => ({
        method: 'POST',
        path: '/ca/submit',
        headers: {},
        encoding: i ? 'form' : 'json',
        body: { compid: t.accountCode, sourceid: t.sourceId, campid: t.campaignId, auth: t.sourceAuth, ...lead(i) },
      })),
      shaped: ({ text }) => {
        const b = json(text);
        return (
          typeof b?.leadStatus === 'boolean' && typeof b.reason === 'string' && typeof b.message === 'string' && typeof b.price === 'number'
        );
      },
    };
    const webhookShape: Door['shaped'] = ({ text }) => {
      const b = json(text);
      return typeof b?.message === 'string' || typeof b?.leadStatus === 'boolean';
    };
    const webhook: Door = {
      name: '/webhook/:id',
      paths: /^\/+webhook/,
      seeds: [
        { method: 'POST', path: `/webhook/${approvals.mappedWebhookId}`, headers: {}, encoding: 'json', body: lead(0) },
        { method: 'POST', path: `/webhook/${approvals.mappedWebhookId}`, headers: {}, encoding: 'form', body: lead(1) },
        { method: 'POST', path: `/webhook/${approvals.webhookId}`, headers: {}, encoding: 'json', body: { contact: lead(0) } },
      ],
      shaped: webhookShape,
    };
    const marketplace: Door = {
      name: '/api/leads',
      paths: /^\/+api\/leads/,
      seeds: [
        {
          method: 'POST',
          path: '/api/leads',
          headers: { authorization: `Bearer ${t.sourceKey}` },
          encoding: 'json',
          body: {
            seller: t.accountCode,
            category: 'Auto Insurance',
            firstName: 'Fuzz',
            lastName: 'P',
            phone: PHONES[0]!,
            email: EMAILS[0]!,
            state: 'CA',
          },
        },
      ],
      shaped: ({ text }) => typeof json(text)?.success === 'boolean',
    };
    const dialerShape: Door['shaped'] = ({ text }) => typeof json(text)?.success === 'boolean';
    const dialerDoor: Door = {
      name: '/v1/leads/insert',
      paths: /^\/+v1\/leads/,
      seeds: [0, 1].map((i) => ({
        method: 'POST',
        path: '/v1/leads/insert',
        headers: {},
        encoding: i ? 'form' : 'json',
        body: {
          auth_token: dialer.adminKey,
          list_id: dialer.listId,
          phone_number: PHONES[i]!,
          first_name: 'Fuzz',
          email: EMAILS[i]!,
          notes: 'n',
        },
      })),
      shaped: dialerShape,
    };
    const dnc: Door = {
      name: '/v1/dnc/*',
      paths: /^\/+v1\/dnc/,
      seeds: ['insert', 'delete', 'search'].map((action) => ({
        method: 'POST',
        path: `/v1/dnc/${action}`,
        headers: {},
        encoding: 'form' as const,
        body: { auth_token: dialer.adminKey, phone_number: PHONES[0]!, campaign_id: 0 },
      })),
      shaped: dialerShape,
    };
    const omedaShape: Door['shaped'] = ({ text, status }) => {
      if (text.startsWith('<?xml')) return /<(Submission|SubmissionId)>|<Errors>|<Error>/.test(text) || status === 200;
      const b = json(text);
      return b !== undefined && typeof b === 'object' && ('Submission' in b || 'SubmissionId' in b || 'Errors' in b || status === 200);
    };
    const omeda: Door = {
      name: 'Omeda opt-in doors',
      paths: /^\/+webservices\/rest\//,
      seeds: [
        {
          method: 'POST',
          path: `/webservices/rest/client/${optin.slug}/optinfilterqueue/*`,
          headers: { 'x-omeda-appid': optin.appId },
          encoding: 'json',
          body: { DeploymentTypeOptIn: [{ EmailAddress: EMAILS[0]!, DeploymentTypeId: [4194] }] },
        },
        {
          method: 'POST',
          path: `/webservices/rest/client/${optin.slug}/optoutfilterqueue/*`,
          headers: { 'x-omeda-appid': optin.appId },
          encoding: 'xml',
          body: { DeploymentTypeOptOut: { EmailAddress: EMAILS[1]!, DeploymentTypeId: 4194 } },
        },
        {
          method: 'GET',
          path: `/webservices/rest/brand/XXG/filter/email/${encodeURIComponent(EMAILS[0]!)}/*`,
          headers: { 'x-omeda-appid': optin.appId },
          encoding: 'json',
          body: {},
        },
      ],
      shaped: omedaShape,
    };
    const zips: Door = {
      name: '/campaigns/:id/zips.csv',
      paths: /^\/+campaigns\//,
      seeds: [
        {
          method: 'PUT',
          path: `/campaigns/${t.campaignId}/zips.csv?mode=INCLUDE`,
          headers: { authorization: `Bearer ${t.adminKey}` },
          encoding: 'json',
          body: { zip: '90012' },
        },
        {
          method: 'GET',
          path: `/campaigns/${t.campaignId}/zips.csv`,
          headers: { authorization: `Bearer ${t.adminKey}` },
          encoding: 'json',
          body: {},
        },
      ],
      shaped: ({ text, type }) => type.startsWith('text/csv') || isGraphQLErrors(json(text)) || typeof json(text)?.campaignId === 'string',
    };
    const instructions: Door = {
      name: '/instructions/:token',
      paths: /^\/+instructions\//,
      seeds: [
        { method: 'GET', path: `/instructions/${approvals.instructionsToken}`, headers: {}, encoding: 'json', body: {} },
        { method: 'GET', path: `/instructions/${approvals.instructionsToken}.json`, headers: {}, encoding: 'json', body: {} },
        { method: 'GET', path: `/instructions/${approvals.instructionsToken}/zips.csv`, headers: {}, encoding: 'json', body: {} },
      ],
      shaped: ({ text, type }) =>
        type.startsWith('text/html') || type.startsWith('text/csv') || (json(text) !== undefined && typeof json(text) === 'object'),
    };
    const graphql: Door = {
      name: 'GraphQL',
      paths: /^\/+graphql/,
      seeds: graphqlSeeds().map((body) => ({
        method: 'POST',
        path: '/graphql',
        headers: { authorization: `Bearer ${body.key}` },
        encoding: 'json' as const,
        body: body.payload,
      })),
      shaped: ({ text }) => {
        const b = json(text);
        return b !== undefined && (b.data !== undefined || isGraphQLErrors(b)) && (b.errors === undefined || isGraphQLErrors(b));
      },
    };
    return [opta, webhook, marketplace, dialerDoor, dnc, omeda, zips, instructions, graphql];
  }

  function graphqlSeeds(): Array<{ key: string; payload: Record<string, unknown> }> {
    const submit = `mutation($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode leadId } }`;
    const input = { campaignId: t.campaignId, ...lead(0), extra: { note: 'x' } };
    return [
      { key: t.sourceKey, payload: { query: submit, variables: { input } } },
      {
        key: t.sourceKey,
        payload: {
          query: `query($input: SubmitLeadInput!) { explainLead(input: $input) { stages { stage outcome } } }`,
          variables: { input },
        },
      },
      { key: t.adminKey, payload: { query: `query($id: ID!) { lead(id: $id) { id email phone } }`, variables: { id: 'lead_x' } } },
      {
        key: t.adminKey,
        payload: {
          query: `query($n: Int, $f: LeadFilter) { leads(first: $n, filter: $f) { totalCount nodes { id } } }`,
          variables: { n: 5, f: { campaignId: t.campaignId } },
        },
      },
      {
        key: t.adminKey,
        payload: {
          query: `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }`,
          variables: { i: { role: 'READER', name: 'fuzz' } },
        },
      },
      {
        key: t.adminKey,
        payload: {
          query: `mutation($c: ID!, $z: [String!]) { setZipTargeting(campaignId: $c, mode: INCLUDE, zips: $z) { zipCount } }`,
          variables: { c: t.campaignId, z: ['90012'] },
        },
      },
      {
        key: t.adminKey,
        payload: { query: `query($f: LeadFilter) { leadStats(filter: $f) { total } }`, variables: { f: { campaignId: t.campaignId } } },
      },
      { key: optin.adminKey, payload: { query: `query($e: String!) { optInStatus(email: $e) { status } }`, variables: { e: EMAILS[0] } } },
    ];
  }

  /** A GraphQL request mutated in its variables, its document or its envelope. */
  function mutateGraphQL(r: Random, seed: Seed): FuzzRequest {
    const payload = { ...seed.body } as { query: string; variables: Record<string, unknown>; [k: string]: unknown };
    const roll = r.int(10);
    if (roll < 5) {
      const variables = { ...payload.variables };
      const name = r.pick(Object.keys(variables));
      const value = variables[name];
      variables[name] =
        value && typeof value === 'object' && !Array.isArray(value) && r.chance(0.7)
          ? mutateObject(r, value as Record<string, unknown>)
          : nastyValue(r);
      payload.variables = variables;
    } else if (roll < 7) {
      const q = payload.query;
      payload.query = r.pick([
        () => q.slice(0, r.int(q.length)),
        () => q.replace(/\{ /, `{ ${'a: __typename '.repeat(r.int(40))}`),
        () => q.replace(/\}$/, ` ${'x: __typename @skip(if: false) '.repeat(r.int(60))}}`),
        () => `${q} query Other { __schema { types { name } } }`,
        () => q.replace(/\(/, '($extra: Int, '),
        () => '{'.repeat(r.int(500)),
        () => q.replace('$', '$\u0000'),
        () => `${'fragment F on Query { __typename } '.repeat(r.int(20))}${q}`,
        () => q.replace(/[A-Za-z]+/, 'nonExistentField'),
      ])();
    } else if (roll < 9) {
      Object.assign(
        payload,
        r.pick([
          () => ({ operationName: r.pick(['', 'Nope', '\u0000', 123]) }),
          () => ({ extensions: { persistedQuery: { version: 1, sha256Hash: r.pick(['abc', '', 5]) } } }),
          () => ({ variables: r.pick(['not an object', [1, 2], null, 5]) }),
          () => ({ query: r.pick([null, 5, ['a'], { a: 1 }]) }),
        ])(),
      );
    } else {
      const encoded = encode(r, payload, 'json');
      return {
        method: 'POST',
        path: '/graphql',
        headers: { ...seed.headers, ...(encoded.type ? { 'content-type': encoded.type } : {}) },
        body: encoded.body,
        note: `graphql ${encoded.note}`,
      };
    }
    if (r.chance(0.05)) {
      return {
        method: 'GET',
        path: `/graphql?${new URLSearchParams({ query: String(payload.query), variables: JSON.stringify(payload.variables) ?? '' })}`,
        headers: { ...seed.headers, 'apollo-require-preflight': 'true' },
        note: 'graphql GET',
      };
    }
    return {
      method: 'POST',
      path: '/graphql',
      headers: { ...seed.headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      note: `graphql ${roll < 5 ? 'variables' : roll < 7 ? 'document' : 'envelope'}`,
    };
  }

  it('every door and GraphQL', async () => {
    const failures: string[] = [];
    const healthz: number[] = [];
    let sent = 0;
    for (const [index, door] of doors().entries()) {
      const r = random(SEED + index * 7919);
      const queue = Array.from({ length: PER_DOOR }, () => {
        const seed = r.pick(door.seeds);
        return door.name === 'GraphQL' ? mutateGraphQL(r, seed) : mutate(r, seed);
      });
      const worker = async () => {
        for (let request = queue.shift(); request; request = queue.shift()) {
          let reply: { status: number; type: string; text: string };
          try {
            const res = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
            reply = { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
          } catch (error) {
            failures.push(`[${door.name}] ${request.note}: the request failed: ${(error as Error).message}`);
            continue;
          }
          sent++;
          if (reply.status >= 500) failures.push(`[${door.name}] ${request.note}: ${reply.status} ${reply.text.slice(0, 200)}`);
          else if (
            request.method !== 'HEAD' &&
            !door.shaped(reply, request) &&
            !(isGraphQLErrors(json(reply.text)) && !door.paths.test(request.path))
          )
            failures.push(
              `[${door.name}] ${request.note}: not in the door's shape: ${reply.status} ${reply.type} ${reply.text.slice(0, 200)}`,
            );
          if (sent % 100 === 0) {
            const started = performance.now();
            const health = await fetch(`${url}/healthz`);
            healthz.push(performance.now() - started);
            if (health.status !== 200) failures.push(`/healthz answered ${health.status}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }
    const errorLines = () => lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} failures; error log: ${errorLines().slice(0, 3).join('\n')}`).toEqual(
      [],
    );
    expect(sent).toBe(PER_DOOR * 9);
    // Measured between fuzzed requests still in flight: quick, not instant.
    expect(Math.max(...healthz), `seed ${SEED}: /healthz took ${healthz.map(Math.round).join(', ')} ms`).toBeLessThan(500);

    expect(errorLines().slice(0, 5), `seed ${SEED}: error log lines`).toEqual([]);
    const log = lines.join('\n').toLowerCase();
    const secrets = [
      ...EMAILS,
      ...PHONES.map((p) => p.replace(/\D/g, '')),
      '555-0143',
      t.sourceKey,
      t.adminKey,
      t.sourceAuth,
      dialer.adminKey,
      optin.appId,
      PLATFORM_KEY,
      approvals.webhookId,
      approvals.mappedWebhookId,
      approvals.instructionsToken,
    ];
    for (const secret of secrets) {
      const line = lines.find((l) => l.toLowerCase().includes(secret.toLowerCase()));
      expect(line === undefined, `seed ${SEED}: the log holds ${secret}: ${line}`).toBe(true);
    }
  }, 600_000);
});
