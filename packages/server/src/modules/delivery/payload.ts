import { STANDARD_FIELD_NAMES } from '../fields/lead-fields.js';
import { DestinationFormat, FieldFormat } from './delivery-enums.js';
import type { FieldMap } from './field-map.js';

/** The lead as an outbound mapping reads it: every field by name, plus the lead's own data. */
export interface OutboundLead {
  leadId: string;
  campaignId: string;
  sourceId: string;
  receivedAt: Date;
  status: string;
  /** Dollars: the campaign price, or what this destination's buyer paid. */
  price: number;
  fields: Record<string, string | null>;
  extra: Record<string, string>;
}

/** Names a mapping's `from` may use besides the lead's fields. */
export const META_FIELDS = ['leadId', 'campaignId', 'sourceId', 'receivedAt', 'status', 'price'] as const;

function read(lead: OutboundLead, name: string): string | null {
  switch (name) {
    case 'leadId':
      return lead.leadId;
    case 'campaignId':
      return lead.campaignId;
    case 'sourceId':
      return lead.sourceId;
    case 'receivedAt':
      return lead.receivedAt.toISOString();
    case 'status':
      return lead.status;
    case 'price':
      return lead.price.toFixed(2);
    default:
      if (Object.hasOwn(lead.fields, name)) return lead.fields[name] ?? null;
      return Object.hasOwn(lead.extra, name) ? lead.extra[name]! : null;
  }
}

function formatted(value: string, format: FieldFormat | null | undefined): string {
  switch (format) {
    case FieldFormat.PHONE_10: {
      const digits = value.replace(/\D/g, '');
      return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
    }
    case FieldFormat.E164: {
      // Our phones are stored in E.164 already; custom fields may hold 10 or 11 US digits.
      if (/^\+\d+$/.test(value)) return value;
      const digits = value.replace(/\D/g, '');
      if (digits.length === 10) return `+1${digits}`;
      return digits.length === 11 && digits.startsWith('1') ? `+${digits}` : value;
    }
    case FieldFormat.UPPERCASE:
      return value.toUpperCase();
    case FieldFormat.LOWERCASE:
      return value.toLowerCase();
    default:
      return value;
  }
}

/**
 * The outbound fields: through the mapping when there is one (absent values are left out), else
 * the lead's meta data, its non-empty standard fields and its custom fields under our names.
 */
export function outboundFields(lead: OutboundLead, mapping: readonly FieldMap[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (mapping.length === 0) {
    for (const name of [...META_FIELDS, ...STANDARD_FIELD_NAMES]) {
      const value = read(lead, name);
      if (value !== null) out[name] = value;
    }
    for (const [name, value] of Object.entries(lead.extra)) if (!Object.hasOwn(out, name)) out[name] = value;
    return out;
  }
  for (const entry of mapping) {
    const value = entry.value ?? (entry.from ? read(lead, entry.from) : null);
    if (value !== null) out[entry.to] = formatted(value, entry.format);
  }
  return out;
}

/** The body and its content type for `format`. */
export function encodeBody(fields: Record<string, string>, format: DestinationFormat): { body: string; contentType: string } {
  return format === DestinationFormat.FORM
    ? { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' }
    : { body: JSON.stringify(fields), contentType: 'application/json' };
}
