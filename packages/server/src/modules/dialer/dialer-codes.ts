import { ReasonCode } from '../leads/reason-code.js';

/**
 * The dialer door's error codes and texts. Those marked "reference" are the Convoso-compatible
 * codes integrations already handle; the others are ours, for cases the reference leaves open.
 */
export const DIALER_CODES = {
  /** reference */
  NO_SUCH_LIST: { code: 6002, text: 'No such List' },
  /** reference */
  PHONE_AND_LIST_REQUIRED: { code: 6007, text: 'The Lead requires a phone number and list id' },
  /** reference */
  INVALID_PHONE: { code: 6008, text: 'The phone number is invalid' },
  /** reference */
  DUPLICATE_PHONE: { code: 6009, text: 'The phone number already exists' },
  /** reference */
  REQUIRED_FIELDS: { code: 6023, text: 'Required fields are missed' },
  /** reference */
  INVALID_EMAIL: { code: 6079, text: 'Invalid Email(s)' },
  /** reference: the token may not do this (a READER key, or a source not approved for the list's campaign) */
  FORBIDDEN: { code: 403, text: 'Forbidden' },
  /** reference (the invalid-token reply integrations test against) */
  INVALID_TOKEN: { code: 5001, text: 'Auth token is invalid' },
  /**
   * ours: check_dnc=1 and the number is on the account's, the purpose or the list's campaign's
   * DNC list. The reference publishes no code for this; 6102 is in none of its code tables (its
   * 6090 is "Invalid criteria key").
   */
  DNC: { code: 6102, text: 'The phone number is in the DNC list' },
  /** ours: search_campaign_id (or a DNC campaign_id) names no dialer campaign of the account */
  NO_SUCH_CAMPAIGN: { code: 6101, text: 'No such Campaign' },
  /** ours: another rule of the list's intake campaign rejected the lead; the text is its reason */
  REJECTED: { code: 6100, text: 'The lead was rejected' },
  /** ours: the request cannot be read (malformed body, nested values, a bad option value); the text says why */
  BAD_REQUEST: { code: 400, text: 'Bad request' },
} as const;

/** A dialer reply's error: its code and text. */
export interface DialerError {
  code: number;
  text: string;
}

/**
 * The door's error for a lead the intake rejected: format and duplicate reasons have reference
 * codes; any other rule of the campaign answers 6100 with the reason's exact message.
 */
export function dialerErrorFor(reasonCode: ReasonCode, message: string): DialerError {
  switch (reasonCode) {
    case ReasonCode.PHONE_FORMAT:
      return DIALER_CODES.INVALID_PHONE;
    case ReasonCode.EMAIL_FORMAT:
      return DIALER_CODES.INVALID_EMAIL;
    case ReasonCode.MISSING_FIELDS:
      return /\bphone\b/.test(message) ? DIALER_CODES.PHONE_AND_LIST_REQUIRED : DIALER_CODES.REQUIRED_FIELDS;
    case ReasonCode.DUPLICATE_PHONE:
      return DIALER_CODES.DUPLICATE_PHONE;
    case ReasonCode.PHONE_DNC:
      return DIALER_CODES.DNC;
    case ReasonCode.INVALID_SOURCE:
    case ReasonCode.INVALID_AUTH:
      return DIALER_CODES.FORBIDDEN;
    default:
      return { code: DIALER_CODES.REJECTED.code, text: message };
  }
}
