import type { DialerLead, DialerLeadPage, DialerLeadSearch } from '../../modules/dialer/index.js';
import { MAX_LEAD_SEARCH_OFFSET, MAX_LEAD_SEARCH_PAGE, parseDialerId } from '../../modules/dialer/index.js';
import { formatWallClock } from '../../shared/wall-clock.js';
import { DialerRequestError, text } from './dialer-params.js';

/** The search's codes, the reference's own. */
export const LEAD_SEARCH_CODES = {
  INVALID_LIMIT: { code: 7230, text: 'Invalid limit value' },
  INVALID_OFFSET: { code: 7231, text: 'Invalid offset value' },
} as const;

/** Page size when `limit` is left out, as the reference's. */
export const LEAD_SEARCH_DEFAULT_LIMIT = 10;

const whole = (value: string | null): number | null => (value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null);

/**
 * `/v1/leads/search` parameters: `lead_id`, `list_id`, `phone_number`, `email`, `first_name`,
 * `last_name`, `city`, `state`, `postal_code`, `created_at_start_date`/`_end_date`,
 * `updated_at_start_date`/`_end_date` (the account's wall clock), `offset` and `limit` (default
 * 10, most 2000; more is read as 2000). Other filters the reference knows are not applied.
 */
export function toLeadSearch(params: Record<string, string>): { authToken: string | null; search: Omit<DialerLeadSearch, 'accountId'> } {
  const offsetText = text(params, 'offset');
  const offset = offsetText === null ? 0 : whole(offsetText);
  if (offset === null || offset > MAX_LEAD_SEARCH_OFFSET) throw new DialerRequestError(LEAD_SEARCH_CODES.INVALID_OFFSET);
  const limitText = text(params, 'limit');
  const limit = limitText === null ? LEAD_SEARCH_DEFAULT_LIMIT : whole(limitText);
  if (limit === null || limit < 1) throw new DialerRequestError(LEAD_SEARCH_CODES.INVALID_LIMIT);
  // An id that cannot be one matches nothing; 0 and empty are "any", as request builders send them.
  const id = (name: string): number | null => {
    const value = text(params, name);
    if (value === null || /^0+$/.test(value)) return null;
    return parseDialerId(value) ?? -1;
  };
  return {
    authToken: text(params, 'auth_token'),
    search: {
      id: id('lead_id'),
      listId: id('list_id'),
      phone: text(params, 'phone_number'),
      email: text(params, 'email'),
      first: text(params, 'first_name'),
      last: text(params, 'last_name'),
      city: text(params, 'city'),
      state: text(params, 'state'),
      zip: text(params, 'postal_code'),
      createdFrom: text(params, 'created_at_start_date'),
      createdTo: text(params, 'created_at_end_date'),
      updatedFrom: text(params, 'updated_at_start_date'),
      updatedTo: text(params, 'updated_at_end_date'),
      offset,
      limit: Math.min(limit, MAX_LEAD_SEARCH_PAGE),
    },
  };
}

/** The reference's standard lead fields kept as Leadgate custom fields under the same names. */
const KEPT_AS_CUSTOM = [
  'status',
  'owner_id',
  'alt_phone_1',
  'alt_phone_2',
  'address2',
  'province',
  'country',
  'gender',
  'date_of_birth',
  'notes',
] as const;

/** A lead as the search shows it: every value a string ("" when unset), dates on the account's wall clock, custom fields too. */
export function leadEntryJson(row: DialerLead, timeZone: string): Record<string, string> {
  const lead = row.lead.getEntity();
  const extra = lead.extra ?? {};
  const id = String(row.id);
  const entry: Record<string, string> = { ...extra };
  Object.assign(entry, {
    id,
    lead_id: id,
    created_at: formatWallClock(row.createdAt, timeZone),
    modified_at: formatWallClock(row.updatedAt, timeZone),
    list_id: String(row.listId),
    phone_code: '1',
    phone_number: row.phone.startsWith('+1') ? row.phone.slice(2) : row.phone,
    first_name: lead.first ?? '',
    last_name: lead.last ?? '',
    email: lead.email ?? '',
    address1: lead.address ?? '',
    city: lead.city ?? '',
    state: lead.state ?? '',
    postal_code: lead.zip ?? '',
  });
  for (const name of KEPT_AS_CUSTOM) entry[name] = extra[name] ?? '';
  return entry;
}

/**
 * The search reply: `{"success":true,"data":{"offset","limit","total","entries"}}`. `total` is
 * a string, as a client written against the live service reads it.
 */
export function leadSearchBody(search: { offset: number; limit: number }, page: DialerLeadPage): string {
  return JSON.stringify({
    success: true,
    data: {
      offset: search.offset,
      limit: search.limit,
      total: String(page.total),
      entries: page.rows.map((row) => leadEntryJson(row, page.timeZone)),
    },
  });
}
