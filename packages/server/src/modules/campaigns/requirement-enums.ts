import { Weekday } from '../../shared/local-time.js';

/** Days of the week as schedules name them (defined with the clock that computes them). */
export { Weekday };

/** What happens to a campaign's accepted live leads. */
export enum LeadRouting {
  /** Accepted leads stay with the campaign's owner. */
  NONE = 'NONE',
  /** Accepted leads are sold at once to the best eligible buyers of the account, or held as PENDING. */
  BUYERS = 'BUYERS',
}

/** Include-list or exclude-list. */
export enum ListMode {
  INCLUDE = 'INCLUDE',
  EXCLUDE = 'EXCLUDE',
}

/** Which consent proof a campaign demands. */
export enum ConsentRequirement {
  NONE = 'NONE',
  TRUSTEDFORM = 'TRUSTEDFORM',
  JORNAYA = 'JORNAYA',
  /** Either one is enough. */
  EITHER = 'EITHER',
  BOTH = 'BOTH',
}

/** A lead field that takes part in duplicate detection. */
export enum DuplicateKey {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
}

/** Whether a named rule must hold (CONDITION) or must not (FILTER). */
export enum RuleKind {
  /** The lead must satisfy it; otherwise "Condition: {name}". */
  CONDITION = 'CONDITION',
  /** A lead that matches it is rejected: "Filter: {name}". */
  FILTER = 'FILTER',
}

/** The type of a campaign custom field; URL fields are checked for format. */
export enum CustomFieldType {
  TEXT = 'TEXT',
  URL = 'URL',
}
