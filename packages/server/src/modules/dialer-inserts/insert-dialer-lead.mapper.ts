import { badInput } from '../../errors/app-error.js';
import { INSERT_DEFAULTS, type DialerInsertRequest } from '../dialer/dialer-insert.request.js';
import type { InsertDialerLeadInput } from './insert-dialer-lead.input.js';

/** GraphQL names of the lead fields, by their dialer names. */
const FIELD_NAMES = {
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  state: 'state',
  province: 'province',
  postal_code: 'postalCode',
  country: 'country',
  alt_phone_1: 'altPhone1',
  alt_phone_2: 'altPhone2',
  gender: 'gender',
  date_of_birth: 'dateOfBirth',
  notes: 'notes',
} as const satisfies Record<string, keyof InsertDialerLeadInput>;

/** insertDialerLead's input as the dialer service's request (the REST door builds the same from its parameters). */
export function toDialerInsertRequest(input: InsertDialerLeadInput): DialerInsertRequest {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.customFields ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object')
      throw badInput(`customFields.${name} must be a string, number or boolean`, { field: `customFields.${name}` });
    if (Object.hasOwn(FIELD_NAMES, name))
      throw badInput(`customFields.${name} is a standard field; send it as such`, { field: `customFields.${name}` });
    values[name] = String(value);
  }
  for (const [dialerName, graphqlName] of Object.entries(FIELD_NAMES)) {
    const value = input[graphqlName];
    if (value != null) values[dialerName] = value;
  }
  return {
    listId: input.listId,
    phoneNumber: input.phoneNumber,
    phoneCode: input.phoneCode ?? INSERT_DEFAULTS.phoneCode,
    values,
    checkDup: input.checkDup ?? INSERT_DEFAULTS.checkDup,
    checkDupArchive: input.checkDupArchive ?? INSERT_DEFAULTS.checkDupArchive,
    checkDnc: input.checkDnc ?? INSERT_DEFAULTS.checkDnc,
    updateIfFound: input.updateIfFound ?? INSERT_DEFAULTS.updateIfFound,
    searchListId: input.searchListId ?? INSERT_DEFAULTS.searchListId,
    searchCampaignId: input.searchCampaignId ?? INSERT_DEFAULTS.searchCampaignId,
    matchLeadId: input.matchLeadId ?? INSERT_DEFAULTS.matchLeadId,
    matchOrder: input.matchOrder ?? INSERT_DEFAULTS.matchOrder,
    hopper: input.hopper ?? INSERT_DEFAULTS.hopper,
    hopperPriority: input.hopperPriority ?? INSERT_DEFAULTS.hopperPriority,
    hopperExpiresInMinutes: input.hopperExpiresIn ?? INSERT_DEFAULTS.hopperExpiresInMinutes,
  };
}
