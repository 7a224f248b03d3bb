import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { badInput } from '../../errors/app-error.js';
import {
  CUSTOM_FIELD_NAME,
  MAX_EXTRA_FIELDS,
  MAX_EXTRA_VALUE_LENGTH,
  STANDARD_FIELDS,
  STANDARD_FIELD_NAMES,
  isStandardField,
  type StandardField,
} from './lead-fields.js';
import type { NormalizedLead, RawLead } from './normalized-lead.js';
import { hasUnpairedSurrogate } from '../../shared/validate.js';

/** A scalar to a trimmed string; null, undefined and blank become null; objects are refused. */
function toText(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // PostgreSQL cannot store NUL in text; no real lead field holds one.
    if (value.includes('\u0000')) throw badInput(`${field} must not contain NUL characters`, { field });
    // Stored as-is by SQLite but refused in JSON by PostgreSQL: refused on both, alike.
    if (hasUnpairedSurrogate(value)) throw badInput(`${field} must be valid Unicode text (it holds an unpaired surrogate)`, { field });
    return value.trim() || null;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badInput(`${field} must be a string, number or boolean`, { field });
}

/** Ten bare digits of a NANP number (area code 2-9), with or without +1 or 1: what libphonenumber reads as +1 and those digits. */
const BARE_NANP = /^(?:\+?1)?([2-9]\d{9})$/;
/** The punctuation of the usual ways of writing one: (213) 555-0147, 213.555.0147, 1 213 555 0147. */
const PUNCTUATION = /[\s().-]/g;

/** `(555) 123-4567` -> `+15551234567` when a US number can be read from it; otherwise as posted. */
export function normalizePhone(raw: string): string {
  // The common case without libphonenumber, which costs ten times more (bulk imports read millions).
  const bare = BARE_NANP.exec(raw.replace(PUNCTUATION, ''));
  if (bare) return `+1${bare[1]}`;
  const parsed = parsePhoneNumberFromString(raw, 'US');
  return parsed?.isPossible() ? parsed.number : raw;
}

/** ZIP+4 keeps its first five digits; anything else stays as posted for the format rule to judge. */
export function normalizeZip(raw: string): string {
  const match = /^(\d{5})(?:-?\d{4})?$/.exec(raw);
  return match ? match[1]! : raw;
}

const CANONICAL: Partial<Record<StandardField, (value: string) => string>> = {
  email: (v) => v.toLowerCase(),
  phone: normalizePhone,
  state: (v) => v.toUpperCase(),
  zip: normalizeZip,
};

/**
 * Normalizes a draft: trims every value, applies canonical formats (email lower-case, phone
 * E.164, state upper-case, zip 5 digits) and enforces field lengths and names, so nothing
 * reaches the database that it would refuse.
 */
export function normalizeLead(draft: RawLead): NormalizedLead {
  const fields = {} as Record<StandardField, string | null>;
  for (const name of STANDARD_FIELD_NAMES) {
    let value = toText(draft.fields[name], name);
    if (value !== null) {
      value = CANONICAL[name]?.(value) ?? value;
      if (value.length > STANDARD_FIELDS[name].max) {
        throw badInput(`${name} must be at most ${STANDARD_FIELDS[name].max} characters`, { field: name });
      }
    }
    fields[name] = value;
  }
  const extra: Record<string, string> = {};
  const entries = Object.entries(draft.extra ?? {});
  if (entries.length > MAX_EXTRA_FIELDS) throw badInput(`at most ${MAX_EXTRA_FIELDS} custom fields are allowed`);
  for (const [name, raw] of entries) {
    if (isStandardField(name)) throw badInput(`${name} is a standard field; send it as such, not as a custom field`, { field: name });
    if (!CUSTOM_FIELD_NAME.test(name)) throw badInput(`"${name}" is not a valid custom field name`, { field: name });
    // Names of Object.prototype members (constructor, toString, ...) confuse JSON handling down the line.
    if (name in Object.prototype) throw badInput(`"${name}" is a reserved name; use another name for this custom field`, { field: name });
    const value = toText(raw, name);
    if (value === null) continue;
    if (value.length > MAX_EXTRA_VALUE_LENGTH) {
      throw badInput(`${name} must be at most ${MAX_EXTRA_VALUE_LENGTH} characters`, { field: name });
    }
    extra[name] = value;
  }
  return { fields, extra };
}
