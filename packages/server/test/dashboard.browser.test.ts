import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { DRIVER, freshDatabaseUrl, gqlOk, SUBMIT, testConfig } from './helpers.js';
import { Receiver } from './receiver.js';

// Code that runs in the page is passed as strings: this package type-checks without the DOM library.

/** Debian's Chromium (scripts/ensure-chromium.sh installs it); playwright-core downloads no browser. */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const STAGES = 18;

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

const horizontalOverflow = (page: Page) =>
  page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth');

/** Pixels of the chart's canvas in a status's colour (uPlot draws the bars there). */
const barPixels = (page: Page, rgb: [number, number, number]) =>
  page.evaluate<number>(`(() => {
  const canvas = document.querySelector('.chart-canvas canvas');
  if (!canvas) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - ${rgb[0]}) < 8 && Math.abs(data[i + 1] - ${rgb[1]}) < 8 && Math.abs(data[i + 2] - ${rgb[2]}) < 8) n++;
  }
  return n;
})()`);

describe(`dashboard in a browser, on a gateway with the demo data (${DRIVER})`, () => {
  let browser: Browser | undefined;
  let gw: RunningGateway;
  let db: { url: string; drop: () => Promise<void> };
  let banner = '';
  const receiver = new Receiver();
  const key = (name: string) => new RegExp(`${name}\\s+(lgk_\\w+)`).exec(banner)![1]!;
  const campaignId = () => /campaign\s+(cmp_\w+)/.exec(banner)![1]!;

  const theBrowser = (): Browser => {
    if (!browser) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh (or apt-get install -y chromium)`);
    return browser;
  };

  /** A page that records script errors and CSP refusals, and the overview query the page sent. */
  async function open(context: BrowserContext) {
    const page = await context.newPage();
    const errors: string[] = [];
    const overviewQueries: Array<{ query: string; variables: Record<string, unknown> }> = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => {
      const body = r.postData();
      if (r.url().endsWith('/graphql') && body?.includes('query Overview')) overviewQueries.push(JSON.parse(body));
    });
    return { page, errors, overviewQueries };
  }

  async function signIn(page: Page, apiKey: string): Promise<void> {
    await page.goto(`${gw.url}/dashboard`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-kpi="total"] .kpi-value').waitFor({ timeout: 15_000 });
  }

  const submit = (lead: Record<string, unknown>) =>
    gqlOk(gw.url, SUBMIT, { input: { campaignId: campaignId(), ...lead } }, key('source API key')).then(
      (d) => d.submitLead as { leadId: string; status: string },
    );

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (existsSync(CHROMIUM)) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
    }
    await receiver.start();
    db = await freshDatabaseUrl();
    // Started as `pnpm start` does: demo data and its month of history on an empty database.
    gw = await startGateway(testConfig({ database: parseDatabaseUrl(db.url), deliveryPollMs: 100 }), { print: (text) => (banner += text) });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await receiver.stop();
    await db?.drop();
  });

  it('a READER key signs in; the overview draws the stats the API gives; a new lead appears in the live feed; its trace opens', async () => {
    const context = await theBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors, overviewQueries } = await open(context);
    await signIn(page, key('reader key'));
    expect(await page.locator('header.top .role').textContent()).toBe('READER');
    expect(await page.locator('header.top .account').textContent()).toBe('Demo Leads');
    expect(await page.locator('.toolbar .zone').textContent()).toContain('America/Los_Angeles');

    // The page asked for the last 30 days by day; the same query through the API gives what it shows.
    expect(overviewQueries).toHaveLength(1);
    const { variables, query } = overviewQueries[0]!;
    expect(variables.interval).toBe('DAY');
    const { leadStats } = await gqlOk(gw.url, query, variables, key('reader key'));
    expect(leadStats.total).toBeGreaterThan(300);
    expect(await page.locator('[data-kpi="total"] .kpi-value').textContent()).toBe(leadStats.total.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="rejected"] .kpi-value').textContent()).toBe(leadStats.rejected.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="revenue"] .kpi-value').textContent()).toBe(
      `$${leadStats.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(await page.locator('[data-kpi="acceptance"] .kpi-value').textContent()).toBe(
      `${(Math.round(leadStats.acceptanceRate * 1000) / 10).toString()}%`,
    );

    // The chart: one bar per day, the API's counts per status, and bars drawn on the canvas.
    const rows = page.locator('[data-chart-table] tbody tr');
    expect(await rows.count()).toBe(leadStats.series.length);
    const drawn = await page.evaluate<number[][]>(
      `[...document.querySelectorAll('[data-chart-table] tbody tr')].map(r => [...r.querySelectorAll('td')].map(td => Number(td.textContent)))`,
    );
    const expected = leadStats.series.map((p: { byStatus: Array<{ status: string; count: number }> }) =>
      ['ACCEPTED', 'SOLD', 'PENDING', 'REJECTED'].map((s) => p.byStatus.find((b) => b.status === s)?.count ?? 0),
    );
    expect(drawn).toEqual(expected);
    expect(drawn.filter((day) => day.some((n) => n > 0)).length).toBeGreaterThanOrEqual(25);
    expect(await barPixels(page, [46, 157, 91])).toBeGreaterThan(200);
    expect(await barPixels(page, [214, 69, 69])).toBeGreaterThan(50);

    // Reasons, buyers, campaigns and sources, with names.
    const reasons = await page.locator('.top-list li .top-name').allTextContents();
    expect(reasons).toEqual(leadStats.reasons.map((r: { message: string }) => r.message));
    expect(await page.getByRole('table', { name: 'By buyer' }).innerText()).toContain('Harbor Mutual');
    expect(await page.getByRole('table', { name: 'By campaign' }).innerText()).toContain('Demo home insurance');
    expect(await page.getByRole('table', { name: 'By source' }).innerText()).toContain('Summit Media');
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-overview');

    // One campaign: the page asks for it, and shows what the API says of it.
    await page.getByLabel('Campaign').selectOption({ label: 'Demo home insurance' });
    for (let i = 0; i < 100 && overviewQueries.length < 2; i++) await page.waitForTimeout(50);
    const narrowed = overviewQueries[1]!;
    expect((narrowed.variables.filter as { campaignId?: string }).campaignId).toMatch(/^cmp_/);
    const { leadStats: one } = await gqlOk(gw.url, narrowed.query, narrowed.variables, key('reader key'));
    expect(one.total).toBeLessThan(leadStats.total);
    await page.locator('[data-kpi="total"] .kpi-value', { hasText: new RegExp(`^${one.total.toLocaleString('en-US')}$`) }).waitFor();
    expect(page.url()).toContain(`campaign=${(narrowed.variables.filter as { campaignId: string }).campaignId}`);

    // A lead submitted now shows up in the live feed within two seconds, contact masked.
    await page.getByRole('link', { name: 'Live feed' }).click();
    await page.locator('.live-state[data-state="live"]').waitFor({ timeout: 10_000 });
    const started = Date.now();
    const decision = await submit({
      first: 'Grace',
      last: 'Hopper',
      email: 'grace.hopper@example.net',
      phone: '(415) 555-0199',
      zip: '94105',
      state: 'CA',
      city: 'San Francisco',
    });
    const row = page.locator(`li[data-lead-id="${decision.leadId}"]`);
    await row.waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    const text = await row.innerText();
    expect(text).toContain('G••• H•••');
    expect(text).toContain('g•••@example.net');
    expect(text).toContain('Demo auto insurance');
    expect(text).toContain('Demo vendor');
    expect(text).not.toMatch(/Grace|Hopper|0199/);
    const rejected = await submit({ first: 'Alan', last: 'Turing', phone: '(415) 555-0198' });
    await page.locator(`li[data-lead-id="${rejected.leadId}"]`, { hasText: 'Missing zip' }).waitFor({ timeout: 2000 });
    await shot(page, 'dashboard-feed');

    // Its detail: masked fields for a READER key, the decision trace stage by stage.
    await row.getByRole('link').click();
    await page.getByRole('list', { name: 'Decision trace' }).waitFor();
    expect(await page.locator('.trace li').count()).toBe(STAGES);
    expect(await page.locator('.trace li.pass').count()).toBe(STAGES);
    expect(await page.locator('.note').textContent()).toBe('Contact fields are masked for READER keys.');
    const fields = await page.locator('dl.fields').innerText();
    expect(fields).toContain('g•••@example.net');
    expect(fields).not.toContain('Grace');
    expect(page.url()).toBe(`${gw.url}/dashboard#/leads/${decision.leadId}`);
    await shot(page, 'dashboard-lead');

    // The rejected one stops at its stage, with the reason.
    await page.goto(`${gw.url}/dashboard#/leads/${rejected.leadId}`);
    await page.locator('.trace li.reject').waitFor();
    expect(await page.locator('.trace li.reject').innerText()).toContain('required-fields');
    expect(await page.locator('.reason-banner').textContent()).toBe('Rejected: Missing zip');

    // The leads list filters by status.
    await page.goto(`${gw.url}/dashboard#/leads?status=REJECTED&range=7d`);
    await page.getByRole('table', { name: 'Leads, newest first' }).waitFor();
    const statuses = await page.locator('tbody td[data-label="Status"]').allTextContents();
    expect(statuses.length).toBeGreaterThan(5);
    expect(new Set(statuses)).toEqual(new Set(['REJECTED']));
    expect(await page.locator('tbody tr').first().innerText()).toContain('Missing zip');

    // The key lives in this tab's sessionStorage and never in a URL.
    expect(await page.evaluate<string | null>(`sessionStorage.getItem('leadgate.dashboard.key')`)).toBe(key('reader key'));
    expect(page.url()).not.toContain('lgk_');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('an ADMIN key sees contact fields in full and sends a dead letter again', async () => {
    const admin = key('account ADMIN key');
    receiver.respond = () => ({ status: 500, body: 'down' });
    await gqlOk(
      gw.url,
      `mutation($i: CreateDestinationInput!) { createDestination(input: $i) { destination { id } } }`,
      {
        i: { campaignId: campaignId(), name: 'CRM', url: receiver.url, maxAttempts: 1 },
      },
      admin,
    );
    const decision = await submit({ first: 'Katherine', last: 'Johnson', phone: '(757) 555-0123', zip: '23666' });
    const deliveryStatus = async () =>
      (await gqlOk(gw.url, `query($id: ID!) { lead(id: $id) { deliveries { status } } }`, { id: decision.leadId }, admin)).lead
        .deliveries[0]?.status;
    for (let i = 0; i < 100 && (await deliveryStatus()) !== 'DEAD_LETTER'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await deliveryStatus()).toBe('DEAD_LETTER');

    const context = await theBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await open(context);
    await signIn(page, admin);
    await page.goto(`${gw.url}/dashboard#/leads/${decision.leadId}`);
    await page.locator('.delivery').waitFor();
    expect(await page.locator('dl.fields').innerText()).toContain('Katherine');
    expect(await page.locator('.delivery .badge').textContent()).toBe('DEAD_LETTER');
    expect(await page.locator('.delivery').innerText()).toContain('HTTP 500');
    await shot(page, 'dashboard-dead-letter');
    receiver.respond = () => ({ status: 200, body: '{"ok":true}' });
    await page.getByRole('button', { name: 'Retry delivery' }).click();
    await page.locator('.delivery .badge', { hasText: 'PENDING' }).waitFor({ timeout: 5000 });
    for (let i = 0; i < 100 && (await deliveryStatus()) !== 'DELIVERED'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await deliveryStatus()).toBe('DELIVERED');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('GraphiQL at /graphql runs a query and the live-feed subscription with the key from its headers editor', async () => {
    const context = await theBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await open(context);
    await page.goto(`${gw.url}/graphql`);
    const editor = (which: string) => `document.querySelector('${which} .CodeMirror').CodeMirror`;
    const QUERY = '.graphiql-query-editor';
    const HEADERS = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
    const result = () => page.evaluate<string>(`${editor('.graphiql-response')}.getValue()`);
    await page.locator(`${QUERY} .CodeMirror`).waitFor();
    await page.evaluate(`${editor(HEADERS)}.setValue(${JSON.stringify(JSON.stringify({ Authorization: `Bearer ${key('reader key')}` }))})`);
    await page.evaluate(`${editor(QUERY)}.setValue('{ viewer { role } }')`);
    // Clicked again while GraphiQL is still loading the schema (a busy machine), which it may ignore.
    for (let i = 0; i < 200 && !(await result()).includes('READER'); i++) {
      if (i % 40 === 0) await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
      await page.waitForTimeout(50);
    }
    expect(JSON.parse(await result())).toEqual({ data: { viewer: { role: 'READER' } } });

    await page.evaluate(`${editor(QUERY)}.setValue('subscription { leadDecided { leadId status contact { email } } }')`);
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    // Submit until the subscription (over the WebSocket, with the key from the headers) shows one.
    const ids: string[] = [];
    let text = '';
    for (let i = 0; i < 30 && !ids.some((id) => text.includes(id)); i++) {
      ids.push(
        (
          await submit({
            first: 'Dorothy',
            last: 'Vaughan',
            email: `dorothy.${i}@example.net`,
            phone: `(757) 555-${String(1300 + i)}`,
            zip: '23666',
          })
        ).leadId,
      );
      await page.waitForTimeout(300);
      text = await result();
    }
    const shown = JSON.parse(await result()) as { data: { leadDecided: { leadId: string; status: string; contact: { email: string } } } };
    expect(ids).toContain(shown.data.leadDecided.leadId);
    expect(shown.data.leadDecided).toMatchObject({ status: 'ACCEPTED', contact: { email: 'd•••@example.net' } });
    await shot(page, 'graphiql-subscription');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a phone screen: overview, live feed and a lead without sideways scrolling', async () => {
    const context = await theBrowser().newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const { page, errors } = await open(context);
    await signIn(page, key('reader key'));
    await page.locator('.chart-canvas canvas').waitFor();
    expect(await barPixels(page, [46, 157, 91])).toBeGreaterThan(100);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-phone-overview');

    await page.getByRole('link', { name: 'Live feed' }).click();
    await page.locator('.live-state[data-state="live"]').waitFor({ timeout: 10_000 });
    const decision = await submit({ first: 'Mary', last: 'Jackson', phone: '(757) 555-0124', zip: '23666' });
    await page.locator(`li[data-lead-id="${decision.leadId}"]`).waitFor({ timeout: 2000 });
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-phone-feed');

    await page.locator(`li[data-lead-id="${decision.leadId}"] a`).click();
    await page.getByRole('list', { name: 'Decision trace' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-phone-lead');

    await page.goto(`${gw.url}/dashboard#/leads`);
    await page.getByRole('table', { name: 'Leads, newest first' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-phone-leads');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
