import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gqlOk, PLATFORM_KEY, startTestGateway, uniquePhone } from './helpers.js';
import { createDialerTenant, DIALER_LEAD, type DialerTenant } from './dialer-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

/** The posting-instructions page of a dialer campaign's source documents the dialer insert door, with a working test form. */
describe(`posting instructions of a dialer source (${DRIVER})`, () => {
  let browser: Browser | undefined;
  let gw: RunningGateway;
  let t: DialerTenant;
  let pageUrl: string;
  let token: string;

  beforeAll(async () => {
    mkdirSync(fileURLToPath(new URL('../test-results/', import.meta.url)), { recursive: true });
    if (existsSync(CHROMIUM)) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
    }
    gw = await startTestGateway();
    t = await createDialerTenant(gw.url);
    await gqlOk(
      gw.url,
      `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }`,
      {
        id: t.dialerIntakeCampaignId,
        i: { requiredFields: ['phone', 'first', 'zip'], customFields: [{ name: 'vehicle_year', type: 'TEXT', description: 'Model year' }] },
      },
      t.adminKey,
    );
    const { dialerCampaign } = await gqlOk(
      gw.url,
      `query($id: ID!) { dialerCampaign(id: $id) { apiSourceId } }`,
      { id: t.dialerCampaignId },
      t.adminKey,
    );
    const { sources } = await gqlOk(gw.url, `{ sources { id campaigns { instructionsToken } } }`, {}, t.adminKey);
    const approvalToken = sources.find((s: { id: string }) => s.id === dialerCampaign.apiSourceId).campaigns[0].instructionsToken as string;
    pageUrl = `${gw.url}/instructions/${approvalToken}`;
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      { i: { accountId: t.accountId, role: 'ADMIN', name: 'vendor token' } },
      PLATFORM_KEY,
    );
    token = createApiKey.key;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('describes the dialer insert as data: endpoint, auth_token and list_id, dialer field names, codes and a sample', async () => {
    const json = (await (await fetch(`${pageUrl}.json`)).json()) as { dialer: any };
    expect(json.dialer).toMatchObject({
      dialerCampaign: { id: Number(t.dialerCampaignId), name: 'Outbound' },
      endpoint: { url: `${gw.url}/v1/leads/insert`, methods: ['POST', 'GET'] },
      lists: [
        { id: Number(t.listId), name: 'Fresh' },
        { id: Number(t.siblingListId), name: 'Aged' },
      ],
      sample: {
        auth_token: 'YOUR_API_TOKEN',
        list_id: t.listId,
        phone_number: expect.stringMatching(/^\d{10}$/),
        first_name: expect.any(String),
        postal_code: expect.stringMatching(/^\d{5}$/),
      },
    });
    const field = (name: string) => json.dialer.fields.find((f: { name: string }) => f.name === name);
    expect(field('phone_number')).toMatchObject({ required: true });
    expect(field('first_name')).toMatchObject({ required: true, requiredBy: 'campaign' });
    expect(field('last_name')).toMatchObject({ required: false });
    expect(field('vehicle_year')).toMatchObject({ custom: true, description: 'Model year' });
    expect(json.dialer.codes.map((c: { code: number }) => c.code)).toEqual(
      expect.arrayContaining([6002, 6007, 6008, 6009, 6023, 6079, 403, 5001, 6102, 6100]),
    );
    expect(json.dialer.replies[0].body).toBe('{"success":true,"data":{"lead_id":"65007347"},"id":"65007347"}');
    // The sample, with a real token, inserts as it is.
    const res = await fetch(`${gw.url}/v1/leads/insert`, {
      method: 'POST',
      body: new URLSearchParams({ ...json.dialer.sample, auth_token: token, phone_number: uniquePhone() }),
    });
    expect(await res.text()).toMatch(/^\{"success":true,/);
    // The page's markup (its one script also serves the other doors' pages).
    const html = (await (await fetch(pageUrl)).text()).replace(/<script[\s\S]*<\/script>/, '');
    expect(html).toContain(`${gw.url}/v1/leads/insert`);
    expect(html).not.toContain('/ca/submit');
    expect(html).not.toContain('/webhook/');
  });

  it('inserts a lead from the Testing tab with the token and list the vendor picks, and shows the reply as sent', async () => {
    if (!browser) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${pageUrl}#testing`);
    expect(await page.getByRole('tab', { name: 'Testing' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('auth_token Your API token').fill(token);
    await page.locator('#t-list_id').selectOption(t.siblingListId);
    const phone = uniquePhone();
    await page.locator('#t-phone_number').fill(phone);
    await page.getByRole('button', { name: 'Insert lead' }).click();
    await page.locator('#response:not(:empty)').waitFor({ timeout: 10_000 });
    const reply = await page.locator('#response').textContent();
    await page.screenshot({
      path: fileURLToPath(new URL('../test-results/instructions-dialer-testing.png', import.meta.url)),
      fullPage: true,
    });
    expect(reply).toMatch(/^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/);
    expect(await page.locator('#response-status').textContent()).toBe(`HTTP 200: inserted, lead_id ${JSON.parse(reply!).id}`);
    expect(await page.locator('#request-sent').textContent()).not.toContain(token);
    const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: JSON.parse(reply!).id }, t.adminKey);
    expect(dialerLead).toMatchObject({ listId: t.siblingListId, phone: `+1${phone.replace(/\D/g, '')}` });
    // A refusal shows its code and text.
    await page.getByLabel('auth_token Your API token').fill('wrong');
    await page.getByRole('button', { name: 'Insert lead' }).click();
    await page.locator('#response', { hasText: '5001' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#response-status').textContent()).toBe('HTTP 200: refused (5001 Auth token is invalid)');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
