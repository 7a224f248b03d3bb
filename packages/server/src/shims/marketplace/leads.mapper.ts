import type { StandardField } from '../../modules/fields/lead-fields.js';
import { AppError } from '../../errors/app-error.js';
import { RefusalReason, type LeadDraft } from '../../modules/intake/index.js';
import type { LeadDecision } from '../../modules/leads/lead-decision.js';
import { LeadDoor, LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode } from '../../modules/leads/reason-code.js';
import type { DoorOutcome } from '../door.js';
import { formatCents } from '../../shared/money.js';

/** The marketplace's (camelCase) names of our standard fields. */
const FIELD_NAMES: Record<string, StandardField> = {
  firstName: 'first',
  lastName: 'last',
  email: 'email',
  phone: 'phone',
  address: 'address',
  city: 'city',
  state: 'state',
  zip: 'zip',
  ip: 'ip',
  subId: 'subId',
  affId: 'affId',
  trustedFormCertUrl: 'trustedFormCertUrl',
  jornayaLeadId: 'jornayaLeadId',
};
const OUR_TO_DOOR = Object.fromEntries(Object.entries(FIELD_NAMES).map(([door, ours]) => [ours, door])) as Record<StandardField, string>;

/** Fields every post must carry, whatever the campaign. */
export const DOOR_REQUIRED = ['seller', 'category', 'firstName', 'lastName', 'phone', 'state'] as const;

/** The request cannot be read as a marketplace post; `message` is the error to answer with (400). */
export class MarketplaceRequestError extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

/** A post as the intake takes it: the lead (its campaign chosen by seller and category) and who posts it. */
export interface MarketplacePost {
  seller: string;
  category: string;
  draft: LeadDraft;
}

/** Our field name as the marketplace calls it (for "Missing required field: ..."). */
export const doorName = (field: string): string => (Object.hasOwn(OUR_TO_DOOR, field) ? OUR_TO_DOOR[field as StandardField] : field);

/**
 * A post from the query string and the body, merged with the body winning (an empty body with
 * everything in the query works). Values must be flat; the door's own required fields are checked
 * here, the campaign's by the intake service.
 */
export function toMarketplacePost(query: Record<string, unknown>, body: unknown): MarketplacePost {
  if (body !== undefined && body !== null && body !== '' && (typeof body !== 'object' || Array.isArray(body))) {
    throw new MarketplaceRequestError('The body must be a JSON object of lead fields');
  }
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...query, ...((body as Record<string, unknown> | null | undefined) ?? {}) })) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') throw new MarketplaceRequestError(`${name} must be a string, not an object or a list`);
    merged[name] = String(value).trim();
  }
  const missing = DOOR_REQUIRED.filter((name) => !merged[name]);
  if (missing.length) throw new MarketplaceRequestError(`Missing required field: ${missing.join(', ')}`);
  const fields: Partial<Record<StandardField, string>> = {};
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) {
    if (name === 'seller' || name === 'category' || name === 'test') continue;
    if (Object.hasOwn(FIELD_NAMES, name)) fields[FIELD_NAMES[name]!] = value;
    else extra[name] = value;
  }
  const test = merged.test === 'true' || merged.test === '1';
  return {
    seller: merged.seller!,
    category: merged.category!,
    draft: { campaignId: null, fields, extra, test, door: LeadDoor.MARKETPLACE },
  };
}

/** The success body: sold (with price and buyers), pending, and our own accepted and test outcomes. */
export function successBody(decision: LeadDecision): string {
  const head = `{"success":true,"lead_id":${JSON.stringify(decision.leadId)}`;
  switch (decision.status) {
    case LeadStatus.SOLD:
      return `${head},"status":"sold","price":${formatCents(decision.priceCents)},"buyer_ids":${JSON.stringify(decision.buyerIds)}}`;
    case LeadStatus.PENDING:
      return `${head},"status":"pending"}`;
    case LeadStatus.TEST:
      return `${head},"status":"test"}`;
    default:
      return `${head},"status":"accepted","price":${formatCents(decision.priceCents)}}`;
  }
}

/** Every error: `{"success":false,"error":"<message>"}` (the contract shows no error body; this mirrors its success key). */
export const errorBody = (message: string): string => JSON.stringify({ success: false, error: message });

/** A reply: its status and body. */
export interface MarketplaceReply {
  status: number;
  body: string;
}

/**
 * The reply to a submission: 200 with the success body; a rejection is a 400 with its message
 * (missing fields under the door's names); a key that is not the seller's SOURCE key is a 401,
 * and a seller or category with no active campaign a 400.
 */
export function marketplaceReplyOf(outcome: DoorOutcome): MarketplaceReply {
  if (outcome.refusal) {
    const { reason } = outcome.refusal;
    if (reason === RefusalReason.INVALID_KEY || reason === RefusalReason.KEY_NOT_ALLOWED)
      return { status: 401, body: errorBody(INVALID_KEY) };
    return { status: 400, body: errorBody('No matching campaign') };
  }
  const { decision } = outcome;
  if (decision.status !== LeadStatus.REJECTED) return { status: 200, body: successBody(decision) };
  if (decision.reasonCode === ReasonCode.MISSING_FIELDS) {
    return { status: 400, body: errorBody(`Missing required field: ${decision.missingFields.map(doorName).join(', ')}`) };
  }
  return { status: 400, body: errorBody(decision.message) };
}

/** The door's 401 message. */
export const INVALID_KEY = 'Invalid API Key';
