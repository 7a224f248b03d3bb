import { badInput } from '../errors/app-error.js';

/** A trimmed, non-empty string of at most `max` characters, or BAD_USER_INPUT naming `field`. */
export function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(`${field} must not be empty`, { field });
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, { field });
  return text;
}

/** True when the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
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
