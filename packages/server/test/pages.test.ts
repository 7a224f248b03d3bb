import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, startTestGateway } from './helpers.js';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe(`pages served by the gateway (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('/dashboard is a shell that loads its own bundled script and styles, under a strict CSP', async () => {
    const res = await fetch(`${gw.url}/dashboard`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(gw.url).host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const page = await res.text();
    const script = /<script type="module" src="(\/ui\/dashboard\.js\?v=[^"]+)"/.exec(page)?.[1];
    const style = /<link rel="stylesheet" href="(\/ui\/dashboard\.css\?v=[^"]+)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    // Nothing from elsewhere: no CDN.
    expect(page).not.toMatch(/https?:\/\//);

    const js = await fetch(`${gw.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const body = await js.text();
    expect(body.length).toBeGreaterThan(10_000);
    expect(body).toContain('leadDecided');
    const again = await fetch(`${gw.url}${script}`, { headers: { 'if-none-match': js.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${gw.url}${style}`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${gw.url}/ui/nothing.js`)).status).toBe(404);
  });

  it('GET /graphql opens GraphiQL for a browser, while API clients still reach GraphQL there', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: html });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<div id="graphiql"></div>');
    expect(text).toMatch(/src="\/ui\/graphiql\.js\?v=/);
    expect(text).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${gw.url}${/src="([^"]+graphiql\.js[^"]*)"/.exec(text)![1]}`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(500_000);

    const api = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...html },
      body: '{"query":"{ __typename }"}',
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('/ sends a browser to the dashboard and tells an API client where things are', async () => {
    const browser = await fetch(`${gw.url}/`, { headers: html, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/dashboard');
    const client = await fetch(`${gw.url}/`);
    expect(client.status).toBe(404);
    expect(((await client.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe(
      'No route for GET /: the API is at /graphql, the dashboard at /dashboard',
    );
  });
});
