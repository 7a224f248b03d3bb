import type { DncNumber, DncPage, DncSearch, DncTarget, DncTextFilter } from '../../modules/dialer/index.js';
import { dialerPhone, MAX_DNC_OFFSET, MAX_DNC_PAGE, parseDialerId, PURPOSE_LIST_ID } from '../../modules/dialer/index.js';
import { formatWallClock } from '../../shared/wall-clock.js';
import { DialerRequestError, text } from './dialer-params.js';

/**
 * The DNC door's codes: the reference's own for its DNC endpoints (they differ from the lead
 * insert's: 6008 there means "already listed").
 */
export const DNC_CODES = {
  INVALID_CAMPAIGN: { code: 6006, text: 'Invalid Campaign ID' },
  INVALID_PHONE: { code: 6007, text: 'Invalid Phone Number' },
  ALREADY_LISTED: { code: 6008, text: 'The phone number already exists' },
  INVALID_COUNTRY_CODE: { code: 6026, text: 'Missing or Invalid Country Code' },
  INVALID_PURPOSE: { code: 6057, text: 'Invalid Purpose Provided' },
  INVALID_REASON: { code: 6058, text: 'Invalid Reason Provided' },
  /** delete only */
  MISSING_PHONE: { code: 6002, text: 'Missing Phone Number' },
  /** delete only: the number is not on that list */
  NOT_FOUND: { code: 6003, text: 'Phone Number Not Found' },
  /** search only */
  INVALID_LIMIT: { code: 7230, text: 'Invalid limit value' },
  /** search only */
  INVALID_OFFSET: { code: 7231, text: 'Invalid offset value' },
} as const;

const refuse = (error: { code: number; text: string }) => new DialerRequestError(error);

/** Default page size of a search, as the reference's. */
export const DNC_SEARCH_DEFAULT_LIMIT = 1000;

/** A DNC insert or delete: the token (checked by the route) and the number, list and details. */
export interface DncCall {
  authToken: string | null;
  target: DncTarget & { note?: string | null; reason?: string | null; purpose?: string | null };
}

/** `campaign_id`: empty or 0 is the account-wide list, -1 the purpose list, else a dialer campaign (6006 when it is none). */
function listOf(params: Record<string, string>): string {
  const campaign = text(params, 'campaign_id') ?? '0';
  if (campaign === '0' || campaign === PURPOSE_LIST_ID || parseDialerId(campaign) !== null) return campaign;
  throw refuse(DNC_CODES.INVALID_CAMPAIGN);
}

/** `phone_code`: absent, empty or 1 (with or without +); Leadgate keeps US numbers only. */
function usCountryCode(params: Record<string, string>): boolean {
  const code = text(params, 'phone_code')?.replace(/^\+/, '') ?? '1';
  return code === '1';
}

function limited(params: Record<string, string>, name: 'reason' | 'purpose'): string | null {
  const value = text(params, name);
  if (value && (value.length > 100 || value.includes('\u0000')))
    throw refuse(name === 'reason' ? DNC_CODES.INVALID_REASON : DNC_CODES.INVALID_PURPOSE);
  return value;
}

/**
 * `/v1/dnc/insert`: `phone_number` (required), `phone_code` (default 1), `campaign_id` (0 or
 * empty: account-wide; -1: the purpose list; else a dialer campaign), `reason`, `purpose`, and
 * Leadgate's free-text `notes`.
 */
export function toDncInsert(params: Record<string, string>): DncCall {
  const phone = text(params, 'phone_number');
  if (!usCountryCode(params)) throw refuse(DNC_CODES.INVALID_COUNTRY_CODE);
  if (!phone || !dialerPhone(phone)) throw refuse(DNC_CODES.INVALID_PHONE);
  return {
    authToken: text(params, 'auth_token'),
    target: {
      phone,
      dialerCampaignId: listOf(params),
      note: text(params, 'notes'),
      reason: limited(params, 'reason'),
      purpose: limited(params, 'purpose'),
    },
  };
}

