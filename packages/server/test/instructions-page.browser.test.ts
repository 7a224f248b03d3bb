import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, startTestGateway, type Tenant } from './helpers.js';

// Code that runs in the page is passed as strings: this package type-checks without the DOM library.

/** Debian's Chromium (scripts/ensure-chromium.sh installs it); playwright-core downloads no browser. */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const TEST_REPLY =
  '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}';
const TABS = ['overview', 'fields', 'requirements', 'responses', 'testing'] as const;

/** Every visible text box with its accessible name, as Chromium's accessibility tree computes it. */
async function textboxNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ ignored?: boolean; role?: { value?: string }; name?: { value?: string } }>;
  };
  await cdp.detach();
  return nodes.filter((n) => !n.ignored && n.role?.value === 'textbox').map((n) => String(n.name?.value ?? '').trim());
}

/** A full-page screenshot, taken from the top (a sticky bar would otherwise sit mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** How far the page is wider than the viewport (0 when nothing scrolls sideways). */
const horizontalOverflow = (page: Page) =>
  page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth');

/**
 * Resolves once the test form's reply is on the page (and contains `text`, when given). Locators,
 * not waitForFunction: the page's Content-Security-Policy forbids the eval that polling uses.
 */
const replyShown = (page: Page, text?: string) =>
  (text ? page.locator('#response', { hasText: text }) : page.locator('#response:not(:empty)')).waitFor({ timeout: 10_000 });

