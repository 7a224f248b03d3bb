import {
  DuplicateScope,
  INSERT_DEFAULTS,
  MatchOrder,
  MAX_HOPPER_EXPIRY_MINUTES,
  type DialerInsertRequest,
} from '../../modules/dialer/index.js';
import { badRequest, flag, integer, text } from './dialer-params.js';

/** Parameters that steer the insert; every other non-empty parameter is a lead field. */
const CONTROL = new Set([
  'auth_token',
  'list_id',
  'phone_number',
  'phone_code',
  'check_dup',
  'check_dup_archive',
  'check_dup_list',
  'check_dnc',
  'check_wireless',
  'hopper',
  'hopper_priority',
  'hopper_expires_in',
  'hopper_expire_in',
  'update_if_found',
  'search_list_id',
  'search_campaign_id',
  'update_order_by_last_called_time',
  'lead_id',
  'adaptor_id',
  'filter_phone_code',
  'reject_by_carrier_type',
  'blueinkdigital_token',
]);

const SCOPES: Record<string, DuplicateScope> = {
  '0': DuplicateScope.NONE,
  '1': DuplicateScope.ACCOUNT,
  '2': DuplicateScope.LIST,
  '3': DuplicateScope.CAMPAIGN,
};

/** A parsed insert: the token (checked by the route) and the request, or what is missing. */
export interface DialerInsertCall {
  authToken: string | null;
  /** False when list_id or phone_number is missing (6007). */
  complete: boolean;
  request: DialerInsertRequest;
}

/**
 * `POST /v1/leads/insert` parameters (merged by {@link mergeParams}) as the dialer service's
 * request. Option values that cannot be read are refused; carrier checks, which need data
 * Leadgate does not have, are refused when asked for rather than skipped.
 */
export function toDialerInsertCall(params: Record<string, string>): DialerInsertCall {
  for (const name of ['check_wireless'] as const) {
    if (flag(params, name)) throw badRequest(`${name} is not supported: Leadgate has no carrier data; send 0 or leave it out`);
  }
  for (const name of ['reject_by_carrier_type', 'blueinkdigital_token'] as const) {
    if (text(params, name)) throw badRequest(`${name} is not supported: Leadgate has no carrier data; leave it out`);
  }
  // No prototype: a field named __proto__ must reach the intake, which refuses it by name.
  const values: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(params)) {
    if (!CONTROL.has(name) && value.trim() !== '') values[name] = value;
  }
  const listId = text(params, 'list_id');
  const phoneNumber = text(params, 'phone_number');
  const order = text(params, 'update_order_by_last_called_time')?.toUpperCase() ?? null;
  if (order !== null && order !== 'ASC' && order !== 'DESC') throw badRequest('update_order_by_last_called_time must be ASC or DESC');
  // 0 is "no expiry", as the reference's own request builder sends it.
  const expiry =
    unlessZero(integer(params, 'hopper_expires_in', 0, MAX_HOPPER_EXPIRY_MINUTES)) ??
    unlessZero(integer(params, 'hopper_expire_in', 0, MAX_HOPPER_EXPIRY_MINUTES));
  return {
    authToken: text(params, 'auth_token'),
    complete: listId !== null && phoneNumber !== null,
    request: {
      listId: listId ?? '',
      phoneNumber: phoneNumber ?? '',
      phoneCode: text(params, 'phone_code'),
      values,
      checkDup: duplicateScope(params),
      checkDupArchive: flag(params, 'check_dup_archive') ?? INSERT_DEFAULTS.checkDupArchive,
      checkDnc: flag(params, 'check_dnc') ?? INSERT_DEFAULTS.checkDnc,
      updateIfFound: flag(params, 'update_if_found') ?? INSERT_DEFAULTS.updateIfFound,
      searchListId: idOrUnset(params, 'search_list_id'),
      searchCampaignId: idOrUnset(params, 'search_campaign_id'),
      matchLeadId: idOrUnset(params, 'lead_id'),
      matchOrder: order === 'ASC' ? MatchOrder.OLDEST_FIRST : INSERT_DEFAULTS.matchOrder,
      hopper: flag(params, 'hopper') ?? INSERT_DEFAULTS.hopper,
      hopperPriority: integer(params, 'hopper_priority', 0, 99) ?? INSERT_DEFAULTS.hopperPriority,
      hopperExpiresInMinutes: expiry,
    },
  };
}

const unlessZero = (value: number | null): number | null => (value === 0 ? null : value);

/** An id parameter: empty or 0 (what request builders send for "none") is unset. */
function idOrUnset(params: Record<string, string>, name: string): string | null {
  const value = text(params, name);
  return value === null || /^0+$/.test(value) ? null : value;
}

/** check_dup 0-3 ("true" means 1, as some clients send it); check_dup_list=1 alone means 2. */
function duplicateScope(params: Record<string, string>): DuplicateScope {
  const raw = params.check_dup?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'false') return flag(params, 'check_dup_list') ? DuplicateScope.LIST : INSERT_DEFAULTS.checkDup;
  if (raw === 'true') return DuplicateScope.ACCOUNT;
  const scope = SCOPES[raw];
  if (!scope) throw badRequest('check_dup must be 0 (no check), 1 (account), 2 (list) or 3 (campaign)');
  return scope;
}

/** The success reply: the dialer lead id as a string, twice (`id` is for Zapier-style callers). */
export function insertedBody(dialerLeadId: number): string {
  const id = JSON.stringify(String(dialerLeadId));
  return `{"success":true,"data":{"lead_id":${id}},"id":${id}}`;
}

/** An error reply: `{"success":false,"code":N,"text":"..."}`. */
export const errorBody = (error: { code: number; text: string }): string =>
  JSON.stringify({ success: false, code: error.code, text: error.text });
