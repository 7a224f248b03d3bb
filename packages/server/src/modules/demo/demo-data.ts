import type { EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { issueKey } from '../api-keys/api-key.service.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import { Account } from '../accounts/account.entity.js';
import { AccountService } from '../accounts/account.service.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { CampaignStatus } from '../campaigns/campaign-status.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import { SOURCE_KEY_PREFIX } from '../sources/source.service.js';
import { DialerCampaignService } from '../dialer/dialer-campaign.service.js';
import { DialerList } from '../dialer/dialer-list.entity.js';
import { Buyer } from '../buyers/buyer.entity.js';
import { LeadRouting, ListMode } from '../campaigns/requirement-enums.js';
import { IntakeService } from '../intake/index.js';
import { LeadDoor } from '../leads/lead-enums.js';
import type { Caller } from '../../auth/caller.js';
import { demoHistory } from './demo-history.js';

/** What {@link seedDemoData} made; the secrets are in clear once, here. */
export interface DemoData {
  accountId: string;
  accountCode: string;
  campaignId: string;
  sourceId: string;
  sourceAuthKey: string;
  sourceApiKey: string;
  accountAdminKey: string;
  /** A READER key: the dashboard's sign-in. */
  readerKey: string;
  /** Leads of the demo history posted through the intake (0 without history). */
  historyLeads: number;
  /** A dialer list (`list_id`) of the "Demo outbound" dialer campaign. */
  dialerListId: number;
}

/** Options for {@link seedDemoData}. */
export interface DemoOptions {
  /** Post about 30 days of leads through the intake, default `true`. */
  history?: boolean;
  /** The end of the history, default now. */
  now?: Date;
}

/**
 * Creates a demo account ("Demo Leads", code DEMO0001), an ACTIVE "Auto Insurance" campaign
 * requiring first, last, phone and zip at $12.50, and an approved source with an auth key and
 * a SOURCE API key, and a "Demo outbound" dialer campaign with one list. For the dashboard, a
 * second campaign that sells to two buyers, a second source, a READER key and about 30 days of
 * leads posted through the real intake on a moved clock (so every number agrees with the
 * leads). Returns null, doing nothing, when any account exists already.
 */
export async function seedDemoData(em: EntityManager, options: DemoOptions = {}): Promise<DemoData | null> {
  if ((await em.count(Account, {})) > 0) return null;
  const demo = await em.transactional(async (tx) => {
    const account = await new AccountService().createUnchecked(tx, {
      name: 'Demo Leads', slug: 'demo-leads', code: 'DEMO0001', timeZone: 'America/Los_Angeles',
    });
    const campaign = tx.create(Campaign, {
      account, name: 'Demo auto insurance', category: 'Auto Insurance', status: CampaignStatus.ACTIVE,
      timeZone: account.timeZone, requiredFields: ['first', 'last', 'phone', 'zip'], defaultPriceCents: 1250,
    });
    const sourceAuthKey = newSecret(SOURCE_KEY_PREFIX);
    const source = tx.create(Source, {
      account, name: 'Demo vendor', authKeyHash: hashSecret(sourceAuthKey), authKeyPreview: secretPreview(sourceAuthKey),
    });
    tx.create(SourceCampaign, { source, campaign, active: true });
    const sourceKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.SOURCE, source, name: 'demo vendor key' });
    const adminKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.ADMIN, source: null, name: 'demo admin key' });
    const readerKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.READER, source: null, name: 'demo dashboard key' });
    const dialerCampaign = DialerCampaignService.build(tx, account as Account, 'Demo outbound');
    const dialerList = tx.create(DialerList, { account, dialerCampaign, name: 'Demo list' });
    // The marketplace half: a campaign whose accepted leads are sold to the best-paying buyer
    // with room today, else held as PENDING; a second vendor posting to both campaigns.
    const home = tx.create(Campaign, {
      account, name: 'Demo home insurance', category: 'Home Insurance', status: CampaignStatus.ACTIVE, timeZone: account.timeZone,
      requiredFields: ['first', 'last', 'phone', 'zip', 'state'], defaultPriceCents: 2000, routing: LeadRouting.BUYERS,
      stateTargeting: { mode: ListMode.INCLUDE, states: ['AZ', 'CA', 'CO', 'FL', 'NV', 'OR', 'TX', 'WA'] },
    });
    const summitAuthKey = newSecret(SOURCE_KEY_PREFIX);
    const summit = tx.create(Source, { account, name: 'Summit Media', authKeyHash: hashSecret(summitAuthKey), authKeyPreview: secretPreview(summitAuthKey) });
    tx.create(SourceCampaign, { source, campaign: home, active: true });
    tx.create(SourceCampaign, { source: summit, campaign, active: true });
    tx.create(SourceCampaign, { source: summit, campaign: home, active: true });
    tx.create(Buyer, { account, name: 'Harbor Mutual', priceCents: 2800, caps: { daily: 6 } });
    tx.create(Buyer, { account, name: 'Pinecrest Agency', priceCents: 2200, caps: { daily: 4 } });
    await tx.flush();
    return {
      data: {
        accountId: account.id, accountCode: account.code, campaignId: campaign.id, sourceId: source.id,
        sourceAuthKey, sourceApiKey: sourceKey.key, accountAdminKey: adminKey.key, readerKey: readerKey.key, dialerListId: dialerList.id, historyLeads: 0,
      } satisfies DemoData,
      campaigns: [campaign.id, home.id] as const,
      sources: [source.id, summit.id] as const,
    };
  });
  if (options.history !== false) demo.data.historyLeads = await postHistory(em, demo, options.now ?? new Date());
  return demo.data;
}