describe(`posting instructions page in a browser (${DRIVER})`, () => {
  let browser: Browser | undefined;
  let gw: RunningGateway;

  /** The browser, or a failure naming what is missing (each test fails; none is skipped). */
  const theBrowser = (): Browser => {
    if (!browser) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh (or apt-get install -y chromium)`);
    return browser;
  };
  let t: Tenant;
  let pageUrl: string;

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
    gw = await startTestGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'] });
    await gqlOk(
      gw.url,
      `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }`,
      {
        id: t.campaignId,
        i: {
          name: 'Auto Insurance: California & Texas',
          schedule: [
            { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', end: '20:00' },
            { days: ['SAT', 'SUN'], start: '10:00', end: '16:00' },
          ],
          periodStart: '2026-01-01',
          periodEnd: '2030-12-31',
          customFields: [
            { name: 'landing_page', type: 'URL', description: 'The page the consumer filled in' },
            { name: 'vehicle_year', type: 'TEXT', description: 'Model year of the main vehicle' },
          ],
          stateTargeting: { mode: 'INCLUDE', states: ['CA', 'TX'] },
          usIpOnly: true,
          consent: 'EITHER',
          rules: [
            { name: 'Recent vehicles', kind: 'CONDITION', condition: { field: 'vehicle_year', op: 'gte', value: 2005 } },
            {
              name: 'No test traffic',
              kind: 'FILTER',
              condition: {
                any: [
                  { field: 'subId', op: 'startsWith', value: 'test' },
                  { field: 'email', op: 'endsWith', value: '@example.org' },
                ],
              },
            },
          ],
          duplicates: { keys: ['EMAIL', 'PHONE'], windowDays: 30 },
          caps: { daily: 500, monthly: 10000 },
        },
      },
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      {
        i: { sourceId: t.sourceId, campaignId: t.campaignId, requiredFields: ['email', 'vehicle_year'], caps: { daily: 50 } },
      },
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      `mutation($c: ID!, $z: [String!]) { setZipTargeting(campaignId: $c, mode: INCLUDE, zips: $z) { zipCount } }`,
      {
        c: t.campaignId,
        z: ['90012', '90210', '73301', '78701', '94105'],
      },
      t.adminKey,
    );
    const { sources } = await gqlOk(gw.url, `{ sources { id campaigns { campaignId instructionsToken } } }`, {}, t.adminKey);
    pageUrl = `${gw.url}/instructions/${sources[0].campaigns[0].instructionsToken}`;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('shows the fields and requirements on a desktop, and sends a test lead from the Testing tab', async () => {
    const context = await theBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pageUrl);

    await expect(page.locator('h1').textContent()).resolves.toBe('Auto Insurance: California & Texas');
    // The script turned the sections into tabs: one panel at a time.
    await page.getByRole('tablist').waitFor();
    expect(await page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#overview').isVisible()).toBe(true);
    expect(await page.locator('#fields').isVisible()).toBe(false);
    expect(await page.locator('#cred-compid').textContent()).toBe(t.accountCode);
    expect(await page.locator('#cred-auth').textContent()).toBe(`${t.sourceAuth.slice(0, 10)}…`);
    await shot(page, 'instructions-desktop');

    await page.getByRole('tab', { name: 'Fields' }).click();
    expect(await page.locator('#overview').isVisible()).toBe(false);
    const table = page.locator('#fields-table');
    expect(await table.isVisible()).toBe(true);
    const row = (name: string) => table.locator(`tr[data-field="${name}"]`);
    expect(await row('first').locator('td').nth(1).textContent()).toBe('Required');
    expect(await row('email').locator('td').nth(1).textContent()).toContain('for your source');
    expect(await row('address').locator('td').nth(1).textContent()).toBe('Optional');
    expect(await row('vehicle_year').locator('td').nth(2).textContent()).toBe('Model year of the main vehicle');
    expect(await row('landing_page').locator('td').first().textContent()).toContain('URL');
    expect(new URL(page.url()).hash).toBe('#fields');
    await shot(page, 'instructions-desktop-fields');

    // Arrow keys move between tabs (WAI-ARIA tabs pattern).
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Requirements' }).getAttribute('aria-selected')).toBe('true');
    const requirements = page.locator('#requirements');
    expect(await requirements.isVisible()).toBe(true);
    const text = await requirements.innerText();
    expect(text).toContain('Mon–Fri, 08:00–20:00');
    expect(text).toContain('Sat, Sun, 10:00–16:00');
    expect(text).toContain('Pacific Time (America/Los_Angeles)');
    expect(text).toContain('Only leads from these 2 states are accepted: CA, TX.');
    expect(text).toContain('Only leads with a ZIP code on the list are accepted (5 ZIP codes).');
    expect(text).toContain('Your source: up to 50 per day (accepted live leads).');
    expect(text).toContain('The campaign: up to 500 per day, 10,000 per month (accepted live leads).');
    expect(text).toContain('subid starts with test or email ends with @example.org');
    expect(text).toContain('Rejected with "Condition: Recent vehicles".');
    const csv = await page.getByRole('link', { name: 'Download the ZIP code list (CSV)' }).getAttribute('href');
    expect(await (await fetch(csv!)).text()).toBe('zip\n73301\n78701\n90012\n90210\n94105\n');
    await shot(page, 'instructions-desktop-requirements');

    await page.getByRole('tab', { name: 'Responses' }).click();
    expect(await page.locator('#reasons').innerText()).toContain('Missing TrustedForm/Jornaya');

    await page.getByRole('tab', { name: 'Testing' }).click();
    expect(await page.getByRole('textbox', { name: /compid/ }).inputValue()).toBe(t.accountCode);
    expect(await page.getByRole('textbox', { name: /sourceid/ }).inputValue()).toBe(t.sourceId);
    expect(await page.getByRole('textbox', { name: /campid/ }).inputValue()).toBe(t.campaignId);
    expect(await page.locator('#t-state').inputValue()).toBe('CA');
    expect(['90012', '90210', '94105']).toContain(await page.locator('#t-zip').inputValue());
    // A value the "Recent vehicles" condition (vehicle_year >= 2005) accepts.
    expect(await page.locator('#t-vehicle_year').inputValue()).toBe('2005');
    const auth = page.getByLabel('auth Your auth key');
    expect(await auth.getAttribute('type')).toBe('password');
    expect(await auth.inputValue()).toBe('');
    await auth.fill(t.sourceAuth);
    await page.getByRole('button', { name: 'Send test lead' }).click();
    await replyShown(page);
    expect(await page.locator('#response').textContent()).toBe(TEST_REPLY);
    expect(await page.locator('#response-status').textContent()).toBe('HTTP 200: test lead accepted');
    expect(await page.locator('pre[aria-live="polite"] #response').count()).toBe(1);
    expect(page.url()).toBe(`${pageUrl}#testing`);
    // The key went to the server, never onto the page.
    expect(await page.locator('#request-sent').textContent()).not.toContain(t.sourceAuth);
    await shot(page, 'instructions-desktop-testing');

    // The lead was stored as a test lead of this source, through the Opta door.
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, includeTest: true }) { nodes { status isTest door sourceId state extra } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(leads.nodes).toHaveLength(1);
    expect(leads.nodes[0]).toMatchObject({ status: 'TEST', isTest: true, door: 'OPTA', sourceId: t.sourceId, state: 'CA' });

    // A wrong key shows the rejection as the server sent it.
    await auth.fill('lgs_wrong');
    await page.getByRole('button', { name: 'Send test lead' }).click();
    await replyShown(page, 'Invalid auth');
    expect(await page.locator('#response').textContent()).toBe(
      '{"leadStatus":false,"reason":"Opta Reject","message":"Invalid auth","price":0.00,"testLead":true}',
    );

    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a phone screen: no sideways scrolling, every input labelled', async () => {
    const context = await theBrowser().newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${pageUrl}#testing`);
    // A deep link opens its tab.
    expect(await page.getByRole('tab', { name: 'Testing' }).getAttribute('aria-selected')).toBe('true');

    for (const tab of TABS) {
      await page.locator(`#tab-${tab}`).click();
      expect(await page.locator(`#${tab}`).isVisible()).toBe(true);
      expect([tab, await horizontalOverflow(page)]).toEqual([tab, 0]);
      if (tab === 'overview' || tab === 'fields' || tab === 'requirements') {
        await shot(page, `instructions-phone${tab === 'overview' ? '' : `-${tab}`}`);
      }
    }

    await page.locator('#tab-testing').click();
    const inputs = await page.evaluate<Array<{ id: string; label: string }>>(`[...document.querySelectorAll('input:not([type="hidden"])')]
      .map((input) => ({ id: input.id, label: [...input.labels].map((l) => l.textContent.trim()).join(' ') }))`);
    expect(inputs.length).toBeGreaterThanOrEqual(19);
    for (const input of inputs) expect([input.id, input.label.length > 0]).toEqual([input.id, true]);
    const names = await textboxNames(page);
    expect(names).toHaveLength(inputs.length);
    for (const name of names) expect(name).not.toBe('');
    expect(names).toContain('auth Your auth key');

    await page.getByLabel('auth Your auth key').fill(t.sourceAuth);
    await page.getByRole('button', { name: 'Send test lead' }).click();
    await replyShown(page);
    expect(await page.locator('#response').textContent()).toBe(TEST_REPLY);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'instructions-phone-testing');
    await context.close();
  }, 60_000);
});
