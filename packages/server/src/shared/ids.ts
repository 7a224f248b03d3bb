import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Lower-case base-36 random string of `length` characters from a CSPRNG. */
export function randomToken(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < limit) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : out + randomToken(length - out.length, alphabet);
}

/**
 * A new opaque public id such as `lead_0lzk3m9x1a2b3c4d5e6f`: a prefix naming the kind, then
 * eight base-36 characters of the current millisecond (so ids sort roughly by creation, which
 * keeps index inserts local) and twelve random ones.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0').slice(-9);
  return `${prefix}_${time}${randomToken(12)}`;
}
