/**
 * Sets up a realistic campaign through the public API only (GraphQL with the platform admin key,
 * and the zip CSV upload): an account, an ACTIVE campaign with about twenty rules in force, an
 * approved source with caps and blocked sub ids, and a SOURCE API key.
 */
import { gql } from './api.js';
import { BLOCKED_SUB_IDS, CANDIDATE_IPS, LeadFactory, TARGET_STATES, zipCsv, zipList, type BenchLead } from './leads.js';

/** What the scenarios need to post into the bench campaign. */
export interface BenchTenant {
  accountId: string;
  /** The account's 8-character code (Opta's compid). */
  accountCode: string;
  campaignId: string;
  sourceId: string;
  /** The source auth key (Opta's auth). */
  sourceAuth: string;
  /** A SOURCE API key for the source (Bearer for submitLead). */
  sourceKey: string;
  /** The zip INCLUDE list. */
  zips: string[];
  /** Candidate IPs that explainLead accepted (placed in the US). */
  usIps: string[];
  /** The rules in force, for the report. */
  rulesInForce: string[];
}

const ALL_WEEK = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** The campaign's named conditions and filters, in the condition language. */
const NAMED_RULES = [
  { name: 'Adult', kind: 'CONDITION', condition: { field: 'age', op: 'gte', value: 18 } },
  { name: 'Blocked domain', kind: 'FILTER', condition: { field: 'email', op: 'endsWith', value: '@blocked.example' } },
  { name: 'Licensed state', kind: 'CONDITION', condition: { field: 'state', op: 'in', value: [...TARGET_STATES] } },
  { name: 'Test first name', kind: 'FILTER', condition: { field: 'first', op: 'eq', value: 'test' } },
  {
    name: 'Secure landing page',
    kind: 'CONDITION',
    condition: {
      all: [
        { field: 'landing_page', op: 'exists' },
        { field: 'landing_page', op: 'startsWith', value: 'https://' },
      ],
    },
  },
  {
    name: 'Junk last name',
    kind: 'FILTER',
    condition: {
      any: [
        { field: 'last', op: 'matches', value: '^(asdf|x+|test|none)$' },
        { field: 'last', op: 'eq', value: 'unknown' },
      ],
    },
  },
  { name: 'Not a seed', kind: 'FILTER', condition: { not: { field: 'subId', op: 'notIn', value: ['seed-1', 'seed-2'] } } },
];

const CAMPAIGN_CAPS = { daily: 100_000_000, weekly: 500_000_000, monthly: 1_000_000_000 };
const SOURCE_CAPS = { daily: 50_000_000, total: 1_000_000_000 };

/** The GraphQL SubmitLeadInput of a generated lead. */
export function submitLeadInput(campaignId: string, lead: BenchLead): Record<string, unknown> {
  return { campaignId, ...lead };
}

