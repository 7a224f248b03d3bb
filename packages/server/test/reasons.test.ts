import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { localTime } from '../src/shared/local-time.js';
import { createTenant, DRIVER, gqlOk, optaBody, postOpta, sampleLead, startTestGateway, SUBMIT, type Tenant } from './helpers.js';

type Lead = ReturnType<typeof sampleLead> & Record<string, unknown>;

interface ReasonCase {
  code: string;
  message: string;
  /** Campaign settings for createCampaign. */
  campaign?: Record<string, unknown>;
  /** Runs after the tenant exists (approvals, block lists, zip lists, a first lead). */
  setup?: (t: Tenant, url: string, lead: Lead) => Promise<void>;
  /** Changes to a valid sample lead. */
  lead?: Record<string, unknown>;
}

const UPDATE_APPROVAL = `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`;
const otherDay = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'][
  (['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].indexOf(localTime(new Date(), 'America/Los_Angeles').weekday) + 3) % 7
];
const submitFirst = async (t: Tenant, url: string, lead: Lead) => {
  const { submitLead } = await gqlOk(
    url,
    SUBMIT,
    { input: { ...lead, email: `first.${lead.email}`, phone: '(213) 555-0100', ...pick(lead) } },
    t.sourceKey,
  );
  expect(submitLead.status).toBe('ACCEPTED');
};
let pickKeys: string[] = [];
const pick = (lead: Lead) => Object.fromEntries(pickKeys.map((k) => [k, lead[k]]));

const CASES: ReasonCase[] = [
  { code: 'CAMPAIGN_INACTIVE', message: 'Campaign inactive', campaign: { status: 'PAUSED' } },
  { code: 'CAMPAIGN_PERIOD', message: 'Campaign period', campaign: { periodStart: '2020-01-01', periodEnd: '2020-12-31' } },
  { code: 'CAMPAIGN_SCHEDULE', message: 'Campaign schedule', campaign: { schedule: [{ days: [otherDay], start: '00:00', end: '24:00' }] } },
  {
    code: 'MISSING_FIELDS',
    message: 'Missing first, zip',
    campaign: { requiredFields: ['first', 'phone', 'zip'] },
    lead: { first: undefined, zip: '  ' },
  },
  { code: 'EMAIL_FORMAT', message: 'Email format', lead: { email: 'ada.example.com' } },
  { code: 'PHONE_FORMAT', message: 'Phone format', lead: { phone: '213-555-01' } },
  { code: 'ZIP_FORMAT', message: 'Zip format', lead: { zip: '9001' } },
  {
    code: 'URL_FORMAT',
    message: 'URL format',
    campaign: { customFields: [{ name: 'landing_page', type: 'URL' }] },
    lead: { extra: { landing_page: 'not a url' } },
  },
  {
    code: 'PHONE_BLOCKED',
    message: 'Phone blocked',
    lead: { phone: '213-555-0199' },
    setup: (t, url) =>
      gqlOk(url, `mutation { blockValues(kind: PHONE, values: ["(213) 555-0199"]) }`, {}, t.adminKey).then(() => undefined),
  },
  {
    code: 'EMAIL_BLOCKED',
    message: 'Email blocked',
    lead: { email: 'Blocked.Person@Example.com' },
    setup: (t, url) =>
      gqlOk(url, `mutation { blockValues(kind: EMAIL, values: ["blocked.person@example.com"]) }`, {}, t.adminKey).then(() => undefined),
  },
  {
    code: 'SUBID_BLOCKED',
    message: 'SubID blocked',
    lead: { subId: 'bad-sub' },
    setup: (t, url) =>
      gqlOk(url, UPDATE_APPROVAL, { i: { sourceId: t.sourceId, campaignId: t.campaignId, blockedSubIds: ['bad-sub'] } }, t.adminKey).then(
        () => undefined,
      ),
  },
  {
    code: 'AFFID_BLOCKED',
    message: 'AffID blocked',
    lead: { affId: 'aff-9' },
    setup: (t, url) =>
      gqlOk(url, UPDATE_APPROVAL, { i: { sourceId: t.sourceId, campaignId: t.campaignId, blockedAffIds: ['aff-9'] } }, t.adminKey).then(
        () => undefined,
      ),
  },
  { code: 'NON_US_IP', message: 'Non-US IP', campaign: { usIpOnly: true }, lead: { ip: '81.2.69.142' } },
  { code: 'IP_VERIFICATION', message: 'IP verification', lead: { ip: '999.10.1.1' } },
  { code: 'MISSING_CONSENT', message: 'Missing TrustedForm/Jornaya', campaign: { consent: 'EITHER' } },
  { code: 'TRUSTEDFORM_FORMAT', message: 'TrustedForm format', lead: { trustedFormCertUrl: 'https://example.com/cert/123' } },
  { code: 'JORNAYA_FORMAT', message: 'Jornaya format', campaign: { consent: 'JORNAYA' }, lead: { jornayaLeadId: 'not-a-token' } },
  { code: 'STATE_TARGETING', message: 'State targeting', campaign: { stateTargeting: { mode: 'INCLUDE', states: ['TX', 'NY'] } } },
  {
    code: 'ZIP_TARGETING',
    message: 'Zip targeting',
    setup: (t, url) =>
      gqlOk(
        url,
        `mutation($c: ID!) { setZipTargeting(campaignId: $c, mode: EXCLUDE, zips: ["90012", "10001"]) { id } }`,
        { c: t.campaignId },
        t.adminKey,
      ).then(() => undefined),
  },
  {
    code: 'CONDITION',
    message: 'Condition: Adults only',
    lead: { extra: { age: 16 } },
    campaign: { rules: [{ name: 'Adults only', kind: 'CONDITION', condition: { field: 'age', op: 'gte', value: 18 } }] },
  },
  {
    code: 'FILTER',
    message: 'Filter: No LA leads',
    lead: { city: 'los angeles ' },
    campaign: {
      rules: [
        {
          name: 'No LA leads',
          kind: 'FILTER',
          condition: {
            all: [
              { field: 'state', op: 'eq', value: 'CA' },
              { field: 'city', op: 'in', value: ['Los Angeles', 'Burbank'] },
            ],
          },
        },
      ],
    },
  },
  {
    code: 'DUPLICATE_EMAIL',
    message: 'Duplicate email',
    setup: async (t, url, lead) => {
      pickKeys = ['email'];
      await submitFirst(t, url, lead);
    },
  },
  {
    code: 'DUPLICATE_PHONE',
    message: 'Duplicate phone',
    setup: async (t, url, lead) => {
      pickKeys = ['phone'];
      await submitFirst(t, url, lead);
    },
  },
  ...(['daily', 'weekly', 'monthly', 'total'] as const).map(
    (period): ReasonCase => ({
      code: `${period.toUpperCase()}_CAP`,
      message: `${period[0]!.toUpperCase()}${period.slice(1)} cap`,
      setup: async (t, url, lead) => {
        await gqlOk(url, UPDATE_APPROVAL, { i: { sourceId: t.sourceId, campaignId: t.campaignId, caps: { [period]: 1 } } }, t.adminKey);
        pickKeys = [];
        await submitFirst(t, url, lead);
      },
    }),
  ),
  {
    code: 'CAMPAIGN_CAP',
    message: 'Campaign cap',
    campaign: { caps: { monthly: 1 } },
    setup: async (t, url, lead) => {
      pickKeys = [];
      await submitFirst(t, url, lead);
    },
  },
];

describe(`every reason, through GraphQL and /ca/submit alike (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(CASES.map((c) => [c.code, c] as const))('%s', async (_code, c) => {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone'], ...c.campaign });
    const lead = { ...sampleLead(t.campaignId), ...c.lead } as Lead;
    await c.setup?.(t, gw.url, lead);

    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    expect(submitLead).toMatchObject({ status: 'REJECTED', reasonCode: c.code, message: c.message, price: 0 });
    expect(submitLead.leadId).toMatch(/^lead_/);

    const opta = await postOpta(gw.url, optaBody(t, lead));
    expect(opta.status).toBe(200);
    expect(opta.text).toBe(`{"leadStatus":false,"reason":"Opta Reject","message":${JSON.stringify(c.message)},"price":0.00}`);

    const { lead: stored } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { status reasonCode reasonMessage trace { stage outcome reasonCode } } }`,
      { id: submitLead.leadId },
      t.adminKey,
    );
    expect(stored).toMatchObject({ status: 'REJECTED', reasonCode: c.code, reasonMessage: c.message });
    expect(stored.trace.at(-1)).toMatchObject({ outcome: 'REJECT', reasonCode: c.code });
    expect(stored.trace.slice(0, -1).every((s: { outcome: string }) => s.outcome === 'PASS')).toBe(true);
  });

  it('the same valid lead is accepted through either door, at the same price', async () => {
    const t = await createTenant(gw.url, { defaultPrice: 12.5 });
    const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    expect(submitLead).toMatchObject({ status: 'ACCEPTED', price: 12.5 });
    const opta = await postOpta(gw.url, optaBody(t, sampleLead(t.campaignId)));
    expect(opta.text).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
  });

  it('answers Invalid source and Invalid auth the same way through both doors', async () => {
    const t = await createTenant(gw.url);
    const lead = sampleLead(t.campaignId);
    const badAuth = await gqlOk(gw.url, SUBMIT, { input: { ...lead, sourceId: t.sourceId, sourceAuth: 'lgs_wrong' } });
    expect(badAuth.submitLead).toMatchObject({ reasonCode: 'INVALID_AUTH', message: 'Invalid auth' });
    expect((await postOpta(gw.url, { ...optaBody(t, lead), auth: 'lgs_wrong' })).reply).toMatchObject({
      leadStatus: false,
      message: 'Invalid auth',
    });
    const badSource = await gqlOk(gw.url, SUBMIT, { input: { ...lead, sourceId: 'src_unknown', sourceAuth: t.sourceAuth } });
    expect(badSource.submitLead).toMatchObject({ reasonCode: 'INVALID_SOURCE', message: 'Invalid source' });
    expect((await postOpta(gw.url, { ...optaBody(t, lead), sourceid: 'src_unknown' })).reply).toMatchObject({
      leadStatus: false,
      message: 'Invalid source',
    });
  });
});
