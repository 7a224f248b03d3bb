import { registerEnumType } from 'type-graphql';

/** Where `check_dup` looks for the phone number. */
export enum DuplicateScope {
  /** check_dup=0: no duplicate check. */
  NONE = 'NONE',
  /** check_dup=1: every (unarchived) list of the account. */
  ACCOUNT = 'ACCOUNT',
  /** check_dup=2: the target list. */
  LIST = 'LIST',
  /** check_dup=3: every (unarchived) list of the target list's dialer campaign. */
  CAMPAIGN = 'CAMPAIGN',
}

/** Which match update_if_found updates when several leads match. */
export enum MatchOrder {
  /** The most recently inserted (the default). */
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

registerEnumType(DuplicateScope, {
  name: 'DialerDuplicateScope',
  description: 'Where an insert looks for the same phone number (check_dup 0-3).',
});
registerEnumType(MatchOrder, { name: 'DialerMatchOrder', description: 'Which match update_if_found updates when several leads match.' });

/** One insert into a dialer list, as both doors hand it to the dialer service. */
export interface DialerInsertRequest {
  /** The list's id as sent (`list_id`). */
  listId: string;
  /** `phone_number` as sent. */
  phoneNumber: string;
  /** `phone_code`, default 1. */
  phoneCode: string | null;
  /** Lead fields by their dialer names (first_name, postal_code, ...), custom fields included. */
  values: Record<string, string>;
  checkDup: DuplicateScope;
  /** Also count leads of archived lists (anywhere in the account) as duplicates. */
  checkDupArchive: boolean;
  checkDnc: boolean;
  updateIfFound: boolean;
  /** Where update_if_found looks: this list first, else this dialer campaign, else the whole account. */
  searchListId: string | null;
  searchCampaignId: string | null;
  /** update_if_found matches this dialer lead id instead of the phone number. */
  matchLeadId: string | null;
  matchOrder: MatchOrder;
  hopper: boolean;
  /** 0-99, default 99. */
  hopperPriority: number;
  /** 1-300 minutes; null: the entry never expires. */
  hopperExpiresInMinutes: number | null;
}

/** Longest hopper expiry an insert may ask for, in minutes. */
export const MAX_HOPPER_EXPIRY_MINUTES = 300;

/** Defaults of every option an insert may leave out. */
export const INSERT_DEFAULTS = {
  phoneCode: null,
  checkDup: DuplicateScope.NONE,
  checkDupArchive: false,
  checkDnc: false,
  updateIfFound: false,
  searchListId: null,
  searchCampaignId: null,
  matchLeadId: null,
  matchOrder: MatchOrder.NEWEST_FIRST,
  hopper: false,
  hopperPriority: 99,
  hopperExpiresInMinutes: null,
} as const satisfies Partial<DialerInsertRequest>;
