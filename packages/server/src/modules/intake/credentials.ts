import type { Caller } from '../../auth/caller.js';
import { AppError, type ErrorCode } from '../../errors/app-error.js';

/**
 * Who a door says is posting, handed to the intake with the lead; the intake resolves it (the
 * doors authenticate nothing themselves).
 */
export type Credentials =
  /** A source's id and auth key as the post carries them (Opta's `sourceid` and `auth`; GraphQL without a key). `accountRef` names the account (Opta's `compid`, its code or id). */
  | { kind: 'body'; sourceId: string | null; sourceAuth: string | null; accountRef?: string | null }
  /** The request's API key, or a source the door already proved (a webhook id). An ADMIN key names the source it posts as. */
  | { kind: 'caller'; caller: Caller; sourceId?: string | null }
  /** The marketplace: a SOURCE key of the seller named (code or slug), into the seller's oldest active campaign of the category. */
  | { kind: 'seller'; caller: Caller; seller: string; category: string };

/** Why the intake would not judge a lead at all (nothing is stored). Each door renders these in its own shape. */
export enum RefusalReason {
  /** No campaign by that id, one of another account, or one of another account than the post names. */
  UNKNOWN_CAMPAIGN = 'UNKNOWN_CAMPAIGN',
  /** The seller has no active campaign of the category (or no such seller). */
  NO_MATCHING_CAMPAIGN = 'NO_MATCHING_CAMPAIGN',
  /** Body credentials without a source id (or campaign). */
  MISSING_SOURCE = 'MISSING_SOURCE',
  /** Body credentials with a source and campaign but no auth key. */
  MISSING_AUTH = 'MISSING_AUTH',
  /** An API key that is unknown or revoked, or that belongs to another seller. */
  INVALID_KEY = 'INVALID_KEY',
  /** A key whose role may not post here (a READER key; anything but a SOURCE key on the marketplace). */
  KEY_NOT_ALLOWED = 'KEY_NOT_ALLOWED',
  /** An ADMIN key that does not say which source it posts as. */
  SOURCE_REQUIRED = 'SOURCE_REQUIRED',
}

const REFUSALS: Record<RefusalReason, { code: ErrorCode; message: string; field?: string }> = {
  UNKNOWN_CAMPAIGN: { code: 'NOT_FOUND', message: 'Campaign not found' },
  NO_MATCHING_CAMPAIGN: { code: 'NOT_FOUND', message: 'No matching campaign' },
  MISSING_SOURCE: {
    code: 'UNAUTHENTICATED',
    message: 'Send Authorization: Bearer <key>, or the source credentials sourceId and sourceAuth',
  },
  MISSING_AUTH: { code: 'UNAUTHENTICATED', message: 'Send Authorization: Bearer <key>, or the source credentials sourceId and sourceAuth' },
  INVALID_KEY: { code: 'UNAUTHENTICATED', message: 'Invalid API key: it is unknown or revoked' },
  KEY_NOT_ALLOWED: { code: 'FORBIDDEN', message: 'This API key may not submit leads here' },
  SOURCE_REQUIRED: { code: 'BAD_USER_INPUT', message: 'sourceId is required when submitting with an ADMIN key', field: 'sourceId' },
};

/** A request the intake refuses before judging its lead; an AppError, so GraphQL shows its code and message. */
export class IntakeRefusal extends AppError {
  constructor(
    readonly reason: RefusalReason,
    message?: string,
  ) {
    const refusal = REFUSALS[reason];
    super(refusal.code, message ?? refusal.message, refusal.field ? { field: refusal.field } : undefined);
    this.name = 'IntakeRefusal';
  }
}

/** The source a credential names, when it names one. */
export const namedSource = (credentials: Credentials): string | null =>
  credentials.kind === 'seller' ? null : (credentials.sourceId ?? null);
