import { maskEmail, maskName, maskPhone, maskZip } from '../../shared/mask.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import type { LeadDecidedEvent } from '../leads/lead-events.js';
import { ReasonCode } from '../leads/reason-code.js';
import { LeadFeedContact, LeadFeedEvent, LeadFeedEventKind } from './lead-feed-event.js';

/**
 * A feed event as it travels between gateways (Redis, PostgreSQL NOTIFY): plain JSON, with the
 * contact fields masked before it leaves the process, so no broker ever carries them in clear.
 */
export interface FeedMessage {
  kind: LeadFeedEventKind;
  leadId: string | null;
  accountId: string;
  campaignId: string;
  sourceId: string | null;
  status: LeadStatus;
  reasonCode: ReasonCode | null;
  message: string;
  priceCents: number;
  buyerIds: string[];
  isTest: boolean;
  door: LeadDoor;
  /** ISO 8601. */
  receivedAt: string;
  /** ISO 8601. */
  decidedAt: string;
  contact: LeadFeedContact;
}

/** The feed's masked message for an intake decision, or for a pending lead sold later (`kind`, `decidedAt`). */
export function toFeedMessage(event: LeadDecidedEvent, kind = LeadFeedEventKind.DECIDED, decidedAt = event.receivedAt): FeedMessage {
  const f = event.fields;
  return {
    kind,
    leadId: event.leadId,
    accountId: event.accountId,
    campaignId: event.campaignId,
    sourceId: event.sourceId,
    status: event.status,
    reasonCode: event.reasonCode,
    message: event.message,
    priceCents: event.priceCents,
    buyerIds: [...event.buyerIds],
    isTest: event.isTest,
    door: event.door,
    receivedAt: event.receivedAt.toISOString(),
    decidedAt: decidedAt.toISOString(),
    contact: {
      first: maskName(f.first),
      last: maskName(f.last),
      email: maskEmail(f.email),
      phone: maskPhone(f.phone),
      city: f.city ?? null,
      state: f.state ?? null,
      zip: maskZip(f.zip),
    },
  };
}

const STATUSES = new Set<string>(Object.values(LeadStatus));
const KINDS = new Set<string>(Object.values(LeadFeedEventKind));
const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** True for a well-formed {@link FeedMessage} (what arrives from a broker is checked, not trusted). */
export function isFeedMessage(value: unknown): value is FeedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    KINDS.has(m.kind as string) &&
    STATUSES.has(m.status as string) &&
    isString(m.accountId) &&
    isString(m.campaignId) &&
    isNullableString(m.leadId) &&
    isNullableString(m.sourceId) &&
    isString(m.receivedAt) &&
    isString(m.decidedAt) &&
    typeof m.isTest === 'boolean' &&
    Array.isArray(m.buyerIds) &&
    typeof m.contact === 'object' &&
    m.contact !== null
  );
}

/** The GraphQL object for a message. */
export function toLeadFeedEvent(message: FeedMessage): LeadFeedEvent {
  return Object.assign(new LeadFeedEvent(), {
    ...message,
    receivedAt: new Date(message.receivedAt),
    decidedAt: new Date(message.decidedAt),
    contact: Object.assign(new LeadFeedContact(), message.contact),
  });
}
