import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../shared/ids.js';

const SECRET_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new secret: `prefix` then 40 base-62 characters (about 238 bits). Shown once, stored hashed. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomToken(40, SECRET_ALPHABET)}`;
}

/**
 * SHA-256 of a secret, hex. Our secrets are long random strings, so a fast hash is enough
 * (no dictionary to guess from) and lets a key be found by its hash through an index.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The first characters of a secret, safe to show in lists so a person can tell keys apart. */
export function secretPreview(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}
