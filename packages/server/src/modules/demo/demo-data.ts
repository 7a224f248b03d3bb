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

/** What {@link seedDemoData} made; the secrets are in clear once, here. */
export interface DemoData {
  accountId: string;
  accountCode: string;
  campaignId: string;
  sourceId: string;
  sourceAuthKey: string;
  sourceApiKey: string;
  accountAdminKey: string;
  /** A dialer list (`list_id`) of the "Demo outbound" dialer campaign. */
  dialerListId: number;
}

/**
 * Creates a demo account ("Demo Leads", code DEMO0001), an ACTIVE "Auto Insurance" campaign
 * requiring first, last, phone and zip at $12.50, and an approved source with an auth key and
 * a SOURCE API key, and a "Demo outbound" dialer campaign with one list. Returns null, doing nothing, when any account exists already.
 */
export async function seedDemoData(em: EntityManager): Promise<DemoData | null> {
  if ((await em.count(Account, {})) > 0) return null;
  return em.transactional(async (tx) => {
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
    const dialerCampaign = DialerCampaignService.build(tx, account as Account, 'Demo outbound');
    const dialerList = tx.create(DialerList, { account, dialerCampaign, name: 'Demo list' });
    await tx.flush();
    return {
      accountId: account.id, accountCode: account.code, campaignId: campaign.id, sourceId: source.id,
      sourceAuthKey, sourceApiKey: sourceKey.key, accountAdminKey: adminKey.key, dialerListId: dialerList.id,
    };
  });
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
    '',
    'Submit a lead through GraphQL:',
    `  curl -s ${baseUrl}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${demo.sourceApiKey}' -d '${body}'`,
    '',
    'Insert a lead into the dialer list, straight into the hopper:',
    `  curl -s ${baseUrl}/v1/leads/insert -d auth_token=${demo.accountAdminKey} -d list_id=${demo.dialerListId} -d phone_number=2135550148 -d first_name=Ada -d check_dup=2 -d hopper=1`,
    '',
  ].join('\n');
}