/** `/v1/dnc/delete`: the number and its list, as insert names them; `null` target when the number cannot be on any list. */
export function toDncDelete(params: Record<string, string>): { authToken: string | null; target: DncTarget | null } {
  const phone = text(params, 'phone_number');
  if (!phone) throw refuse(DNC_CODES.MISSING_PHONE);
  const dialerCampaignId = listOf(params);
  const listable = usCountryCode(params) && dialerPhone(phone) !== null;
  return { authToken: text(params, 'auth_token'), target: listable ? { phone, dialerCampaignId } : null };
}

function textFilter(value: string | null): DncTextFilter | null {
  if (value === null) return null;
  if (value === '-BLANK-') return 'BLANK';
  if (value === '-NOTBLANK-') return 'NOT_BLANK';
  return { equals: value };
}

function whole(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * `/v1/dnc/search`: every filter optional (no phone number needed): `id`, `campaign_id`,
 * `phone_number`, `phone_code`, `insert_date` (entries added from then on), `reason` and
 * `purpose` (a value, `-BLANK-` or `-NOTBLANK-`), `offset` (0-100000) and `limit` (default and
 * most 1000; more is read as 1000).
 */
export function toDncSearch(params: Record<string, string>): { authToken: string | null; search: Omit<DncSearch, 'accountId'> } {
  const offsetText = text(params, 'offset');
  const offset = offsetText === null ? 0 : whole(offsetText);
  if (offset === null || offset > MAX_DNC_OFFSET) throw refuse(DNC_CODES.INVALID_OFFSET);
  const limitText = text(params, 'limit');
  const limit = limitText === null ? DNC_SEARCH_DEFAULT_LIMIT : whole(limitText);
  if (limit === null || limit < 1) throw refuse(DNC_CODES.INVALID_LIMIT);
  const idText = text(params, 'id');
  const phone = text(params, 'phone_number');
  if (phone !== null && (!usCountryCode(params) || !dialerPhone(phone)))
    throw refuse(usCountryCode(params) ? DNC_CODES.INVALID_PHONE : DNC_CODES.INVALID_COUNTRY_CODE);
  return {
    authToken: text(params, 'auth_token'),
    search: {
      dialerCampaignId: text(params, 'campaign_id') === null ? undefined : listOf(params),
      // An id that is not a number matches no entry.
      id: idText === null ? null : (whole(idText) ?? -1),
      phone,
      insertDate: text(params, 'insert_date'),
      reason: textFilter(text(params, 'reason')),
      purpose: textFilter(text(params, 'purpose')),
      offset,
      limit: Math.min(limit, MAX_DNC_PAGE),
    },
  };
}

/** The list an entry is on, as `campaign_id` names it. */
const campaignIdOf = (entry: DncNumber): string =>
  entry.dialerCampaignId !== null ? String(entry.dialerCampaignId) : entry.purposeList ? PURPOSE_LIST_ID : '0';

/** A DNC entry as the search shows it: every value a string, the date on the account's wall clock. */
export function dncEntryJson(entry: DncNumber, page: Pick<DncPage, 'timeZone' | 'campaignNames'>) {
  const campaignId = campaignIdOf(entry);
  const name =
    entry.dialerCampaignId !== null
      ? (page.campaignNames.get(entry.dialerCampaignId) ?? '')
      : entry.purposeList
        ? 'Purpose DNC'
        : 'Global DNC';
  return {
    id: String(entry.id),
    phone_number: entry.phone.slice(2),
    campaign_id: campaignId,
    insert_date: formatWallClock(entry.createdAt, page.timeZone),
    phone_code: '1',
    campaign_uid: campaignId,
    campaign_name: name,
    reason: entry.reason ?? '',
    purpose: entry.purpose ?? '',
  };
}

/** The search reply: `{"success":true,"data":{"offset","limit","total","entries"}}`. */
export function dncSearchBody(search: { offset: number; limit: number }, page: DncPage): string {
  return JSON.stringify({
    success: true,
    data: { offset: search.offset, limit: search.limit, total: page.total, entries: page.entries.map((e) => dncEntryJson(e, page)) },
  });
}

/** The insert reply: the entry's numeric id at the top level. */
export const dncInsertedBody = (entry: DncNumber): string => JSON.stringify({ success: true, id: entry.id });
