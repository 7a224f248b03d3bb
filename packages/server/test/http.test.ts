import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, startTestGateway } from './helpers.js';

describe(`HTTP transport (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${gw.url}/graphql`, { method: 'POST', headers, body });

  it('GET /healthz says the process is up', async () => {
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz says the database is reachable', async () => {
    const res = await fetch(`${gw.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers malformed JSON with 400 and a message, not a stack trace', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toMatch(/^Malformed JSON body/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses an unsupported content type', async () => {
    const res = await post('query', { 'content-type': 'application/x-yaml' });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toMatch(/^Unsupported Content-Type/);
  });

  it('answers a GraphQL syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await post(JSON.stringify({ query: '{ campaigns { id ' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown route with 404 JSON', async () => {
    const res = await fetch(`${gw.url}/nope?secret=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'No route for GET /nope', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a malformed Authorization header is an invalid key', async () => {
    const res = await post(JSON.stringify({ query: '{ campaigns { id } }' }), {
      'content-type': 'application/json',
      authorization: 'Basic abc',
    });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});