/**
 * Posts the demo history through the intake, each lead at its own time on the intake's clock:
 * rules, duplicates, caps, buyers and prices decide them exactly as they would have then.
 */
async function postHistory(em: EntityManager, demo: { data: DemoData; campaigns: readonly string[]; sources: readonly string[] }, now: Date): Promise<number> {
  // One at a time, in order: each lead sees the duplicates, caps and sales of those before it.
  let clock = now;
  const intake = new IntakeService({ now: () => clock });
  const admin: Caller = { kind: 'key', keyId: 'demo-history', role: ApiKeyRole.ADMIN, accountId: demo.data.accountId, sourceId: null, rateLimitPerMinute: null };
  const leads = demoHistory({ now });
  for (const lead of leads) {
    clock = lead.at;
    await intake.submit(em.fork(), {
      campaignId: demo.campaigns[lead.campaign]!, sourceId: demo.sources[lead.source]!, fields: lead.fields, test: lead.test, door: LeadDoor.GRAPHQL,
    }, admin);
  }
  return leads.length;
}

/** The one-time banner for a fresh install: keys, credentials and a curl that submits a lead. */
export function demoBanner(baseUrl: string, demo: DemoData): string {
  const body = JSON.stringify({
    query:
      'mutation Submit($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode message price leadId } }',
    variables: {
      input: { campaignId: demo.campaignId, first: 'Ada', last: 'Lovelace', email: 'ada@example.com', phone: '(213) 555-0147', zip: '90012', state: 'CA' },
    },
  });
  return [
    'Demo data created (shown once, store what you need):',
    `  account        ${demo.accountId} (code ${demo.accountCode})`,
    `  account admin  ${demo.accountAdminKey}`,
    `  campaign       ${demo.campaignId}`,
    `  source         ${demo.sourceId}`,
    `  source auth    ${demo.sourceAuthKey}`,
    `  source API key ${demo.sourceApiKey}`,
    `  dialer list    ${demo.dialerListId}`,
    `  reader key     ${demo.readerKey}`,
    '',
    `Open the dashboard and sign in with the reader key: ${baseUrl}/dashboard`,
    ...(demo.historyLeads > 0 ? [`  (${demo.historyLeads} demo leads of the last 30 days were posted through the intake, so it has something to show)`] : []),
    `Explore the API in the browser: ${baseUrl}/graphql`,
    '',
    'Submit a lead through GraphQL:',
    `  curl -s ${baseUrl}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${demo.sourceApiKey}' -d '${body}'`,
    '',
    'Insert a lead into the dialer list, straight into the hopper:',
    `  curl -s ${baseUrl}/v1/leads/insert -d auth_token=${demo.accountAdminKey} -d list_id=${demo.dialerListId} -d phone_number=2135550148 -d first_name=Ada -d check_dup=2 -d hopper=1`,
    '',
  ].join('\n');
}
