import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_MESSAGES } from '../src/modules/leads/reason-code.js';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, PLATFORM_KEY, postOpta, startTestGateway, type Tenant } from './helpers.js';

const SOURCES = `{ sources { id campaigns { id campaignId instructionsToken webhookId } } }`;
const ROTATE = `mutation($id: ID!) { rotateInstructionsToken(sourceCampaignId: $id) { id sourceId campaignId instructionsToken } }`;
const REVOKE = `mutation($id: ID!) { revokeInstructions(sourceCampaignId: $id) { id instructionsToken } }`;

/** The tenant's approval (source × campaign) with its instructions token and webhook id. */
async function approvalOf(url: string, t: Tenant): Promise<{ id: string; instructionsToken: string | null; webhookId: string | null }> {
  const { sources } = await gqlOk(url, SOURCES, {}, t.adminKey);
  const approval = sources
    .find((s: { id: string }) => s.id === t.sourceId)
    .campaigns.find((c: { campaignId: string }) => c.campaignId === t.campaignId);
  return approval;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, text: await res.text() };
};

/** A GET with a Host header of our choosing (fetch may not set Host). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const NAME = 'Auto <b>&</b> "Home" \'Ins\'';
const UPDATE = `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }`;
const APPROVE = `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`;
const ZIPS = `mutation($c: ID!, $z: [String!]) { setZipTargeting(campaignId: $c, mode: INCLUDE, zips: $z) { zipCount } }`;

describe(`posting instructions page (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let approval: { id: string; instructionsToken: string | null; webhookId: string | null };
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'zip'] });
    await gqlOk(
      gw.url,
      UPDATE,
      {
        id: t.campaignId,
        i: {
          name: NAME,
          schedule: [
            { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '09:00', end: '17:00' },
            { days: ['SAT'], start: '22:00', end: '02:00' },
          ],
          periodStart: '2026-01-01',
          periodEnd: '2030-12-31',
          customFields: [
            { name: 'landing_page', type: 'URL', description: 'Page the <i>lead</i> came from' },
            { name: 'vehicle_year', type: 'TEXT' },
          ],
          stateTargeting: { mode: 'INCLUDE', states: ['TX', 'NY'] },
          usIpOnly: true,
          consent: 'TRUSTEDFORM',
          rules: [
            { name: 'Homeowners', kind: 'CONDITION', condition: { field: 'homeowner', op: 'eq', value: 'yes' } },
            { name: 'No test subs', kind: 'FILTER', condition: { field: 'subId', op: 'startsWith', value: 'test' } },
          ],
          duplicates: { keys: ['PHONE'], windowDays: 45 },
          caps: { daily: 100, total: 5000 },
        },
      },
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      APPROVE,
      {
        i: {
          sourceId: t.sourceId,
          campaignId: t.campaignId,
          requiredFields: ['email', 'vehicle_year'],
          caps: { daily: 25, weekly: 100 },
          blockedSubIds: ['bad-sub'],
        },
      },
      t.adminKey,
    );
    await gqlOk(gw.url, ZIPS, { c: t.campaignId, z: ['75001', '10001', '73301'] }, t.adminKey);
    approval = await approvalOf(gw.url, t);
    token = approval.instructionsToken!;
    expect(token).toMatch(/^[0-9a-z]{32}$/);
  });
  afterAll(() => gw?.close());

  it('serves the instructions as JSON: endpoints, masked credentials, fields, requirements, reasons', async () => {
    const res = await get(`${gw.url}/instructions/${token}.json`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The auth key is never shown, not even a long prefix of it: only the stored preview.
    expect(res.text).not.toContain(t.sourceAuth);
    expect(res.text).not.toContain(t.sourceAuth.slice(0, 14));
    const d = JSON.parse(res.text);

    expect(d.campaign).toMatchObject({
      id: t.campaignId,
      name: NAME,
      category: 'Auto Insurance',
      active: true,
      timeZone: 'America/Los_Angeles',
    });
    expect(d.source).toMatchObject({ id: t.sourceId, name: 'Vendor', approved: true });
    expect(d.endpoints).toEqual({
      jsonApi: { url: `${gw.url}/ca/submit`, method: 'POST', contentTypes: ['application/json', 'application/x-www-form-urlencoded'] },
      webhook: { url: `${gw.url}/webhook/${approval.webhookId}`, mapped: false },
    });
    expect(d.credentials).toMatchObject({
      compid: t.accountCode,
      sourceid: t.sourceId,
      campid: t.campaignId,
      authPreview: `${t.sourceAuth.slice(0, 10)}…`,
    });
    expect(d.credentials.authNote).toMatch(/gave you your auth key when they created your source/);

    const field = (name: string) => d.fields.find((f: { name: string }) => f.name === name);
    expect(d.fields.map((f: { name: string }) => f.name)).toEqual([
      'first',
      'last',
      'email',
      'phone',
      'address',
      'city',
      'state',
      'zip',
      'ip',
      'subid',
      'affid',
      'trustedform_cert_url',
      'jornaya_leadid',
      'landing_page',
      'vehicle_year',
    ]);
    expect(field('first')).toMatchObject({ type: 'text', required: true, requiredBy: 'campaign', custom: false });
    expect(field('zip')).toMatchObject({ type: 'zip', required: true, requiredBy: 'campaign' });
    expect(field('email')).toMatchObject({ type: 'email', required: true, requiredBy: 'source' });
    expect(field('vehicle_year')).toMatchObject({ type: 'text', required: true, requiredBy: 'source', custom: true });
    expect(field('landing_page')).toMatchObject({
      type: 'url',
      required: false,
      requiredBy: null,
      custom: true,
      description: 'Page the <i>lead</i> came from',
    });
    expect(field('trustedform_cert_url')).toMatchObject({ type: 'url', required: true, requiredBy: 'campaign' });
    expect(field('address')).toMatchObject({ required: false, requiredBy: null });
    expect(field('subid')).toMatchObject({ required: false, aliases: ['sub_id'] });
    expect(field('ip').description).toMatch(/must be a US address/);

    const r = d.requirements;
    expect(r.schedule).toMatchObject({ timeZone: 'America/Los_Angeles', timeZoneName: 'Pacific Time', alwaysOpen: false });
    expect(r.schedule.windows.map((w: { text: string }) => w.text)).toEqual([
      'Mon–Fri, 09:00–17:00',
      'Sat, 22:00–02:00 (closes the next day)',
    ]);
    expect(r.period).toMatchObject({ start: '2026-01-01', end: '2030-12-31' });
    expect(r.states).toMatchObject({ mode: 'INCLUDE', states: ['NY', 'TX'] });
    expect(r.zips).toEqual({
      mode: 'INCLUDE',
      count: 3,
      csvUrl: `${gw.url}/instructions/${token}/zips.csv`,
      text: 'Only leads with a ZIP code on the list are accepted (3 ZIP codes).',
    });
    expect(r.caps.source).toMatchObject({
      daily: 25,
      weekly: 100,
      monthly: null,
      total: null,
      text: 'Your source: up to 25 per day, 100 per week (accepted live leads).',
    });
    expect(r.caps.campaign).toMatchObject({ daily: 100, weekly: null, monthly: null, total: 5000 });
    expect(r.duplicates).toMatchObject({ keys: ['phone'], windowDays: 45 });
    expect(r.consent.requirement).toBe('TRUSTEDFORM');
    expect(r.usIpOnly).toBe(true);
    expect(r.rules).toEqual([
      { name: 'Homeowners', kind: 'CONDITION', description: 'homeowner = yes', rejectMessage: 'Condition: Homeowners' },
      // Standard fields are named as posted (subId → subid).
      { name: 'No test subs', kind: 'FILTER', description: 'subid starts with test', rejectMessage: 'Filter: No test subs' },
    ]);
    expect(r.blocked).toEqual({ subIds: ['bad-sub'], affIds: [] });

    expect(d.rejectionReasons.map((x: { message: string }) => x.message).sort()).toEqual(Object.values(REASON_MESSAGES).sort());
    expect(d.rejectionReasons).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_EMAIL', message: 'Duplicate email' }));
    expect(d.responses.map((x: { body: string }) => x.body)).toContain(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );
    expect(d.links).toEqual({
      page: `${gw.url}/instructions/${token}`,
      json: `${gw.url}/instructions/${token}.json`,
      zipsCsv: `${gw.url}/instructions/${token}/zips.csv`,
    });
    expect(d.curl).toContain(`curl -sS -X POST '${gw.url}/ca/submit'`);
    expect(d.curl).toContain('"auth": "YOUR_AUTH_KEY"');
  });

  it('gives a sample lead that meets the campaign rules; with the real auth key it is accepted as a test lead', async () => {
    const { sample } = JSON.parse((await get(`${gw.url}/instructions/${token}.json`)).text);
    // A state from the include list, and the zip of the list that belongs to it.
    expect(sample).toMatchObject({
      compid: t.accountCode,
      sourceid: t.sourceId,
      campid: t.campaignId,
      auth: 'YOUR_AUTH_KEY',
      state: 'NY',
      zip: '10001',
      test: 'true',
    });
    expect(Object.keys(sample)).toEqual(
      expect.arrayContaining(['first', 'last', 'email', 'phone', 'zip', 'vehicle_year', 'trustedform_cert_url', 'ip']),
    );

    const withoutKey = await postOpta(gw.url, sample);
    expect(withoutKey.reply).toMatchObject({ leadStatus: false, message: 'Invalid auth', testLead: true });
    const test = await postOpta(gw.url, { ...sample, auth: t.sourceAuth });
    expect(test.text).toBe(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );

    // Every stage the sample can satisfy passes (the schedule, the period and the Homeowners condition depend on the lead's time and data).
    const { explainLead } = await gqlOk(
      gw.url,
      `query($input: SubmitLeadInput!) { explainLead(input: $input) { stages { stage outcome message } } }`,
      {
        input: {
          campaignId: t.campaignId,
          first: sample.first,
          last: sample.last,
          email: sample.email,
          phone: sample.phone,
          address: sample.address,
          city: sample.city,
          state: sample.state,
          zip: sample.zip,
          ip: sample.ip,
          trustedFormCertUrl: sample.trustedform_cert_url,
          extra: { vehicle_year: sample.vehicle_year },
        },
      },
      t.sourceKey,
    );
    const outcome = Object.fromEntries(explainLead.stages.map((s: { stage: string; outcome: string }) => [s.stage, s.outcome]));
    for (const stage of [
      'required-fields',
      'email-format',
      'phone-format',
      'zip-format',
      'url-format',
      'ip',
      'consent',
      'state-targeting',
      'zip-targeting',
      'duplicates',
      'caps',
    ]) {
      expect([stage, outcome[stage]]).toEqual([stage, 'PASS']);
    }
    expect(outcome.conditions).toBe('REJECT');
  });

  it('serves the same content as an HTML page, every value escaped, the auth key never shown', async () => {
    const res = await get(`${gw.url}/instructions/${token}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=utf-8');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.text).toContain(`<script nonce="${nonce}">`);
    expect(res.text).not.toContain(t.sourceAuth);
    expect(res.text).not.toContain(t.sourceAuth.slice(0, 14));

    // Values from the database are escaped.
    expect(res.text).toContain('<h1>Auto &lt;b&gt;&amp;&lt;/b&gt; &quot;Home&quot; &#39;Ins&#39;</h1>');
    expect(res.text).not.toContain('<b>&</b>');
    expect(res.text).toContain('Page the &lt;i&gt;lead&lt;/i&gt; came from');
    expect(res.text).not.toContain('<i>lead</i>');

    for (const name of ['first', 'email', 'vehicle_year', 'landing_page', 'trustedform_cert_url'])
      expect(res.text).toContain(`data-field="${name}"`);
    expect(res.text).toContain(`<code id="cred-compid">${t.accountCode}</code>`);
    expect(res.text).toContain(`<code id="cred-sourceid">${t.sourceId}</code>`);
    expect(res.text).toContain(`<code id="cred-campid">${t.campaignId}</code>`);
    expect(res.text).toContain(`<code id="cred-auth">${t.sourceAuth.slice(0, 10)}…</code>`);
    expect(res.text).toContain(`<code id="url-json">${gw.url}/ca/submit</code>`);
    expect(res.text).toContain(`<code id="url-webhook">${gw.url}/webhook/${approval.webhookId}</code>`);
    expect(res.text).toContain(`href="${gw.url}/instructions/${token}/zips.csv"`);
    expect(res.text).toContain('Mon–Fri, 09:00–17:00');
    expect(res.text).toContain('subid starts with test');
    expect(res.text).toContain('Only leads from these 2 states are accepted: NY, TX.');
    expect(res.text).toContain('Missing TrustedForm/Jornaya');
    expect(res.text).toContain('<pre class="reply" aria-live="polite" aria-labelledby="response-title"><code id="response"></code></pre>');
    expect(res.text).toMatch(/<input type="password" id="t-auth" name="auth" value=""/);
  });

  it('uses the Host the page was reached at in every URL', async () => {
    const res = await getWithHost(`${gw.url}/instructions/${token}.json`, 'leads.example.com:8443');
    expect(res.status).toBe(200);
    const d = JSON.parse(res.body);
    expect(d.endpoints.jsonApi.url).toBe('http://leads.example.com:8443/ca/submit');
    expect(d.endpoints.webhook.url).toBe(`http://leads.example.com:8443/webhook/${approval.webhookId}`);
    // A Host header that is not a host name is not printed.
    const odd = await getWithHost(`${gw.url}/instructions/${token}.json`, 'evil.example.com/<script>');
    expect(odd.status).toBe(200);
    expect(JSON.parse(odd.body).endpoints.jsonApi.url).toBe('http://localhost/ca/submit');
  });

  it('downloads the zip list as CSV by token', async () => {
    const res = await get(`${gw.url}/instructions/${token}/zips.csv`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${t.campaignId}-zips.csv"`);
    expect(res.text).toBe('zip\n10001\n73301\n75001\n');
    const unknown = await get(`${gw.url}/instructions/${'0'.repeat(32)}/zips.csv`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ error: 'Posting instructions not found', code: 'NOT_FOUND' });
  });

  it.each([
    ['an unknown token', '0123456789abcdefghijklmnopqrstuv'],
    ['a malformed token', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['a too-long token', 'a'.repeat(60)],
  ])('answers 404 for %s, never a 500', async (_what, bad) => {
    const page = await get(`${gw.url}/instructions/${bad}`);
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('These posting instructions are not available');
    expect(page.text).not.toContain('<script>alert');
    const json = await get(`${gw.url}/instructions/${bad}.json`);
    expect(json.status).toBe(404);
    expect(JSON.parse(json.text)).toEqual({ error: 'Posting instructions not found', code: 'NOT_FOUND' });
    expect((await get(`${gw.url}/instructions/${bad}/zips.csv`)).status).toBe(404);
  });

  it('revoke takes the page down (404); rotate gives a new token and the old one stops working', async () => {
    const own = await createTenant(gw.url);
    const first = (await approvalOf(gw.url, own)).instructionsToken!;
    expect((await get(`${gw.url}/instructions/${first}.json`)).status).toBe(200);

    const { id } = await approvalOf(gw.url, own);
    const revoked = await gqlOk(gw.url, REVOKE, { id }, own.adminKey);
    expect(revoked.revokeInstructions).toEqual({ id, instructionsToken: null });
    for (const path of [first, `${first}.json`, `${first}/zips.csv`])
      expect((await get(`${gw.url}/instructions/${path}`)).status).toBe(404);
    expect((await get(`${gw.url}/instructions/${first}`)).text).toContain('These posting instructions are not available');

    const rotated = await gqlOk(gw.url, ROTATE, { id }, own.adminKey);
    const second = rotated.rotateInstructionsToken.instructionsToken as string;
    expect(rotated.rotateInstructionsToken).toMatchObject({ id, sourceId: own.sourceId, campaignId: own.campaignId });
    expect(second).toMatch(/^[0-9a-z]{32}$/);
    expect(second).not.toBe(first);
    expect((await get(`${gw.url}/instructions/${second}.json`)).status).toBe(200);
    expect((await get(`${gw.url}/instructions/${first}.json`)).status).toBe(404);

    // Rotating a live token: the previous one stops working at once.
    const third = (await gqlOk(gw.url, ROTATE, { id }, own.adminKey)).rotateInstructionsToken.instructionsToken as string;
    expect(third).not.toBe(second);
    expect((await get(`${gw.url}/instructions/${second}`)).status).toBe(404);
    expect((await get(`${gw.url}/instructions/${third}`)).status).toBe(200);
    expect((await approvalOf(gw.url, own)).instructionsToken).toBe(third);
  });

  it('only an ADMIN of the account may rotate or revoke', async () => {
    const own = await createTenant(gw.url);
    const other = await createTenant(gw.url);
    const { id, instructionsToken } = await approvalOf(gw.url, own);
    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, own.adminKey);

    for (const mutation of [ROTATE, REVOKE]) {
      for (const key of [createApiKey.key as string, own.sourceKey]) {
        const res = await gql(gw.url, mutation, { id }, key);
        expect(res.errors?.[0]).toMatchObject({ message: 'This operation needs an ADMIN key', extensions: { code: 'FORBIDDEN' } });
      }
      const foreign = await gql(gw.url, mutation, { id }, other.adminKey);
      expect(foreign.errors?.[0]).toMatchObject({ message: 'Source campaign not found', extensions: { code: 'NOT_FOUND' } });
      const unknown = await gql(gw.url, mutation, { id: 'sc_nope' }, own.adminKey);
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const anonymous = await gql(gw.url, mutation, { id });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Nothing changed: the link still works.
    expect((await approvalOf(gw.url, own)).instructionsToken).toBe(instructionsToken);
    expect((await get(`${gw.url}/instructions/${instructionsToken}`)).status).toBe(200);

    // The platform key acts on any account.
    const platform = await gqlOk(gw.url, ROTATE, { id }, PLATFORM_KEY);
    expect(platform.rotateInstructionsToken.instructionsToken).not.toBe(instructionsToken);
  });

  it('warns when the source is suspended or the campaign paused', async () => {
    const own = await createTenant(gw.url, { status: 'PAUSED' });
    await gqlOk(gw.url, APPROVE, { i: { sourceId: own.sourceId, campaignId: own.campaignId, active: false } }, own.adminKey);
    const ownToken = (await approvalOf(gw.url, own)).instructionsToken!;
    const d = JSON.parse((await get(`${gw.url}/instructions/${ownToken}.json`)).text);
    expect(d.campaign).toMatchObject({ status: 'PAUSED', active: false });
    expect(d.source.approved).toBe(false);
    const page = (await get(`${gw.url}/instructions/${ownToken}`)).text;
    expect(page).toContain('Your source is suspended on this campaign.');
    expect(page).toContain('This campaign is paused.');
  });
});
