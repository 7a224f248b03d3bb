import type { Caller } from '../../auth/caller.js';
import { STANDARD_FIELD_NAMES, type StandardField } from '../fields/lead-fields.js';
import { LeadDoor } from '../leads/lead-enums.js';
import type { Credentials } from './credentials.js';
import type { LeadDraft } from './lead-draft.js';
import type { SubmitLeadInput } from './submit-lead.input.js';

/**
 * GraphQL's SubmitLeadInput to the door-independent draft, and the credentials it posts with:
 * the request's API key (an ADMIN key names the source), or without one the source's own id and
 * auth key from the input.
 */
export function toSubmission(input: SubmitLeadInput, caller: Caller, test: boolean): { draft: LeadDraft; credentials: Credentials } {
  const fields: Partial<Record<StandardField, unknown>> = {};
  for (const name of STANDARD_FIELD_NAMES) fields[name] = input[name];
  return {
    draft: { campaignId: input.campaignId, fields, extra: input.extra, test, door: LeadDoor.GRAPHQL },
    credentials:
      caller.kind === 'anonymous'
        ? { kind: 'body', sourceId: input.sourceId ?? null, sourceAuth: input.sourceAuth ?? null }
        : { kind: 'caller', caller, sourceId: input.sourceId ?? null },
  };
}
