import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { ALL_STAGES, createTenant, DRIVER, gql, gqlOk, sampleLead, startTestGateway, SUBMIT, type Tenant } from './helpers.js';

const UPDATE = `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) {
  periodStart periodEnd schedule { days start end } customFields { name type } stateTargeting { mode states }
  usIpOnly consent rules { name kind condition } duplicates { keys windowDays } caps { daily weekly monthly total } } }`;

describe(`campaign requirements through GraphQL (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  beforeAll(async () => {
    gw = await startTestGateway();
    t = await createTenant(gw.url);
  });
  afterAll(() => gw.close());

  it('stores and returns every requirement', async () => {
    const input = {
      periodStart: '2026-01-01',
      periodEnd: '2030-12-31',
      schedule: [
        { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '09:00', end: '17:00' },
        { days: ['SAT'], start: '22:00', end: '02:00' },
      ],
      customFields: [{ name: 'landing_page', type: 'URL' }],
      stateTargeting: { mode: 'EXCLUDE', states: ['ny', 'TX', 'NY'] },
      usIpOnly: true,
      consent: 'BOTH',
      rules: [
        {
          name: 'Homeowners',
          kind: 'CONDITION',
          condition: { any: [{ field: 'homeowner', op: 'eq', value: true }, { not: { field: 'rent', op: 'exists' } }] },
        },
      ],
      duplicates: { keys: ['PHONE'], windowDays: 90 },
      caps: { daily: 100, total: 5000 },
    };
    const { updateCampaign } = await gqlOk(gw.url, UPDATE, { id: t.campaignId, i: input }, t.adminKey);
    expect(updateCampaign).toEqual({
      ...input,
      stateTargeting: { mode: 'EXCLUDE', states: ['NY', 'TX'] },
      customFields: [{ name: 'landing_page', type: 'URL' }],
      rules: [
        {
          name: 'Homeowners',
          kind: 'CONDITION',
          condition: { any: [{ field: 'homeowner', op: 'eq', value: true }, { not: { field: 'rent', op: 'exists' } }] },
        },
      ],
      caps: { daily: 100, weekly: null, monthly: null, total: 5000 },
    });
    // null clears, omitted keeps.
    const cleared = await gqlOk(
      gw.url,
      UPDATE,
      {
        id: t.campaignId,
        i: { periodEnd: null, stateTargeting: null, caps: null, rules: [], usIpOnly: false, consent: 'NONE', schedule: [] },
      },
      t.adminKey,
    );
    expect(cleared.updateCampaign).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: null,
      stateTargeting: null,
      caps: { daily: null },
      rules: [],
      duplicates: { keys: ['PHONE'], windowDays: 90 },
    });
  });

  it.each([
    [
      { rules: [{ name: 'Bad', kind: 'FILTER', condition: { field: 'state', op: 'in', value: [] } }] },
      /^rules\[0\] "Bad": value: must be a non-empty array of strings, numbers or booleans for in/,
    ],
    [{ rules: [{ name: 'Bad', kind: 'FILTER', condition: { field: 'state' } }] }, /^rules\[0\] "Bad": /],
    [
      { rules: [{ name: 'Lookahead', kind: 'FILTER', condition: { field: 'email', op: 'matches', value: '(?=a)a' } }] },
      /^rules\[0\] "Lookahead": value: is not a valid regular expression/,
    ],
    [
      {
        rules: [
          { name: 'Twice', kind: 'FILTER', condition: { field: 'a', op: 'exists' } },
          { name: 'Twice', kind: 'FILTER', condition: { field: 'a', op: 'exists' } },
        ],
      },
      /^rules: the name "Twice" is used twice$/,
    ],
    [{ schedule: [{ days: ['MON'], start: '9am', end: '17:00' }] }, /^schedule\[0\]\.start must be a time as HH:MM/],
    [{ schedule: [{ days: [], start: '09:00', end: '17:00' }] }, /^schedule\[0\]\.days must name at least one day$/],
    [{ periodStart: '2026-02-30' }, /^periodStart must be a date as YYYY-MM-DD/],
    [{ periodStart: '2027-01-02', periodEnd: '2027-01-01' }, /^periodStart \(2027-01-02\) is after periodEnd \(2027-01-01\)$/],
    [{ stateTargeting: { mode: 'INCLUDE', states: ['CA', 'XX'] } }, /^stateTargeting\.states: unknown state code\(s\) XX$/],
    [{ duplicates: { keys: ['EMAIL'], windowDays: 0 } }, /^duplicates\.windowDays must be between 1 and 3650$/],
    [{ caps: { daily: -1 } }, /^caps\.daily must be a whole number/],
    [{ customFields: [{ name: 'email', type: 'URL' }] }, /^customFields\[0\]: "email" is a standard field$/],
    [
      { rules: [{ name: 'Dotted', kind: 'CONDITION', condition: { field: 'contact.age', op: 'gte', value: 18 } }] },
      /^rules\[0\] "Dotted": "contact\.age" is not a lead field name/,
    ],
    [{ requiredFields: Array.from({ length: 51 }, (_, i) => `f${i}`) }, /^requiredFields may list at most 50 fields$/],
  ])('refuses %j with a clear message and stores nothing', async (input, message) => {
    const before = await gqlOk(
      gw.url,
      `query($id: ID!) { campaign(id: $id) { rules { name } schedule { start } periodStart caps { daily } } }`,
      { id: t.campaignId },
      t.adminKey,
    );
    const res = await gql(gw.url, UPDATE, { id: t.campaignId, i: input }, t.adminKey);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    const after = await gqlOk(
      gw.url,
      `query($id: ID!) { campaign(id: $id) { rules { name } schedule { start } periodStart caps { daily } } }`,
      { id: t.campaignId },
      t.adminKey,
    );
    expect(after).toEqual(before);
  });

  it('uploads a zip list as CSV, serves it back, and looks zips up in it', async () => {
    const own = await createTenant(gw.url, { requiredFields: ['zip'] });
    const zips = Array.from({ length: 40_000 }, (_, i) => String(10_000 + i * 2).padStart(5, '0'));
    const csv = `zip\n${zips.join('\n')}\n`;
    const put = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv?mode=INCLUDE`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${own.adminKey}` },
      body: csv,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ campaignId: own.campaignId, zipMode: 'INCLUDE', zipCount: 40_000 });
    const get = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv`, { headers: { authorization: `Bearer ${own.sourceKey}` } });
    expect(get.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await get.text()).toBe(`zip\n${[...zips].sort().join('\n')}\n`);

    const inList = await gqlOk(gw.url, SUBMIT, { input: sampleLead(own.campaignId, { zip: '10002' }) }, own.sourceKey);
    expect(inList.submitLead.status).toBe('ACCEPTED');
    const outside = await gqlOk(gw.url, SUBMIT, { input: sampleLead(own.campaignId, { zip: '10001' }) }, own.sourceKey);
    expect(outside.submitLead).toMatchObject({ status: 'REJECTED', message: 'Zip targeting' });

    const bad = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv?mode=INCLUDE`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${own.adminKey}` },
      body: 'zip\n12345\nnope\n',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [
        { message: 'zip list has 1 invalid entry (5 or 9 digits expected): line 3: "nope"', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
    const twoModes = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv?mode=INCLUDE&mode=EXCLUDE`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${own.adminKey}` },
      body: '12345\n',
    });
    expect(twoModes.status).toBe(400);
    const empty = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv?mode=INCLUDE`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${own.adminKey}` },
      body: 'zip\n',
    });
    expect(empty.status).toBe(400);
    const unapproved = await createTenant(gw.url);
    const notMine = await fetch(`${gw.url}/campaigns/${unapproved.campaignId}/zips.csv`, {
      headers: { authorization: `Bearer ${own.sourceKey}` },
    });
    expect(notMine.status).toBe(404);
    const { createCampaign: hidden } = await gqlOk(
      gw.url,
      `mutation { createCampaign(input: { name: "Hidden", category: "x" }) { id } }`,
      {},
      own.adminKey,
    );
    const hiddenZips = await fetch(`${gw.url}/campaigns/${hidden.id}/zips.csv`, { headers: { authorization: `Bearer ${own.sourceKey}` } });
    expect(hiddenZips.status).toBe(404);
    const reader = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv?mode=EXCLUDE`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${own.sourceKey}` },
      body: '12345\n',
    });
    expect(reader.status).toBe(403);
    const stranger = await fetch(`${gw.url}/campaigns/${own.campaignId}/zips.csv`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    expect(stranger.status).toBe(404);

    const { clearZipTargeting } = await gqlOk(
      gw.url,
      `mutation($c: ID!) { clearZipTargeting(campaignId: $c) { zipMode zipCount } }`,
      { c: own.campaignId },
      own.adminKey,
    );
    expect(clearZipTargeting).toEqual({ zipMode: null, zipCount: 0 });
    const open = await gqlOk(gw.url, SUBMIT, { input: sampleLead(own.campaignId, { zip: '10001' }) }, own.sourceKey);
    expect(open.submitLead.status).toBe('ACCEPTED');
  });

  it('manages the account block list with normalized values', async () => {
    const own = await createTenant(gw.url);
    const added = await gqlOk(
      gw.url,
      `mutation { blockValues(kind: PHONE, values: ["(415) 555-0100", "+1 415 555 0100", "4155550101"]) }`,
      {},
      own.adminKey,
    );
    expect(added.blockValues).toBe(2);
    const list = await gqlOk(gw.url, `{ blockedValues(kind: PHONE) { value kind } }`, {}, own.adminKey);
    expect(list.blockedValues).toEqual([
      { value: '+14155550100', kind: 'PHONE' },
      { value: '+14155550101', kind: 'PHONE' },
    ]);
    const bad = await gql(gw.url, `mutation { blockValues(kind: EMAIL, values: ["not-an-email"]) }`, {}, own.adminKey);
    expect(bad.errors?.[0]).toMatchObject({ message: '"not-an-email" is not an email address', extensions: { code: 'BAD_USER_INPUT' } });
    const removed = await gqlOk(gw.url, `mutation { unblockValues(kind: PHONE, values: ["415-555-0100"]) }`, {}, own.adminKey);
    expect(removed.unblockValues).toBe(1);
    const reader = await gql(gw.url, `mutation { blockValues(kind: PHONE, values: ["4155550102"]) }`, {}, own.sourceKey);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('explainLead runs every stage without stopping, storing or claiming', async () => {
    const own = await createTenant(gw.url, {
      requiredFields: ['first', 'phone', 'zip'],
      consent: 'TRUSTEDFORM',
      stateTargeting: { mode: 'INCLUDE', states: ['TX'] },
    });
    const EXPLAIN = `query($input: SubmitLeadInput!) { explainLead(input: $input) { decision { status reasonCode message leadId } stages { stage outcome reasonCode message } } }`;
    const lead = sampleLead(own.campaignId, { email: 'bad-email', zip: undefined });
    const { explainLead } = await gqlOk(gw.url, EXPLAIN, { input: lead }, own.sourceKey);
    expect(explainLead.decision).toEqual({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', message: 'Missing zip', leadId: null });
    expect(explainLead.stages.map((s: { stage: string }) => s.stage)).toEqual(ALL_STAGES);
    const rejects = explainLead.stages
      .filter((s: { outcome: string }) => s.outcome === 'REJECT')
      .map((s: { message: string }) => s.message);
    expect(rejects).toEqual(['Missing zip', 'Email format', 'Missing TrustedForm/Jornaya', 'State targeting']);

    const good = sampleLead(own.campaignId, { state: 'TX', trustedFormCertUrl: `https://cert.trustedform.com/${'a1'.repeat(20)}` });
    const ok = await gqlOk(gw.url, EXPLAIN, { input: good }, own.sourceKey);
    expect(ok.explainLead.decision).toMatchObject({ status: 'ACCEPTED', reasonCode: null });
    // Nothing was stored or claimed: the same lead is still accepted, and explaining again now shows the duplicate.
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, includeTest: true }) { totalCount } }`,
      { c: own.campaignId },
      own.adminKey,
    );
    expect(leads.totalCount).toBe(0);
    expect((await gqlOk(gw.url, SUBMIT, { input: good }, own.sourceKey)).submitLead.status).toBe('ACCEPTED');
    const dup = await gqlOk(gw.url, EXPLAIN, { input: good }, own.sourceKey);
    expect(dup.explainLead.decision).toMatchObject({ status: 'REJECTED', reasonCode: 'DUPLICATE_EMAIL' });
    expect(dup.explainLead.stages.find((s: { stage: string }) => s.stage === 'duplicates')).toEqual({
      stage: 'duplicates',
      outcome: 'REJECT',
      reasonCode: 'DUPLICATE_EMAIL',
      message: 'Duplicate email',
    });
  });

  it('explainLead tells a caller without valid credentials only that', async () => {
    const own = await createTenant(gw.url, {
      rules: [{ name: 'Secret rule', kind: 'FILTER', condition: { field: 'state', op: 'eq', value: 'CA' } }],
    });
    const lead = sampleLead(own.campaignId);
    await gqlOk(gw.url, SUBMIT, { input: { ...lead, state: 'TX' } }, own.sourceKey);
    const EXPLAIN = `query($input: SubmitLeadInput!) { explainLead(input: $input) { decision { reasonCode } stages { stage reasonCode } } }`;
    for (const creds of [
      { sourceId: 'src_nope', sourceAuth: 'x' },
      { sourceId: own.sourceId, sourceAuth: 'lgs_wrong' },
    ]) {
      const { explainLead } = await gqlOk(gw.url, EXPLAIN, { input: { ...lead, ...creds } });
      expect(explainLead.stages).toEqual([
        { stage: 'source', reasonCode: creds.sourceId === 'src_nope' ? 'INVALID_SOURCE' : 'INVALID_AUTH' },
      ]);
    }
    const stranger = await createTenant(gw.url);
    const cross = await gql(gw.url, EXPLAIN, { input: lead }, stranger.sourceKey);
    expect(cross.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('honours idempotency keys: a retry replays, another payload with the key is refused', async () => {
    const own = await createTenant(gw.url);
    const lead = sampleLead(own.campaignId);
    const key = `idem-${process.pid}-${Date.now()}`;
    const first = await gqlOk(
      gw.url,
      `mutation($input: SubmitLeadInput!, $k: String) { submitLead(input: $input, idempotencyKey: $k) { status leadId price } }`,
      { input: lead, k: key },
      own.sourceKey,
    );
    expect(first.submitLead.status).toBe('ACCEPTED');
    const viaHeader = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${own.sourceKey}`, 'idempotency-key': key },
      body: JSON.stringify({
        query: `mutation($input: SubmitLeadInput!) { submitLead(input: $input) { status leadId price } }`,
        variables: { input: lead },
      }),
    }).then((r) => r.json() as Promise<{ data: { submitLead: unknown } }>);
    expect(viaHeader.data.submitLead).toEqual(first.submitLead);
    const other = await gql(
      gw.url,
      `mutation($input: SubmitLeadInput!, $k: String) { submitLead(input: $input, idempotencyKey: $k) { status } }`,
      { input: sampleLead(own.campaignId), k: key },
      own.sourceKey,
    );
    expect(other.errors?.[0]).toMatchObject({
      message: 'This Idempotency-Key was already used with a different request; use a new key for a new lead',
      extensions: { code: 'CONFLICT' },
    });
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }) { totalCount } }`,
      { c: own.campaignId },
      own.adminKey,
    );
    expect(leads.totalCount).toBe(1);
    const concurrent = `idem-race-${process.pid}-${Date.now()}`;
    const racing = await Promise.all(
      Array.from({ length: 20 }, () =>
        gqlOk(
          gw.url,
          `mutation($input: SubmitLeadInput!, $k: String) { submitLead(input: $input, idempotencyKey: $k) { status leadId } }`,
          { input: { ...lead, email: `x.${lead.email}`, phone: '(415) 555-0111' }, k: concurrent },
          own.sourceKey,
        ),
      ),
    );
    expect(new Set(racing.map((r) => r.submitLead.leadId)).size).toBe(1);
    expect(racing.every((r) => r.submitLead.status === 'ACCEPTED')).toBe(true);
  });

  it('applies source-level required fields after the campaign ones', async () => {
    const own = await createTenant(gw.url, { requiredFields: ['first', 'phone'] });
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { requiredFields } }`,
      {
        i: { sourceId: own.sourceId, campaignId: own.campaignId, requiredFields: ['jornayaLeadId', 'phone', 'car_make'] },
      },
      own.adminKey,
    );
    const res = await gqlOk(gw.url, SUBMIT, { input: sampleLead(own.campaignId, { first: undefined }) }, own.sourceKey);
    expect(res.submitLead.message).toBe('Missing first, jornayaLeadId, car_make');
  });
});
