import type { StandardField } from '../campaigns/lead-fields.js';
import type { LeadDoor } from './lead-enums.js';

/** A lead as a door hands it to the intake service: raw values, door-independent names. */
export interface LeadDraft {
  campaignId: string;
  /** The account the door says the campaign belongs to (its code or id, e.g. Opta's compid); a mismatch is an unknown campaign. */
  accountRef?: string | null;
  /** The posting source; implied by a SOURCE key, required otherwise. */
  sourceId?: string | null;
  /** The source auth key, when the door authenticates the source by body credentials. */
  sourceAuth?: string | null;
  fields: Partial<Record<StandardField, unknown>>;
  /** Custom fields by name. */
  extra?: Record<string, unknown> | null;
  /** Run only the structural checks and store the lead as a test lead. */
  test: boolean;
  door: LeadDoor;
  /** The request as received, kept with the lead (webhook posts). */
  raw?: Record<string, string> | null;
}

/** A lead after normalization: trimmed strings, null for absent, canonical formats. */
export interface NormalizedLead {
  fields: Record<StandardField, string | null>;
  extra: Record<string, string>;
}

/** The value of a standard or custom field, or null when absent. */
export function fieldValue(lead: NormalizedLead, name: string): string | null {
  if (Object.hasOwn(lead.fields, name)) return lead.fields[name as StandardField];
  return Object.hasOwn(lead.extra, name) ? lead.extra[name]! : null;
}
