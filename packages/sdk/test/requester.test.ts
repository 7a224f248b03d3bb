import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { buildSchema, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createClient,
  InvalidInputError,
  NotFoundError,
  RateLimitError,
  type LeadgateClientOptions,
} from '../src/index.js';
import {
  createRequestWrapper,
  DEFAULT_MAX_RETRY_AFTER_MS,
  IDEMPOTENT_MUTATIONS,
  INITIAL_RETRY_DELAY_MS,
  MAX_RETRY_DELAY_MS,
  retryDelayMs,
  shouldRetry,
} from '../src/requester.js';
import { AuthenticationError, LeadgateError } from '../src/errors.js';

/** One canned reply of the fake gateway. `hang` never answers (for timeouts). */
type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

interface Received {
  headers: IncomingHttpHeaders;
  body: { operationName: string; variables: unknown };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const DECISION = { status: 'ACCEPTED', reasonCode: null, message: '', price: 12.5, priceCents: 1250, leadId: 'lead_1', isTest: false };
const ok = (data: unknown): Reply => ({ status: 200, body: { data } });
const unavailable: Reply = { status: 503, body: 'upstream unavailable', headers: { 'content-type': 'text/plain' } };
const graphQLError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Reply => ({
  status,
  body: { errors: [{ message, extensions: { code, ...extra } }], data: null },
  headers,
});

// A tiny stand-in for the gateway on 127.0.0.1: it answers from `replies` in order (the last one
// repeats) and records every request. No keep-alive, so no test inherits another's socket.
let server: Server;
let url: string;
let replies: Reply[] = [];
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) as Received['body'] });
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      if (reply === 'hang') return;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'x-request-id': `req-${received.length}`,
        connection: 'close',
        ...reply.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterEach(() => {
  replies = [];
  received = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const client = (options: Partial<LeadgateClientOptions> = {}) => createClient({ url, apiKey: 'lgk_unit_test_key', ...options });
const submit = (options: Partial<LeadgateClientOptions> = {}) => client(options).submitLead({ input: { campaignId: 'cmp_1' } });

/** Runs `call` and returns what it rejected with; fails if it resolved. */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('retries and idempotency over HTTP', () => {
  it('retries a mutation after two 503s, sending the same Idempotency-Key each time', async () => {
    replies = [unavailable, unavailable, ok({ submitLead: DECISION })];
    const started = Date.now();

    await expect(submit()).resolves.toEqual(DECISION);

    expect(received).toHaveLength(3);
    const keys = received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(received.every((r) => r.headers.authorization === 'Bearer lgk_unit_test_key')).toBe(true);
    expect(received.every((r) => r.body.operationName === 'submitLead')).toBe(true);
    // Backoff: at least 500 ms, then at least 1000 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(INITIAL_RETRY_DELAY_MS * 3 - 50);
  });

  it('gives each mutation call its own key, and uses the one the caller passes', async () => {
    replies = [ok({ submitLead: DECISION })];
    const leadgate = client();
    await leadgate.submitLead({ input: { campaignId: 'cmp_1' } });
    await leadgate.submitLead({ input: { campaignId: 'cmp_1' } });
    await leadgate.submitLead({ input: { campaignId: 'cmp_1' } }, { idempotencyKey: 'order-42' });

    const [first, second, third] = received.map((r) => r.headers['idempotency-key']);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
    expect(third).toBe('order-42');
  });

  it('keeps the caller key across retries', async () => {
    replies = [unavailable, ok({ submitLead: DECISION })];
    await client().submitLead({ input: { campaignId: 'cmp_1' } }, { idempotencyKey: 'order-43' });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['order-43', 'order-43']);
  });

  it('sends no Idempotency-Key with a query, and retries it on 503 as well', async () => {
    replies = [unavailable, ok({ campaigns: [] })];
    await expect(client().campaigns()).resolves.toEqual([]);
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it.each([
    ['HTTP 400', 400],
    ['a GraphQL error in an HTTP 200', 200],
  ])('does not retry BAD_USER_INPUT (%s)', async (_label, status) => {
    replies = [graphQLError(status, 'BAD_USER_INPUT', 'campaignId is required', { field: 'campaignId' }), ok({ submitLead: DECISION })];

    const error = await rejection(submit());

    expect(received).toHaveLength(1);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      status,
      field: 'campaignId',
      message: 'campaignId is required',
      requestId: 'req-1',
      operationName: 'submitLead',
    });
  });

  it('does not retry NOT_FOUND or UNAUTHENTICATED', async () => {
    replies = [graphQLError(200, 'NOT_FOUND', 'Campaign not found')];
    await expect(client().campaign({ id: 'cmp_x' })).rejects.toBeInstanceOf(NotFoundError);
    replies = [graphQLError(200, 'UNAUTHENTICATED', 'A valid API key is required')];
    await expect(client().campaign({ id: 'cmp_x' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(received).toHaveLength(2);
  });

  it('stops after maxRetries and throws the last error', async () => {
    replies = [unavailable];
    const error = await rejection(submit({ maxRetries: 1 }));
    expect(received).toHaveLength(2);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'INTERNAL_SERVER_ERROR', requestId: 'req-2' });
  });

  it('never retries with maxRetries 0, client-wide or per call', async () => {
    replies = [unavailable];
    await expect(submit({ maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    await expect(client().submitLead({ input: { campaignId: 'cmp_1' } }, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(2);
  });

  it('retries a 429 after its Retry-After, and hands over one longer than the cap', async () => {
    replies = [graphQLError(429, 'RATE_LIMITED', 'Slow down', {}, { 'retry-after': '0' }), ok({ submitLead: DECISION })];
    await expect(submit()).resolves.toEqual(DECISION);
    expect(received).toHaveLength(2);

    received = [];
    replies = [{ status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'retry-after': '61' } }];
    const error = await rejection(submit());
    expect(received).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 61_000 });
  });

  it('waits out a Retry-After longer than the backoff cap, up to maxRetryAfterMs', async () => {
    const limited = (seconds: string) => graphQLError(429, 'RATE_LIMITED', 'Slow down', {}, { 'retry-after': seconds });
    replies = [limited('1'), ok({ submitLead: DECISION })];
    const started = Date.now();
    await expect(submit({ maxRetryAfterMs: 1000 })).resolves.toEqual(DECISION);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(received).toHaveLength(2);

    received = [];
    replies = [limited('1')];
    const error = await rejection(client().submitLead({ input: { campaignId: 'cmp_1' } }, { maxRetryAfterMs: 999 }));
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
    expect(() => client({ maxRetryAfterMs: -1 })).toThrow('maxRetryAfterMs must be an integer from 0 to 3600000');
  });

  it('times out a hanging attempt and reports a ConnectionError', async () => {
    replies = ['hang'];
    const error = await rejection(submit({ timeoutMs: 100, maxRetries: 0 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR', status: undefined });
    expect((error as Error).message).toContain('timed out');
  });

  it('retries when nothing listens, then throws ConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    let attempts = 0;
    const countingFetch: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const leadgate = createClient({ url: `http://127.0.0.1:${port}`, apiKey: 'k', fetch: countingFetch, maxRetries: 1 });
    const error = await rejection(leadgate.accounts());
    expect(attempts).toBe(2);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`http://127.0.0.1:${port}/graphql`);
  });

  it('stops retrying once the caller aborts, rejecting with their reason', async () => {
    replies = [unavailable];
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 100);
    const error = await rejection(client().submitLead({ input: { campaignId: 'cmp_1' } }, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(received).toHaveLength(1);
  });
});

describe('retry policy', () => {
  const status = (code: number) => new ApiError({ message: 'x', code: 'INTERNAL_SERVER_ERROR', status: code });

  it.each([
    ['a connection error', new ConnectionError({ message: 'x', code: 'CONNECTION_ERROR' }), true],
    ['a rate limit', new RateLimitError({ message: 'x', code: 'RATE_LIMITED', status: 429 }), true],
    ['HTTP 500', status(500), true],
    ['HTTP 502', status(502), true],
    ['HTTP 503', status(503), true],
    ['INTERNAL_SERVER_ERROR in an HTTP 200', status(200), false],
    ['BAD_USER_INPUT', new InvalidInputError({ message: 'x', code: 'BAD_USER_INPUT', status: 400 }), false],
    ['UNAUTHENTICATED', new AuthenticationError({ message: 'x', code: 'UNAUTHENTICATED', status: 200 }), false],
    ['NOT_FOUND', new NotFoundError({ message: 'x', code: 'NOT_FOUND', status: 200 }), false],
  ])('retry on %s: %s', (_label, error, expected) => {
    expect(shouldRetry(error)).toBe(expected);
  });

  it('retries a mutation not declared @idempotent only when the gateway proves it did nothing (429, 503)', () => {
    expect(shouldRetry(new ConnectionError({ message: 'reset', code: 'CONNECTION_ERROR' }), false)).toBe(false);
    expect(shouldRetry(status(500), false)).toBe(false);
    expect(shouldRetry(status(503), false)).toBe(true);
    expect(shouldRetry(new RateLimitError({ message: 'x', code: 'RATE_LIMITED' }), false)).toBe(true);
  });

  it('backs off exponentially with up to half a step of jitter, capped', () => {
    const error = status(503);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, error, () => 0))).toEqual([500, 1000, 2000, 4000, MAX_RETRY_DELAY_MS]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, error, () => 0.999))).toEqual([749.75, 1499.5, 2999]);
  });

  it('waits what Retry-After says, up to maxRetryAfterMs (default a minute), past the backoff cap', () => {
    const limited = (retryAfterMs: number) => new RateLimitError({ message: 'x', code: 'RATE_LIMITED', retryAfterMs });
    expect(retryDelayMs(1, limited(0))).toBe(0);
    expect(retryDelayMs(3, limited(1200))).toBe(1200);
    expect(retryDelayMs(1, limited(MAX_RETRY_DELAY_MS + 1))).toBe(MAX_RETRY_DELAY_MS + 1);
    expect(retryDelayMs(1, limited(DEFAULT_MAX_RETRY_AFTER_MS))).toBe(DEFAULT_MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(1, limited(DEFAULT_MAX_RETRY_AFTER_MS + 1))).toBeUndefined();
    expect(retryDelayMs(1, limited(1200), Math.random, 1000)).toBeUndefined();
  });

  it('sleeps between attempts as the policy says and passes each attempt the same headers', async () => {
    const slept: number[] = [];
    const headersSeen: Array<Record<string, string> | undefined> = [];
    const wrapper = createRequestWrapper({ maxRetries: 2, sleep: async (ms) => void slept.push(ms), random: () => 0.5 });
    const failure = new TypeError('fetch failed');
    const result = await wrapper(
      async (headers) => {
        headersSeen.push(headers);
        if (headersSeen.length < 3) throw failure;
        return 'done';
      },
      'submitLead',
      'mutation',
    );
    expect(result).toBe('done');
    expect(slept).toEqual([625, 1250]);
    expect(headersSeen[0]).toEqual({ 'Idempotency-Key': expect.stringMatching(UUID) });
    expect(headersSeen[1]).toEqual(headersSeen[0]);
    expect(headersSeen[2]).toEqual(headersSeen[0]);
  });

  it('does not repeat a mutation the schema does not declare @idempotent after a connection failure', async () => {
    let attempts = 0;
    const wrapper = createRequestWrapper({ maxRetries: 2, sleep: async () => undefined });
    const error = await rejection(
      wrapper(
        async () => {
          attempts++;
          throw new TypeError('fetch failed');
        },
        'someUndeclaredMutation',
        'mutation',
      ),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(1);
  });

  it('retries exactly the mutations the schema declares @idempotent', () => {
    const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
    const operations = readdirSync(new URL('../src/operations/', import.meta.url))
      .flatMap((file) => parse(readFileSync(new URL(`../src/operations/${file}`, import.meta.url), 'utf8')).definitions)
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
    expect(operations.length).toBeGreaterThan(40);
    for (const operation of operations) {
      const root = operation.selectionSet.selections[0] as FieldNode;
      const declared = schema
        .getMutationType()!
        .getFields()
        [root.name.value]!.astNode!.directives!.some((d) => d.name.value === 'idempotent');
      expect([operation.name!.value, IDEMPOTENT_MUTATIONS.has(operation.name!.value)]).toEqual([operation.name!.value, declared]);
    }
  });

  it('wraps whatever it gives up on in a LeadgateError', async () => {
    const wrapper = createRequestWrapper({ maxRetries: 0 });
    const error = await rejection(wrapper(() => Promise.reject(new Error('Unexpected token < in JSON')), 'leads', 'query'));
    expect(error).toBeInstanceOf(LeadgateError);
    expect(error).toMatchObject({ code: 'UNKNOWN', operationName: 'leads' });
  });
});
