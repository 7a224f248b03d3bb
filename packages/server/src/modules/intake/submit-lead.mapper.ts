import { STANDARD_FIELD_NAMES, type StandardField } from '../fields/lead-fields.js';
import type { LeadDraft } from './lead-draft.js';
import type { LeadDoor } from '../leads/lead-enums.js';
import type { SubmitLeadInput } from './submit-lead.input.js';

/** GraphQL's SubmitLeadInput to the door-independent draft. */
export function toLeadDraft(input: SubmitLeadInput, door: LeadDoor, test: boolean): LeadDraft {
  const fields: Partial<Record<StandardField, unknown>> = {};
  for (const name of STANDARD_FIELD_NAMES) fields[name] = input[name];
  return {
    campaignId: input.campaignId,
    sourceId: input.sourceId,
    sourceAuth: input.sourceAuth,
    fields,
    extra: input.extra,
    test,
    door,
  };
}
