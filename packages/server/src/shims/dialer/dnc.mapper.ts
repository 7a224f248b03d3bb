import type { DncNumber, DncTarget } from '../../modules/dialer/index.js';
import { DIALER_CODES, dialerPhone, parseDialerId } from '../../modules/dialer/index.js';
import { badRequest, DialerRequestError, text } from './dialer-params.js';

/** A DNC call: the token (checked by the route) and the number and list it is about. */
export interface DncCall {
  authToken: string | null;
  target: DncTarget & { note?: string | null };
}

/**
 * `/v1/dnc/*` parameters: `phone_number` (required), `phone_code` (default 1), `campaign_id`
 * (a dialer campaign; empty or 0 for the account-wide list) and, for insert, `notes`.
 */
export function toDncCall(params: Record<string, string>): DncCall {
  const phone = text(params, 'phone_number');
  if (!phone) throw badRequest('phone_number is required');
  if (!dialerPhone(phone, text(params, 'phone_code'))) throw new DialerRequestError(DIALER_CODES.INVALID_PHONE);
  const campaign = text(params, 'campaign_id');
  if (campaign !== null && campaign !== '0' && parseDialerId(campaign) === null) throw badRequest('campaign_id must be a dialer campaign id, or 0 for the account-wide list');
  return {
    authToken: text(params, 'auth_token'),
    target: { phone, phoneCode: text(params, 'phone_code'), dialerCampaignId: campaign === '0' ? null : campaign, note: text(params, 'notes') },
  };
}

/** A DNC entry as the door shows it: national number, country code, campaign (0 for the account-wide list). */
export function dncEntryJson(entry: DncNumber) {
  return {
    id: entry.id,
    phone_number: entry.phone.slice(2),
    phone_code: '1',
    campaign_id: entry.dialerCampaignId === null ? '0' : String(entry.dialerCampaignId),
    notes: entry.note ?? '',
    created_at: entry.createdAt.toISOString(),
  };
}
