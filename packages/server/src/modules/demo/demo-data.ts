import { randomUUID } from 'node:crypto';
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
import { Brand } from '../optins/brand.entity.js';
import { DeploymentType } from '../optins/deployment-type.entity.js';
import { OptInAppId } from '../optins/app-id.entity.js';

/** What {@link seedDemoData} made; the secrets are in clear once, here. */
export interface DemoData {
  accountId: string;
  accountCode: string;
  /** The account's slug: the opt-in doors' `{client}`. */
  accountSlug: string;
  campaignId: string;
  /** The source's posting-instructions page is /instructions/{token}. */
  instructionsToken: string;
  /** The source's webhook URL is /webhook/{webhookId}. */
  webhookId: string;
  /** The category of the campaign that sells to buyers: the marketplace door's `category`. */
  marketplaceCategory: string;
  /** The opt-in brand's abbreviation and its deployment type numbers. */
  brand: string;
  deploymentTypeIds: number[];
  /** An opt-in app id (`x-omeda-appid`) for the brand. */
  optInAppId: string;
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
      name: 'Demo Leads',
      slug: 'demo-leads',
      code: 'DEMO0001',
      timeZone: 'America/Los_Angeles',
    });
    const campaign = tx.create(Campaign, {
      account,
      name: 'Demo auto insurance',
      category: 'Auto Insurance',
      status: CampaignStatus.ACTIVE,
      timeZone: account.timeZone,
      requiredFields: ['first', 'last', 'phone', 'zip'],
      defaultPriceCents: 1250,
    });
    const sourceAuthKey = newSecret(SOURCE_KEY_PREFIX);
    const source = tx.create(Source, {
      account,
      name: 'Demo vendor',
      authKeyHash: hashSecret(sourceAuthKey),
      authKeyPreview: secretPreview(sourceAuthKey),
    });
    const approval = tx.create(SourceCampaign, { source, campaign, active: true });
    const sourceKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.SOURCE, source, name: 'demo vendor key' });
    const adminKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.ADMIN, source: null, name: 'demo admin key' });
    const readerKey = issueKey(tx, { account: account as Account, role: ApiKeyRole.READER, source: null, name: 'demo dashboard key' });
    const dialerCampaign = DialerCampaignService.build(tx, account as Account, 'Demo outbound');
    const dialerList = tx.create(DialerList, { account, dialerCampaign, name: 'Demo list' });
    // The marketplace half: a campaign whose accepted leads are sold to the best-paying buyer
    // with room today, else held as PENDING; a second vendor posting to both campaigns.
    const home = tx.create(Campaign, {
      account,
      name: 'Demo home insurance',
      category: 'Home Insurance',
      status: CampaignStatus.ACTIVE,
      timeZone: account.timeZone,
      requiredFields: ['first', 'last', 'phone', 'zip', 'state'],
      defaultPriceCents: 2000,
      routing: LeadRouting.BUYERS,
      stateTargeting: { mode: ListMode.INCLUDE, states: ['AZ', 'CA', 'CO', 'FL', 'NV', 'OR', 'TX', 'WA'] },
    });
    const summitAuthKey = newSecret(SOURCE_KEY_PREFIX);
    const summit = tx.create(Source, {
      account,
      name: 'Summit Media',
      authKeyHash: hashSecret(summitAuthKey),
      authKeyPreview: secretPreview(summitAuthKey),
    });
    tx.create(SourceCampaign, { source, campaign: home, active: true });
    tx.create(SourceCampaign, { source: summit, campaign, active: true });
    tx.create(SourceCampaign, { source: summit, campaign: home, active: true });
    tx.create(Buyer, { account, name: 'Harbor Mutual', priceCents: 2800, caps: { daily: 6 } });
    tx.create(Buyer, { account, name: 'Pinecrest Agency', priceCents: 2200, caps: { daily: 4 } });
    // The opt-in queue: a brand with two deployment types and an app id for it.
    const brand = tx.create(Brand, { account, abbreviation: 'DEMO', name: 'Demo Weekly' });
    const deploymentTypeIds = [1001, 1002];
    tx.create(DeploymentType, { account, brand, typeId: 1001, name: 'Newsletter' });
    tx.create(DeploymentType, { account, brand, typeId: 1002, name: 'Partner offers' });
    const optInAppId = randomUUID();
    const appId = tx.create(OptInAppId, {
      account,
      name: 'demo opt-in app id',
      keyHash: hashSecret(optInAppId),
      preview: secretPreview(optInAppId),
    });
    appId.brands.set([brand]);
    await tx.flush();
    return {
      data: {
        accountId: account.id,
        accountCode: account.code,
        accountSlug: account.slug,
        campaignId: campaign.id,
        sourceId: source.id,
        instructionsToken: approval.instructionsToken!,
        webhookId: approval.webhookId!,
        marketplaceCategory: home.category,
        brand: brand.abbreviation,
        deploymentTypeIds,
        optInAppId,
        sourceAuthKey,
        sourceApiKey: sourceKey.key,
        accountAdminKey: adminKey.key,
        readerKey: readerKey.key,
        dialerListId: dialerList.id,
        historyLeads: 0,
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
async function postHistory(
  em: EntityManager,
  demo: { data: DemoData; campaigns: readonly string[]; sources: readonly string[] },
  now: Date,
): Promise<number> {
  // One at a time, in order: each lead sees the duplicates, caps and sales of those before it.
  let clock = now;
  const intake = new IntakeService({ now: () => clock });
  const admin: Caller = {
    kind: 'key',
    keyId: 'demo-history',
    role: ApiKeyRole.ADMIN,
    accountId: demo.data.accountId,
    sourceId: null,
    rateLimitPerMinute: null,
  };
  const leads = demoHistory({ now });
  try {
    for (const lead of leads) {
      clock = lead.at;
      await intake.submit(
        em.fork(),
        { campaignId: demo.campaigns[lead.campaign]!, fields: lead.fields, test: lead.test, door: LeadDoor.GRAPHQL },
        {
          kind: 'caller',
          caller: admin,
          sourceId: demo.sources[lead.source]!,
        },
      );
    }
  } finally {
    await intake.close();
  }
  return leads.length;
}

/** What the banner says about the platform key: the new one, or that it came from the environment. */
export interface BannerOptions {
  /** A platform key made at this start (shown once); absent when LEADGATE_ADMIN_KEY set it. */
  platformKey?: string | null;
  /** Whether the gateway is listening at the URL, default `true` (`leadgate seed` only writes the data). */
  serving?: boolean;
}

/**
 * The one-time banner of a fresh install: each key and what it is for, how to get a lost one
 * back, the demo ids, the pages to open, and a ready curl for each door (each accepted as it
 * stands, every one with its own consumer so they do not reject each other as duplicates).
 */
export function demoBanner(baseUrl: string, demo: DemoData, options: BannerOptions = {}): string {
  const json = (value: unknown) => JSON.stringify(value);
  const graphql = json({
    query: 'mutation Submit($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode message price leadId } }',
    variables: {
      input: {
        campaignId: demo.campaignId,
        first: 'Ada',
        last: 'Lovelace',
        email: 'ada@example.com',
        phone: '(213) 555-0147',
        zip: '90012',
        state: 'CA',
      },
    },
  });
  const opta = json({
    compid: demo.accountCode,
    sourceid: demo.sourceId,
    campid: demo.campaignId,
    auth: demo.sourceAuthKey,
    first: 'Grace',
    last: 'Hopper',
    email: 'grace@example.com',
    phone: '213-555-0162',
    zip: '90013',
    state: 'CA',
  });
  const webhook = json({ contact: { first_name: 'Alan', last_name: 'Turing', phone: '213-555-0175' }, postal_code: '90014' });
  const marketplace = json({
    seller: demo.accountCode,
    category: demo.marketplaceCategory,
    firstName: 'Katherine',
    lastName: 'Johnson',
    phone: '(602) 555-0123',
    state: 'AZ',
    zip: '85004',
  });
  const optIn = json({
    DeploymentTypeOptIn: [{ EmailAddress: 'ada@example.com', DeploymentTypeId: demo.deploymentTypeIds, Source: 'Demo signup form' }],
  });
  const platform = options.platformKey ?? '(the LEADGATE_ADMIN_KEY you set)';
  const omeda = `${baseUrl}/webservices/rest`;
  return [
    '',
    options.serving === false
      ? `Demo data created: start the gateway (npx --yes pnpm@10 start, or leadgate serve) to use it at ${baseUrl}.`
      : `Leadgate is running at ${baseUrl}. This database was empty, so demo data was created.`,
    'Secrets are shown this once and kept only as hashes: store the ones you need now.',
    '',
    'Keys (API keys go in Authorization: Bearer <key>)',
    `  platform key       ${platform}`,
    "                     the operator's: creates accounts, acts on any account",
    `  account ADMIN key  ${demo.accountAdminKey}`,
    '                     manages the "Demo Leads" account: campaigns, sources, buyers, keys',
    `  source API key     ${demo.sourceApiKey}`,
    '                     the vendor "Demo vendor": submits leads (GraphQL, /api/leads)',
    `  source auth key    ${demo.sourceAuthKey}`,
    '                     the same vendor on doors that take credentials in the body (Opta\'s "auth")',
    `  reader key         ${demo.readerKey}`,
    '                     read-only: dashboards',
    `  opt-in app id      ${demo.optInAppId}`,
    '                     the x-omeda-appid header of the opt-in doors',
    'Lost a key? The platform key: set LEADGATE_ADMIN_KEY (24+ characters) and restart; it replaces every other',
    'platform key. The others, with the platform or ADMIN key: createApiKey (then revokeApiKey the lost one),',
    'rotateSourceAuthKey, createOptInAppId (then revokeOptInAppId).',
    '',
    'The demo account "Demo Leads"',
    `  account            ${demo.accountId} (code ${demo.accountCode}, slug ${demo.accountSlug})`,
    `  campaign           ${demo.campaignId} ("Demo auto insurance": first, last, phone and zip required; $12.50)`,
    `  source             ${demo.sourceId} ("Demo vendor", approved for it)`,
    `  dialer list        ${demo.dialerListId}`,
    `  opt-in brand       ${demo.brand}, deployment types ${demo.deploymentTypeIds.join(' and ')}`,
    '',
    'In a browser',
    `  Send the vendor its posting instructions: ${baseUrl}/instructions/${demo.instructionsToken}`,
    `  Open the dashboard and sign in with the reader key: ${baseUrl}/dashboard`,
    ...(demo.historyLeads > 0
      ? [`  (${demo.historyLeads} demo leads of the last 30 days were posted through the intake, so it has something to show)`]
      : []),
    `  Explore the API in the browser: ${baseUrl}/graphql`,
    '',
    'Try each door (paste a line into a shell)',
    '  # GraphQL submitLead, with the source API key: ACCEPTED',
    `  curl -s ${baseUrl}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${demo.sourceApiKey}' -d '${graphql}'`,
    '  # Opta POST /ca/submit, with the source auth key: accepted at $12.50',
    `  curl -s ${baseUrl}/ca/submit -H 'content-type: application/json' -d '${opta}'`,
    '  # Webhook POST /webhook/{id}, any field names: kept as a sample until its fields are mapped',
    `  curl -s ${baseUrl}/webhook/${demo.webhookId} -H 'content-type: application/json' -d '${webhook}'`,
    '  # Marketplace POST /api/leads, with the source API key: sold to the best-paying buyer with room (or pending)',
    `  curl -s ${baseUrl}/api/leads -H 'authorization: Bearer ${demo.sourceApiKey}' -H 'content-type: application/json' -d '${marketplace}'`,
    '  # Dialer POST /v1/leads/insert, with the ADMIN key: into the list and straight into the hopper',
    `  curl -s ${baseUrl}/v1/leads/insert -d auth_token=${demo.accountAdminKey} -d list_id=${demo.dialerListId} -d phone_number=2135550148 -d first_name=Ada -d check_dup=2 -d hopper=1`,
    '  # Dialer DNC: add a number to the account-wide do-not-call list',
    `  curl -s ${baseUrl}/v1/dnc/insert -d auth_token=${demo.accountAdminKey} -d phone_number=2135550199 -d notes=demo`,
    '  # Opt-in queue (Omeda), with the app id, then the lookup of that email',
    `  curl -s ${omeda}/client/${demo.accountSlug}/optinfilterqueue -H 'x-omeda-appid: ${demo.optInAppId}' -H 'content-type: application/json' -d '${optIn}'`,
    `  curl -s ${omeda}/brand/${demo.brand}/filter/email/ada@example.com -H 'x-omeda-appid: ${demo.optInAppId}'`,
    '',
  ].join('\n');
}

/** The line a restart prints instead of the banner (the keys were shown on the first start). */
export function restartBanner(baseUrl: string): string {
  return [
    '',
    `Leadgate is running at ${baseUrl}: GraphQL ${baseUrl}/graphql, dashboard ${baseUrl}/dashboard.`,
    'Keys and demo credentials were printed on the first start. Lost a key? See docs/operations.md#lost-keys.',
    '',
  ].join('\n');
}
