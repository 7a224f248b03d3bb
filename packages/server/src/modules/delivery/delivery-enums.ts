import { registerEnumType } from 'type-graphql';

/** How a destination's body is encoded. */
export enum DestinationFormat {
  /** `application/json`: one object. */
  JSON = 'JSON',
  /** `application/x-www-form-urlencoded`. */
  FORM = 'FORM',
}

/** A value format applied by an outbound field mapping. */
export enum FieldFormat {
  /** The phone's 10 national digits (`2135550100`). */
  PHONE_10 = 'PHONE_10',
  /** The phone in E.164 (`+12135550100`), as stored. */
  E164 = 'E164',
  UPPERCASE = 'UPPERCASE',
  LOWERCASE = 'LOWERCASE',
}

/** Where a delivery stands. */
export enum DeliveryStatus {
  /** Waiting for its next attempt (or being attempted). */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Given up: a permanent refusal, or the last attempt failed. Kept until replayed. */
  DEAD_LETTER = 'DEAD_LETTER',
}

/** What one attempt ended in. */
export enum AttemptOutcome {
  DELIVERED = 'DELIVERED',
  /** Failed in a way worth retrying: network error, timeout, 408, 429, 5xx. */
  RETRYABLE = 'RETRYABLE',
  /** Refused for good: another 4xx, or a 2xx that failed the success rule. */
  REFUSED = 'REFUSED',
}

registerEnumType(DestinationFormat, { name: 'DestinationFormat', description: "How a destination's body is encoded." });
registerEnumType(FieldFormat, { name: 'FieldFormat', description: 'A value format for an outbound field mapping.' });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus', description: 'Where a delivery stands.' });
registerEnumType(AttemptOutcome, { name: 'AttemptOutcome', description: 'What one delivery attempt ended in.' });
