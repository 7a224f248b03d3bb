import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn 4 KiB at a time: one CSPRNG call per id cost more than the rest of
// making it, and a batch of a thousand opt-ins makes two thousand ids.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomByte(): number {
  if (poolOffset >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

/** Lower-case base-36 random string of `length` characters from a CSPRNG. */
export function randomToken(length: number, alphabet = ALPHABET): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const b = randomByte();
    if (b < limit) out += alphabet[b % alphabet.length];
  }
  return out;
}

/** True for an id {@link newId} could have made: a short lower-case prefix, `_`, base-36 characters. */
export const isPublicId = (id: string): boolean => /^[a-z]{2,5}_[0-9a-z]{1,36}$/.test(id);

/** An id imported from another system (a vendor's campaign or source id): 1-40 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const IMPORTED_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** True for an id a campaign or source may have: generated ({@link isPublicId}) or imported ({@link IMPORTED_ID}). */
export const isRecordId = (id: string): boolean => isPublicId(id) || IMPORTED_ID.test(id);

let lastTime = '';
let sequence = 0;

/**
 * A new opaque public id such as `lead_0mwt3l7h60001x257sqp`: a prefix naming the kind, then
 * nine base-36 characters of the current millisecond, a four-character sequence within that
 * millisecond and eight random characters. Ids made by one process sort in creation order
 * (pages of "newest first" stay stable) and keep index inserts local.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0').slice(-9);
  sequence = time === lastTime ? (sequence + 1) % 36 ** 4 : 0;
  lastTime = time;
  return `${prefix}_${time}${sequence.toString(36).padStart(4, '0')}${randomToken(8)}`;
}
