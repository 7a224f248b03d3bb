import { createClient } from '@leadgate/sdk';

/** What the quick start made, and the decisions it got. */
export interface QuickstartResult {
  campaignId: string;
  accepted: { status: string; price: number; leadId: string | null };
  rejected: { status: string; reasonCode: string | null; message: string };
  duplicate: { status: string; message: string };
  acceptedCount: number;
}

/**
 * The quick start: with a platform admin key, create an account, a campaign, a source and its
 * SOURCE key; then, as that source, submit a good lead, an incomplete one and a duplicate.
 */
export async function quickstart(url: string, platformKey: string): Promise<QuickstartResult> {
  const admin = createClient({ url, apiKey: platformKey });
  const account = await admin.createAccount({ input: { name: `Quickstart ${Date.now()}`, timeZone: 'America/Chicago' } });
  const campaign = await admin.createCampaign({
    input: {
      accountId: account.id,
      name: 'Solar leads',
      category: 'Solar',
      requiredFields: ['first', 'last', 'phone', 'zip'],
      defaultPrice: 18,
    },
  });
  const { source } = await admin.createSource({ input: { accountId: account.id, name: 'Sunny Media' } });
  await admin.approveSource({ input: { sourceId: source.id, campaignId: campaign.id } });
  const { key } = await admin.createApiKey({ input: { accountId: account.id, role: 'SOURCE', sourceId: source.id } });

  const vendor = createClient({ url, apiKey: key });
  const lead = { campaignId: campaign.id, first: 'Ada', last: 'Lovelace', email: 'ada@example.com', phone: '(312) 555-0142', zip: '60601' };
  const accepted = await vendor.submitLead({ input: lead });
  const rejected = await vendor.submitLead({ input: { ...lead, email: 'other@example.com', phone: '(312) 555-0143', zip: null } });
  const duplicate = await vendor.submitLead({ input: lead });
  const { totalCount } = await admin.leads({ filter: { campaignId: campaign.id, status: 'ACCEPTED' } });
  return { campaignId: campaign.id, accepted, rejected, duplicate, acceptedCount: totalCount };
}
