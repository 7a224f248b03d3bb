import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, startTestGateway } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<
      string,
      { tags?: string[]; summary?: string; responses: Record<string, unknown>; parameters?: Array<{ in: string; name: string }> }
    >
  >;
}

describe(`GET /openapi.json and /docs (${DRIVER})`, () => {
  let gw: RunningGateway;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    gw = await startTestGateway();
    const res = await fetch(`${gw.url}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => gw?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result).toEqual({ valid: true });
  });

  it('describes every REST door with the methods it takes and the statuses it answers, and nothing else', () => {
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(operations).toEqual(
      [
        'GET /campaigns/{id}/zips.csv',
        'GET /healthz',
        'GET /instructions/{token}',
        'GET /instructions/{token}/zips.csv',
        'GET /leads.csv',
        'GET /metrics',
        'GET /readyz',
        'GET /v1/dnc/delete',
        'GET /v1/dnc/insert',
        'GET /v1/dnc/search',
        'GET /v1/leads/insert',
        'GET /v1/leads/search',
        'GET /webservices/rest/brand/{brand}/filter/email/{email}',
        'POST /api/leads',
        'POST /ca/submit',
        'POST /v1/dnc/delete',
        'POST /v1/dnc/insert',
        'POST /v1/dnc/search',
        'POST /v1/leads/insert',
        'POST /v1/leads/search',
        'POST /webhook/{id}',
        'POST /webservices/rest/client/{client}/optinfilterqueue',
        'POST /webservices/rest/client/{client}/optoutfilterqueue',
        'PUT /campaigns/{id}/zips.csv',
      ].sort(),
    );
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(operation.tags?.length, `${method} ${path}`).toBe(1);
      }
    }
    expect(Object.keys(doc.paths['/ca/submit']!.post!.responses).sort()).toEqual(['200', '400', '500']);
    expect(Object.keys(doc.paths['/api/leads']!.post!.responses).sort()).toEqual(['200', '400', '401', '429', '500']);
    expect(doc.paths['/webhook/{id}']!.post!.parameters).toContainEqual(expect.objectContaining({ in: 'path', name: 'id' }));
  });

  it('serves a reference page at /docs from the gateway alone (no CDN)', async () => {
    expect(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh`).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const elsewhere: string[] = [];
      // Anything not from this gateway is recorded and refused: the page must not need it.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(gw.url) || url.startsWith('data:')) return route.continue();
        elsewhere.push(url);
        return route.abort();
      });
      await page.goto(`${gw.url}/docs`);
      await page.locator('.opblock-summary-path', { hasText: '/ca/submit' }).first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.info .title').first().textContent()).toContain('Leadgate REST doors');
      expect(await page.locator('.opblock-tag').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining('Opta'), expect.stringContaining('Opt-ins')]),
      );
      await page.screenshot({ path: `${SHOTS}openapi-docs.png`, fullPage: false });
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