export async function setupCampaign(url: string, adminKey: string, log: (line: string) => void): Promise<BenchTenant> {
  const { createAccount: account } = await gql<{ createAccount: { id: string; code: string } }>(
    url,
    'mutation CreateAccount($i: CreateAccountInput!) { createAccount(input: $i) { id code } }',
    { i: { name: `Bench Leads ${Date.now().toString(36)}`, timeZone: 'America/New_York' } },
    adminKey,
  );

  const { createCampaign: campaign } = await gql<{ createCampaign: { id: string; status: string } }>(
    url,
    'mutation CreateCampaign($i: CreateCampaignInput!) { createCampaign(input: $i) { id status } }',
    {
      i: {
        accountId: account.id,
        name: 'Bench auto insurance',
        category: 'Auto Insurance',
        status: 'ACTIVE',
        defaultPrice: 10,
        requiredFields: ['first', 'last', 'email', 'phone', 'state', 'zip', 'ip'],
        schedule: [{ days: ALL_WEEK, start: '00:00', end: '24:00' }],
        customFields: [
          { name: 'age', type: 'TEXT', description: 'Age in years' },
          { name: 'landing_page', type: 'URL', description: 'Where the consumer filled the form' },
        ],
        stateTargeting: { mode: 'INCLUDE', states: [...TARGET_STATES] },
        usIpOnly: true,
        consent: 'EITHER',
        rules: NAMED_RULES,
        duplicates: { keys: ['EMAIL', 'PHONE'], windowDays: 30 },
        caps: CAMPAIGN_CAPS,
      },
    },
    adminKey,
  );
  if (campaign.status !== 'ACTIVE') throw new Error(`the campaign is ${campaign.status}, expected ACTIVE`);

  const zips = zipList();
  const upload = await fetch(`${url}/campaigns/${campaign.id}/zips.csv?mode=INCLUDE`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminKey}` },
    body: zipCsv(zips),
    signal: AbortSignal.timeout(60_000),
  });
  const uploaded = (await upload.json()) as { zipCount?: number; zipMode?: string };
  if (upload.status !== 200 || uploaded.zipCount !== zips.length || uploaded.zipMode !== 'INCLUDE') {
    throw new Error(`zip upload failed: HTTP ${upload.status} ${JSON.stringify(uploaded).slice(0, 300)}`);
  }

  const { createSource } = await gql<{ createSource: { source: { id: string }; authKey: string } }>(
    url,
    'mutation CreateSource($i: CreateSourceInput!) { createSource(input: $i) { source { id } authKey } }',
    { i: { accountId: account.id, name: 'Bench vendor' } },
    adminKey,
  );
  const sourceId = createSource.source.id;

  const { approveSource } = await gql<{ approveSource: { active: boolean } }>(
    url,
    'mutation Approve($i: ApproveSourceInput!) { approveSource(input: $i) { active } }',
    {
      i: {
        sourceId,
        campaignId: campaign.id,
        active: true,
        price: 12.5,
        requiredFields: ['subId'],
        caps: SOURCE_CAPS,
        blockedSubIds: BLOCKED_SUB_IDS,
        blockedAffIds: ['aff-blocked-1'],
      },
    },
    adminKey,
  );
  if (!approveSource.active) throw new Error('the source approval is not active');

  const { createApiKey } = await gql<{ createApiKey: { key: string } }>(
    url,
    'mutation Key($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
    { i: { accountId: account.id, role: 'SOURCE', sourceId, name: 'bench vendor key' } },
    adminKey,
  );

  // Dry-run one lead per candidate IP through every stage (explainLead stores nothing) and keep
  // the IPs the gateway places in the US; any other rejection means the lead shape is wrong.
  const usIps: string[] = [];
  const probe = new LeadFactory(zips, ['0.0.0.0']);
  for (const ip of CANDIDATE_IPS) {
    const lead = { ...probe.next(), ip };
    const { explainLead } = await gql<{
      explainLead: {
        decision: { status: string; message: string };
        stages: Array<{ stage: string; outcome: string; message: string | null }>;
      };
    }>(
      url,
      'query Explain($i: SubmitLeadInput!) { explainLead(input: $i) { decision { status message } stages { stage outcome message } } }',
      { i: submitLeadInput(campaign.id, lead) },
      createApiKey.key,
    );
    const failed = explainLead.stages.filter((s) => s.outcome !== 'PASS');
    if (explainLead.decision.status === 'ACCEPTED') usIps.push(ip);
    else if (failed.some((s) => s.stage !== 'ip')) {
      throw new Error(`a generated lead would be rejected: ${failed.map((s) => `${s.stage}: ${s.message}`).join('; ')}`);
    } else log(`  IP ${ip} is not placed in the US by the gateway; not used`);
  }
  if (usIps.length === 0) throw new Error(`none of the candidate IPs (${CANDIDATE_IPS.join(', ')}) passes usIpOnly`);

  const rulesInForce = [
    'source and auth',
    'campaign ACTIVE',
    'schedule 7 days 00:00-24:00',
    'required first,last,email,phone,state,zip,ip',
    'source requires subId',
    'email format',
    'phone format (US)',
    'zip format',
    'URL custom field landing_page',
    'phone/email block list lookup',
    `${BLOCKED_SUB_IDS.length} blocked sub ids + 1 blocked aff id`,
    'usIpOnly (offline GeoIP)',
    'consent EITHER (TrustedForm cert)',
    `state INCLUDE ${TARGET_STATES.length} states`,
    `zip INCLUDE ${zips.length} zips`,
    ...NAMED_RULES.map((r) => `${r.kind.toLowerCase()} "${r.name}"`),
    'duplicates EMAIL+PHONE 30 days',
    'campaign caps daily/weekly/monthly',
    'source caps daily/total',
  ];
  return {
    accountId: account.id,
    accountCode: account.code,
    campaignId: campaign.id,
    sourceId,
    sourceAuth: createSource.authKey,
    sourceKey: createApiKey.key,
    zips,
    usIps,
    rulesInForce,
  };
}
