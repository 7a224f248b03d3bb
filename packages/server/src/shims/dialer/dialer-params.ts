import { AppError } from '../../errors/app-error.js';
import { DIALER_CODES, type DialerError } from '../../modules/dialer/index.js';

/** The request cannot be read as a dialer call; `error` is the reply's code and text. */
export class DialerRequestError extends AppError {
  constructor(readonly error: DialerError) {
    super('BAD_USER_INPUT', error.text);
  }
}

const badRequest = (text: string) => new DialerRequestError({ code: DIALER_CODES.BAD_REQUEST.code, text });

/** The reference's words for a nested value, answered as they are. */
export const NESTED_TEXT = 'We do not support nested parameters or multilevel arrays';

/**
 * The query string and the body (form fields or a flat JSON object) as one flat map, the body
 * winning. Nested objects, arrays, repeated keys and bracketed names (`a[b]`) are refused; null
 * is left out; numbers and booleans become their text.
 */
export function mergeParams(query: unknown, body: unknown): Record<string, string> {
  if (body !== undefined && body !== null && body !== '' && (typeof body !== 'object' || Array.isArray(body))) {
    throw badRequest(Array.isArray(body) ? NESTED_TEXT : 'The body must be form fields or a flat JSON object');
  }
  const merged: Record<string, string> = Object.create(null);
  for (const source of [query, body]) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      if (name.includes('[') || (value !== null && typeof value === 'object'))
        throw new DialerRequestError({ code: DIALER_CODES.BAD_REQUEST.code, text: NESTED_TEXT });
      if (value === null || value === undefined) continue;
      merged[name] = String(value);
    }
  }
  return merged;
}

/** A 0/1 flag ("true"/"false" too); empty or absent is `null` (unset). */
export function flag(params: Record<string, string>, name: string): boolean | null {
  const value = params[name]?.trim().toLowerCase() ?? '';
  if (value === '') return null;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw badRequest(`${name} must be 0 or 1`);
}

/** A whole number from `min` to `max`; empty or absent is `null` (unset). */
export function integer(params: Record<string, string>, name: string, min: number, max: number): number | null {
  const value = params[name]?.trim() ?? '';
  if (value === '') return null;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw badRequest(`${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
}

/** A trimmed value; empty or absent is `null`. */
export function text(params: Record<string, string>, name: string): string | null {
  return params[name]?.trim() || null;
}

export { badRequest };
