import { formatCents } from '../../shared/money.js';
import type { StandardField } from '../../modules/campaigns/lead-fields.js';
import type { LeadDraft } from '../../modules/leads/lead-draft.js';
import type { LeadDecision } from '../../modules/leads/lead-decision.js';
import { ACCEPTED_STATUSES, LeadDoor, LeadStatus } from '../../modules/leads/lead-enums.js';

/** Opta body names (and the common aliases vendors send) of our standard fields. */
const FIELD_NAMES: Record<string, StandardField> = {
  first: 'first', last: 'last', email: 'email', phone: 'phone', address: 'address', city: 'city', state: 'state', zip: 'zip',
  ip: 'ip', ip_address: 'ip',
  subid: 'subId', sub_id: 'subId',
  affid: 'affId', aff_id: 'affId',
  trustedform_cert_url: 'trustedFormCertUrl', xxTrustedFormCertUrl: 'trustedFormCertUrl',
  jornaya_leadid: 'jornayaLeadId', universal_leadid: 'jornayaLeadId', leadid_token: 'jornayaLeadId',
};

const CREDENTIALS = new Set(['compid', 'sourceid', 'campid', 'auth', 'test']);

/** The request could not be read as an Opta post; the message says why. */
export class OptaRequestError extends Error {}

/** An Opta post as the intake service takes it, plus the company id the door checks. */
export interface OptaSubmission {
  compid: string | null;
  draft: LeadDraft;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `test` as the contract sends it: "true"/"false" (or a boolean, 1/0); absent or empty is false. */
export function parseTestFlag(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 'false' || value === '0' || value === 0) return false;
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  throw new OptaRequestError(`test must be "true" or "false" (got ${JSON.stringify(value)})`);
}

/** Maps a parsed Opta body (JSON or form) to a lead draft. Pure. */
export function toOptaSubmission(body: unknown): OptaSubmission {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new OptaRequestError('The body must be a JSON object of lead fields');
  }
  const fields: LeadDraft['fields'] = {};
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object') throw new OptaRequestError(`${name} must be a string, not an object or a list`);
    if (CREDENTIALS.has(name)) continue;
    const standard = Object.hasOwn(FIELD_NAMES, name) ? FIELD_NAMES[name] : undefined;
    if (standard) fields[standard] = value;
    else extra[name] = value;
  }
  const record = body as Record<string, unknown>;
  return {
    compid: text(record.compid),
    draft: {
      campaignId: text(record.campid) ?? '',
      sourceId: text(record.sourceid),
      sourceAuth: text(record.auth),
      fields,
      extra,
      test: parseTestFlag(record.test),
      door: LeadDoor.OPTA,
    },
  };
}

/** Opta's reply body, byte for byte: key order as the contract shows, price with two decimals. */
export function optaReply(reply: { leadStatus: boolean; reason: string; message: string; priceCents: number; testLead?: boolean }): string {
  const base = `{"leadStatus":${reply.leadStatus},"reason":${JSON.stringify(reply.reason)},"message":${JSON.stringify(reply.message)},"price":${formatCents(reply.priceCents)}`;
  return reply.testLead ? `${base},"testLead":true}` : `${base}}`;
}

export const TEST_ACCEPTED_REASON = 'Test lead accepted. Update test=false once approved.';

/** The reply for a decision. */
export function decisionToOptaReply(decision: LeadDecision): string {
  // Sold and pending leads (campaigns that route to buyers) are accepted leads to the vendor.
  if (ACCEPTED_STATUSES.includes(decision.status)) {
    return optaReply({ leadStatus: true, reason: '', message: 'Success Lead = Accepted', priceCents: decision.priceCents });
  }
  if (decision.status === LeadStatus.TEST) {
    return optaReply({ leadStatus: true, reason: TEST_ACCEPTED_REASON, message: '', priceCents: 0, testLead: true });
  }
  return optaReply({ leadStatus: false, reason: 'Opta Reject', message: decision.message, priceCents: 0, testLead: decision.isTest });
}
