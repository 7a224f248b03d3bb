import type { StandardField } from './lead-fields.js';

/** A lead's values as posted, under door-independent names, before normalization. */
export interface RawLead {
  fields: Partial<Record<StandardField, unknown>>;
  /** Custom fields by name. */
  extra?: Record<string, unknown> | null;
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
