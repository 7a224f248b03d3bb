import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { initOrm, migrate, type Orm } from '../src/db.js';
import { loggerOptions } from '../src/logging.js';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service.js';
import { createDialerTenant, type DialerTenant } from './dialer-fixtures.js';
import { createTenant, DRIVER, gqlOk, PLATFORM_KEY, testDatabase, type Tenant } from './helpers.js';
import {
  type Door,
  type FuzzRequest,
  isGraphQLErrors,
  json,
  mutate,
  nastyValue,
  random,
  type Seed,
  encode,
  mutateObject,
  type Random,
} from './fuzz-inputs.js';
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
