import { formatCents } from '../../shared/money.js';
import type { StandardField } from '../../modules/fields/lead-fields.js';
import { AppError } from '../../errors/app-error.js';
import { RefusalReason, type Credentials, type LeadDraft } from '../../modules/intake/index.js';
import type { DoorOutcome } from '../door.js';
import type { LeadDecision } from '../../modules/leads/lead-decision.js';
import { ACCEPTED_STATUSES, LeadDoor, LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode, reasonMessage } from '../../modules/leads/reason-code.js';
import type { ReplyExample } from '../../modules/instructions/instructions.types.js';

/**
 * Opta body names of our standard fields, and the aliases real posting code sends (see
 * docs/migration-research.md): a TrustedForm URL under `tf`, LeadConduit-style names from form
 * plugins. The first name listed for a field wins when a post carries several.
 */
const FIELD_NAMES: Record<string, StandardField> = {
  first: 'first',
  first_name: 'first',
  last: 'last',
  last_name: 'last',
  email: 'email',
  phone: 'phone',
  phone_1: 'phone',
  phone1: 'phone',
  address: 'address',
  address1: 'address',
  city: 'city',
  state: 'state',
  zip: 'zip',
  postal_code: 'zip',
  zip_code: 'zip',
  ip: 'ip',
  ip_address: 'ip',
  subid: 'subId',
  sub_id: 'subId',
  affid: 'affId',
  aff_id: 'affId',
  tf: 'trustedFormCertUrl',
  trustedform: 'trustedFormCertUrl',
  trustedform_cert_url: 'trustedFormCertUrl',
  xxTrustedFormCertUrl: 'trustedFormCertUrl',
  trusted_form_cert_url: 'trustedFormCertUrl',
  jornaya_leadid: 'jornayaLeadId',
  universal_leadid: 'jornayaLeadId',
  leadid_token: 'jornayaLeadId',
};

/** The contract's name of each standard field it documents. */
const CONTRACT_NAME: Partial<Record<StandardField, string>> = {
  first: 'first',
  last: 'last',
  email: 'email',
  phone: 'phone',
  address: 'address',
  city: 'city',
  state: 'state',
  zip: 'zip',
};

/** Names of the source id, the documented one first: real posting code sends `pubid`. */
export const SOURCE_ID_NAMES = ['sourceid', 'pubid', 'source_id', 'sourceId', 'pub_id', 'publisher_id'] as const;

const CREDENTIALS = new Set<string>(['compid', 'campid', 'auth', 'test', ...SOURCE_ID_NAMES]);

/** The request could not be read as an Opta post; the message says why. */
export class OptaRequestError extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

/** An Opta post as the intake service takes it: the lead, and the credentials it carries (compid, sourceid, auth). */
export interface OptaSubmission {
  draft: LeadDraft;
  credentials: Credentials;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `test` as the contract sends it: "true"/"false" (or a boolean, 1/0); absent or empty is false. */
export function parseTestFlag(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 'false' || value === '0' || value === 0)
    return false;
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
  const posted = new Map<StandardField, Array<[string, unknown]>>();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object') throw new OptaRequestError(`${name} must be a string, not an object or a list`);
    if (CREDENTIALS.has(name)) continue;
    const standard = Object.hasOwn(FIELD_NAMES, name) ? FIELD_NAMES[name] : undefined;
    if (standard) posted.set(standard, [...(posted.get(standard) ?? []), [name, value]]);
    else extra[name] = value;
  }
  // Several names for one field: the contract's own wins, else the first with a value.
  for (const [field, values] of posted) {
    const chosen =
      values.find(([name, value]) => name === CONTRACT_NAME[field] && text(value) !== null) ??
      values.find(([, value]) => text(value) !== null) ??
      values[0]!;
    fields[field] = chosen[1];
  }
  const record = body as Record<string, unknown>;
  const sourceId = SOURCE_ID_NAMES.map((name) => text(record[name])).find((id) => id !== null) ?? null;
  return {
    draft: { campaignId: text(record.campid), fields, extra, test: parseTestFlag(record.test), door: LeadDoor.OPTA },
    // A post without compid names no company: no campaign is one of it.
    credentials: { kind: 'body', sourceId, sourceAuth: text(record.auth), accountRef: text(record.compid) ?? '' },
  };
}

/** Opta's reply body, byte for byte: key order as the contract shows, price with two decimals. */
export function optaReply(reply: { leadStatus: boolean; reason: string; message: string; priceCents: number; testLead?: boolean }): string {
  const base = `{"leadStatus":${reply.leadStatus},"reason":${JSON.stringify(reply.reason)},"message":${JSON.stringify(reply.message)},"price":${formatCents(reply.priceCents)}`;
  return reply.testLead ? `${base},"testLead":true}` : `${base}}`;
}

export const TEST_ACCEPTED_REASON = 'Test lead accepted. Update test=false once approved.';

/** The door's replies as the posting-instructions page documents them, for a lead worth `priceCents`. */
export function optaReplyExamples(priceCents: number): ReplyExample[] {
  return [
    {
      title: 'Live lead accepted',
      body: optaReply({ leadStatus: true, reason: '', message: 'Success Lead = Accepted', priceCents }),
      description: 'The lead passed every rule and was accepted; price is what it pays, in dollars.',
    },
    {
      title: 'Test lead accepted',
      body: optaReply({ leadStatus: true, reason: TEST_ACCEPTED_REASON, message: '', priceCents: 0, testLead: true }),
      description: 'Your credentials and fields are right. Test leads are never delivered and count toward no cap or duplicate check.',
    },
    {
      title: 'Lead rejected',
      body: optaReply({ leadStatus: false, reason: 'Opta Reject', message: reasonMessage(ReasonCode.DUPLICATE_EMAIL), priceCents: 0 }),
      description: 'The message field says why; every possible message is listed below. A rejected test lead also carries "testLead":true.',
    },
    {
      title: 'Request not readable (HTTP 400)',
      body: optaReply({ leadStatus: false, reason: 'Bad request', message: 'test must be "true" or "false" (got "yes")', priceCents: 0 }),
      description: 'Malformed JSON, another content type, a nested value or a bad test flag. Every other outcome is HTTP 200.',
    },
  ];
}

/**
 * The reply for a submission's outcome (always HTTP 200): the decision, or a refusal as the
 * decision Opta gives it (an unknown campaign or company, or missing credentials: Invalid source;
 * a source without its auth key: Invalid auth).
 */
export function optaOutcomeReply(outcome: DoorOutcome, test: boolean): string {
  if (outcome.decision) return decisionToOptaReply(outcome.decision);
  const code = outcome.refusal.reason === RefusalReason.MISSING_AUTH ? ReasonCode.INVALID_AUTH : ReasonCode.INVALID_SOURCE;
  return optaReply({ leadStatus: false, reason: 'Opta Reject', message: reasonMessage(code), priceCents: 0, testLead: test });
}

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
