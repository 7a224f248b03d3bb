import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { checkOperationCost, graphqlLimitsOf, limitValidationRules } from '../src/graphql-limits/index.js';
import type { RunningGateway } from '../src/main.js';
import {
  createTenant,
  DRIVER,
  gql,
  gqlOk,
  PLATFORM_KEY,
  sampleLead,
  startTestGateway,
  SUBMIT,
  testDatabase,
  type Tenant,
} from './helpers.js';

const DEFAULTS = graphqlLimitsOf(loadConfig({}));

interface Timed {
  status: number;
  ms: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }> };
  bytes: number;
}

async function timedPost(url: string, body: unknown, key?: string): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, body: JSON.parse(text) as Timed['body'], bytes: text.length };
}

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe(`GraphQL limits: the attacks of issue 12 are refused quickly (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let readerKey: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey);
    readerKey = createApiKey.key;
    for (let i = 0; i < 20; i++) await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
  });
  afterAll(() => gw.close());

  it('1,000 aliases of leads(first: 500) with a SOURCE key: GRAPHQL_VALIDATION_FAILED naming the limit, while /healthz stays under 100 ms', async () => {
    // The 40 KB document is over the token limit, so parsing stops there; the alias limit is tested below.
    const attack = aliases(1000, 'leads(first: 500) { nodes { id } }');
    expect(attack.length).toBeGreaterThan(35_000);
    const health: number[] = [];
    await fetch(`${gw.url}/healthz`);
    // Twenty attacks, four at a time, while /healthz is asked ten times. The gateway runs in this
    // process, so a probe's time includes the test's own work: the median is the figure.
    const attacks = Array.from({ length: 20 }, () => () => timedPost(gw.url, { query: attack }, t.sourceKey));
    const replies: Timed[] = [];
    const attacking = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = attacks.shift(); next; next = attacks.shift()) replies.push(await next());
      }),
    );
    const probing = (async () => {
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
        health.push(performance.now() - started);
      }
    })();
    await Promise.all([attacking, probing]);
    for (const r of replies) {
      expect(r.status).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors![0]).toMatchObject({
        message: `Syntax Error: Token limit of ${DEFAULTS.maxTokens} exceeded (GRAPHQL_MAX_TOKENS); parsing stopped there.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      expect(r.bytes).toBeLessThan(1000);
      expect(r.ms).toBeLessThan(1000);
    }
    health.sort((a, b) => a - b);
    expect(health[5]!, `/healthz took ${health.map(Math.round).join(', ')} ms`).toBeLessThan(100);
    expect(health[9]!).toBeLessThan(500);
  });

  it('1,000 aliased leadStats with a READER key and 1,000 aliased explainLead with no key are refused the same way', async () => {
    const stats = await timedPost(gw.url, { query: aliases(1000, 'leadStats { total }') }, readerKey);
    const explain = await timedPost(gw.url, {
      query: `query($i: SubmitLeadInput!) ${aliases(1000, 'explainLead(input: $i) { __typename }')}`,
      variables: { i: sampleLead(t.campaignId) },
    });
    for (const r of [stats, explain]) {
      expect(r.status).toBe(400);
      expect(r.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.errors![0]!.message).toMatch(/Token limit of \d+ exceeded/);
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it('aliases over the limit in a document under the token limit: refused by the alias limit, naming it', async () => {
    const over = await timedPost(gw.url, { query: aliases(DEFAULTS.maxAliases + 1, 'leadStats { total }') }, readerKey);
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([
      {
        message: `Syntax Error: Aliases limit of ${DEFAULTS.maxAliases} exceeded, found ${DEFAULTS.maxAliases + 1}.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    const within = await timedPost(gw.url, { query: aliases(DEFAULTS.maxAliases, 'leadStats { total }') }, readerKey);
    expect(within.body.errors).toBeUndefined();
    expect(Object.keys(within.body.data!)).toHaveLength(DEFAULTS.maxAliases);
  });

  it('a 550 KB document of 20,000 operations is refused by the token limit while parsing, before any key is looked at', async () => {
    const document = Array.from({ length: 20_000 }, (_, i) => `query q${i} { campaigns { id } }`).join('\n');
    expect(document.length).toBeGreaterThan(550_000);
    const r = await timedPost(gw.url, { query: document, operationName: 'q1' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        message: `Syntax Error: Token limit of ${DEFAULTS.maxTokens} exceeded (GRAPHQL_MAX_TOKENS); parsing stopped there.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(r.ms).toBeLessThan(500);
  });

  it('refuses too deep a selection and too many directives, naming each limit', async () => {
    let nested = 'campaigns { id }';
    for (let i = 0; i < DEFAULTS.maxDepth; i++) nested = `... on Query { ${nested} }`;
    const deep = await timedPost(gw.url, { query: `{ ${nested} }` }, t.adminKey);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0]!.message).toMatch(
      new RegExp(`^Syntax Error: Query depth limit of ${DEFAULTS.maxDepth} exceeded, found \\d+\\.$`),
    );
    expect(deep.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const directives = await timedPost(
      gw.url,
      { query: `{ campaigns { ${'id @skip(if: false) '.repeat(DEFAULTS.maxDirectives + 1)} } }` },
      t.adminKey,
    );
    expect(directives.status).toBe(400);
    expect(directives.body.errors![0]!.message).toBe(
      `Syntax Error: Directives limit of ${DEFAULTS.maxDirectives} exceeded, found ${DEFAULTS.maxDirectives + 1}.`,
    );
    const fine = await timedPost(
      gw.url,
      { query: `{ campaigns { ${'id @skip(if: false) '.repeat(DEFAULTS.maxDirectives)} } }` },
      t.adminKey,
    );
    expect(fine.body.errors).toBeUndefined();
  });

  it('an anonymous caller is refused before any lookup: an existing lead id and a missing one get the same answer', async () => {
    const { leads } = await gqlOk(gw.url, `{ leads(first: 1) { nodes { id } } }`, {}, t.adminKey);
    const existing = await timedPost(gw.url, {
      query: `query($id: ID!) { lead(id: $id) { id email } }`,
      variables: { id: leads.nodes[0].id },
    });
    const missing = await timedPost(gw.url, { query: `query($id: ID!) { lead(id: $id) { id email } }`, variables: { id: 'lead_missing' } });
    for (const r of [existing, missing]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({
        errors: [{ message: 'A valid API key is required: send Authorization: Bearer <key>', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const wrongKey = await timedPost(gw.url, { query: `{ campaigns { id } }` }, 'lgk_not_a_key_of_ours_at_all');
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.errors![0]!.message).toBe('Invalid API key: it is unknown or revoked');
    // The lead doors stay open to source credentials.
    const anonymous = await gql(gw.url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: t.sourceId, sourceAuth: t.sourceAuth } });
    expect(anonymous.data?.submitLead.status).toBe('ACCEPTED');
    // Meta fields need no key.
    expect((await timedPost(gw.url, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe(`GraphQL limits: cost, deadline, reply size, introspection and suggestions follow their settings (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  const database = testDatabase();

  beforeAll(async () => {
    // Set up with the defaults, then restart on the same database with strict settings.
    const setup = await startTestGateway({ database });
    t = await createTenant(setup.url);
    for (let i = 0; i < 30; i++) await gqlOk(setup.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    await setup.close();
    gw = await startTestGateway({
      database,
      graphqlMaxCost: 2000,
      graphqlMaxResponseBytes: 2048,
      graphqlMaxAliases: 100,
      graphqlIntrospection: false,
      graphqlFieldSuggestions: false,
    });
  });
  afterAll(() => gw.close());

  it('an operationName that names no operation is a 400, not a 500 (the deadline plugin sees no operation)', async () => {
    const r = await timedPost(gw.url, { query: '{ __typename }', operationName: 'Nope' }, t.adminKey);
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.message).toBe('Unknown operation named "Nope".');
  });

  it('page sizes multiply into the cost: first: 500 is refused where first: 10 passes, from a literal or a variable', async () => {
    // 500 × (1 + nodes: 1 + 3 fields) = 2,500 against 10 × 5 = 50.
    const query = `query($n: Int) { leads(first: $n) { nodes { id status email } } }`;
    const small = await timedPost(gw.url, { query, variables: { n: 10 } }, t.adminKey);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data!.leads.nodes).toHaveLength(10);
    const big = await timedPost(gw.url, { query, variables: { n: 500 } }, t.adminKey);
    expect(big.status).toBe(400);
    expect(big.body.errors).toEqual([
      {
        message: 'Syntax Error: Query Cost limit of 2000 exceeded, found 2500. Ask for smaller pages (first) or fewer fields.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect((await timedPost(gw.url, { query: `{ leads(first: 500) { nodes { id status email } } }` }, t.adminKey)).status).toBe(400);
    // A refused operation spends no budget and runs nothing.
    expect(big.bytes).toBeLessThan(500);
  });

  it('an operation past its deadline fails its remaining fields with DEADLINE_EXCEEDED', async () => {
    // Each explainLead runs every stage of the pipeline. How long 300 of them take depends on the
    // machine, so the deadline is a third of what they take here without one. On PostgreSQL they
    // all start at once and finish one by one, so the check that fails is the one before each
    // decision's status is read.
    const query = `query($i: SubmitLeadInput!) ${aliases(300, 'explainLead(input: $i) { decision { status } }')}`;
    const variables = { i: sampleLead(t.campaignId) };
    const unbounded = await startTestGateway({ database, graphqlMaxAliases: 300 });
    let fullMs: number;
    try {
      await timedPost(unbounded.url, { query, variables }, t.sourceKey);
      const full = await timedPost(unbounded.url, { query, variables }, t.sourceKey);
      expect(full.body.errors).toBeUndefined();
      fullMs = full.ms;
    } finally {
      await unbounded.close();
    }
    const deadlineMs = Math.max(5, Math.round(fullMs / 3));
    const strict = await startTestGateway({ database, graphqlDeadlineMs: deadlineMs, graphqlMaxAliases: 300 });
    try {
      const one = `query($i: SubmitLeadInput!) { explainLead(input: $i) { decision { status } } }`;
      for (let i = 0; i < 3; i++) await timedPost(strict.url, { query: one, variables }, t.sourceKey);
      const r = await timedPost(strict.url, { query, variables }, t.sourceKey);
      const errors = r.body.errors ?? [];
      // The fields resolved before the deadline have no error; the others all have this one.
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.length).toBeLessThan(300);
      expect(new Set(errors.map((e) => e.extensions?.code))).toEqual(new Set(['DEADLINE_EXCEEDED']));
      expect(errors[0]!.message).toBe(
        `The operation ran past its deadline of ${deadlineMs} ms (GRAPHQL_DEADLINE_MS); its remaining fields were not resolved`,
      );
      expect(r.ms).toBeLessThan(deadlineMs + 3000);
    } finally {
      await strict.close();
    }
  });

  it('a mutation that runs past the deadline still returns what it did (a stored lead is acknowledged)', async () => {
    const strict = await startTestGateway({ database, graphqlDeadlineMs: 10 });
    try {
      // 40,000 zips take well over 10 ms to store; the reply must still say what was stored.
      const csv = `zip\n${Array.from({ length: 40_000 }, (_, i) => String(10_000 + i)).join('\n')}`;
      const r = await timedPost(
        strict.url,
        {
          query: `mutation($c: ID!, $csv: String) { setZipTargeting(campaignId: $c, mode: INCLUDE, csv: $csv) { zipCount zipMode } }`,
          variables: { c: t.campaignId, csv },
        },
        t.adminKey,
      );
      expect(r.ms).toBeGreaterThan(10);
      expect(r.body).toEqual({ data: { setZipTargeting: { zipCount: 40_000, zipMode: 'INCLUDE' } } });
    } finally {
      await strict.close();
    }
  });

  it('a reply over the size cap is replaced by RESPONSE_TOO_LARGE', async () => {
    const r = await timedPost(gw.url, { query: `{ leads(first: 20) { nodes { id email phone first last city } } }` }, t.adminKey);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: null,
      errors: [
        {
          message: 'The reply is larger than the limit of 2048 bytes (GRAPHQL_MAX_RESPONSE_BYTES); ask for fewer fields or smaller pages',
          extensions: { code: 'RESPONSE_TOO_LARGE' },
        },
      ],
    });
    const small = await timedPost(gw.url, { query: `{ leads(first: 2) { nodes { id } } }` }, t.adminKey);
    expect(small.body.data!.leads.nodes).toHaveLength(2);
  });

  it('introspection off and no "Did you mean" when so configured', async () => {
    const introspection = await timedPost(gw.url, { query: getIntrospectionQuery() }, t.adminKey);
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await timedPost(gw.url, { query: '{ campaignz { id } }' }, t.adminKey);
    expect(typo.body.errors![0]!.message).toBe('Cannot query field "campaignz" on type "Query".');
  });

  it('with the defaults, introspection and suggestions are on outside production', async () => {
    const config = loadConfig({});
    expect([config.graphqlIntrospection, config.graphqlFieldSuggestions]).toEqual([true, true]);
    const production = loadConfig({ NODE_ENV: 'production' });
    expect([production.graphqlIntrospection, production.graphqlFieldSuggestions]).toEqual([false, false]);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
    const open = await startTestGateway();
    try {
      const introspection = await timedPost(open.url, { query: getIntrospectionQuery() }, PLATFORM_KEY);
      expect(introspection.body.errors).toBeUndefined();
      expect(introspection.body.data!.__schema.queryType.name).toBe('Query');
      const typo = await timedPost(open.url, { query: '{ campaignz { id } }' }, PLATFORM_KEY);
      expect(typo.body.errors![0]!.message).toMatch(/Did you mean "campaign" or "campaigns"\?/);
    } finally {
      await open.close();
    }
  });
});

describe("GraphQL limits: the defaults let the SDK's operations (at their largest pages) and GraphiQL's introspection through", () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const schema = buildSchema(readFileSync(`${root}schema/schema.graphql`, 'utf8'));
  const operationsDir = `${root}sdk/src/operations/`;
  const source = readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => readFileSync(operationsDir + f, 'utf8'))
    .join('\n');
  const document = parse(source);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

  it('every operation is within the token, depth, alias, directive and cost limits', () => {
    expect(operations.length).toBeGreaterThan(50);
    const costs: Record<string, number> = {};
    for (const operation of operations) {
      const name = operation.name!.value;
      const single = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as const;
      expect(() => parse(source, { maxTokens: DEFAULTS.maxTokens }), name).not.toThrow();
      const errors = validate(schema, single, [
        ...specifiedRules.filter((r) => r.name !== 'NoUnusedFragmentsRule'),
        ...limitValidationRules(DEFAULTS),
      ]);
      expect(
        errors.map((e) => e.message),
        name,
      ).toEqual([]);
      const variables = largestPageVariables(schema, operation);
      costs[name] = checkOperationCost({ schema, document: single, operation, operationName: name, variables }, DEFAULTS.maxCost)!;
      expect(costs[name], name).toBeGreaterThan(0);
    }
    // The lists at their largest pages are the expensive ones, and still pass.
    expect(costs.leads).toBeGreaterThan(costs.lead! * 100);
  });

  it("GraphiQL's introspection query passes the limits", () => {
    const introspection = parse(getIntrospectionQuery(), { maxTokens: DEFAULTS.maxTokens });
    expect(validate(schema, introspection, [...specifiedRules, ...limitValidationRules(DEFAULTS)])).toEqual([]);
  });
});

/** Variables for an operation: page sizes at the largest its field's description allows ("at most 500"), others a valid dummy. */
function largestPageVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const rootType = schema.getRootType(operation.operation)!;
  const pageSizes: Record<string, number> = {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    for (const arg of selection.arguments ?? []) {
      const definition = rootType.getFields()[selection.name.value]?.args.find((a) => a.name === arg.name.value);
      const most = /(?:at most|to) ([\d,]+)/i.exec(definition?.description ?? '');
      if (['first', 'last', 'limit'].includes(arg.name.value) && arg.value.kind === Kind.VARIABLE && most)
        pageSizes[arg.value.name.value] = Number(most[1]!.replace(/,/g, ''));
    }
  }
  const dummy = (type: GraphQLInputType): unknown => {
    if (isNonNullType(type)) return dummy(type.ofType);
    if (isListType(type)) return [dummy(type.ofType)];
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues()[0]!.value;
    if (isInputObjectType(named)) {
      return Object.fromEntries(
        Object.values(named.getFields())
          .filter((f) => isNonNullType(f.type))
          .map((f) => [f.name, dummy(getNullableType(f.type) as GraphQLInputType)]),
      );
    }
    return ({ Int: 1, Float: 1, Boolean: true } as Record<string, unknown>)[named.name] ?? '2026-01-01T00:00:00Z';
  };
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    variables[name] =
      pageSizes[name] ??
      (definition.type.kind === Kind.NON_NULL_TYPE ? dummy(typeFromAST(schema, definition.type) as GraphQLInputType) : undefined);
  }
  return variables;
}
