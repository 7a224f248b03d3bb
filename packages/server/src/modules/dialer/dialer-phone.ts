import { normalizePhone } from '../fields/normalize.js';
import { isUsPhone } from '../fields/formats.js';

/**
 * The phone as the intake should read it: `phone_number` alone for the default country code 1,
 * else `+<code><number>` (which the US-only phone check then refuses).
 */
export function dialerPhoneInput(number: string, code?: string | null): string {
  const cc = code?.trim().replace(/^\+/, '') ?? '';
  return cc === '' || cc === '1' ? number.trim() : `+${cc}${number.trim().replace(/^\+/, '')}`;
}

/** The E.164 form of a dialer phone, or null when it is not a possible US number. */
export function dialerPhone(number: string, code?: string | null): string | null {
  const e164 = normalizePhone(dialerPhoneInput(number, code));
  return isUsPhone(e164) ? e164 : null;
}
