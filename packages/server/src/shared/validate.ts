import { badInput } from '../errors/app-error.js';
import { IMPORTED_ID } from './ids.js';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` holds half of a UTF-16 surrogate pair alone (`"\ud800"` in JSON): not Unicode
 * text, so PostgreSQL refuses it in JSON and UTF-8 cannot carry it.
 */
export const hasUnpairedSurrogate = (text: string): boolean => UNPAIRED_SURROGATE.test(text);

/** A trimmed, non-empty string of at most `max` characters, or BAD_USER_INPUT naming `field`. */
export function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(`${field} must not be empty`, { field });
  if (text.includes('\u0000')) throw badInput(`${field} must not contain NUL characters`, { field });
  if (hasUnpairedSurrogate(text)) throw badInput(`${field} must be valid Unicode text (it holds an unpaired surrogate)`, { field });
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, { field });
  return text;
}

/**
 * True for an IANA zone name the runtime knows: `Area/Location` (or `UTC`). Abbreviations such
 * as `PST` or `EST` are refused even though ICU maps them: `EST` becomes America/Panama, which
 * has no daylight saving time, a trap for US schedules.
 */
export function isTimeZone(zone: string): boolean {
  if (zone !== 'UTC' && !zone.includes('/')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone such as America/New_York, or BAD_USER_INPUT. */
export function requireTimeZone(zone: string, field = 'timeZone'): string {
  const value = zone.trim();
  if (!value || !isTimeZone(value)) {
    throw badInput(`${field} must be an IANA time zone such as America/New_York (got "${zone}")`, { field });
  }
  return value;
}

/** A whole number from `min` to `max` (inclusive), or BAD_USER_INPUT naming `field`. */
export function requireIntRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${field} must be a whole number from ${min} to ${max}`, { field });
  return value;
}

/** `value` as an imported id, or BAD_USER_INPUT naming `field`. */
export function requireImportedId(value: string, field: string): string {
  const id = value.trim();
  if (!IMPORTED_ID.test(id))
    throw badInput(
      `${field} must be 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit (got "${value.slice(0, 60)}")`,
      { field },
    );
  return id;
}

/** An imported secret (a vendor's auth key or API token): 8-200 printable ASCII characters without spaces, or BAD_USER_INPUT. */
export function requireImportedSecret(value: string, field: string): string {
  const secret = value.trim();
  if (!/^[\x21-\x7e]{8,200}$/.test(secret)) throw badInput(`${field} must be 8-200 printable characters without spaces`, { field });
  return secret;
}
