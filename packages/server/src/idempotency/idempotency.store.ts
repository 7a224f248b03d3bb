import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { conflict } from '../errors/app-error.js';
import { IdempotencyRecord } from '../modules/ledger/ledger.entities.js';

/** How long a request may hold its key before a retry may take it over (a crashed gateway). */
export const CLAIM_LEASE_MS = 30_000;
/** How long a concurrent duplicate waits for the first request to finish before CONFLICT. */
export const DUPLICATE_WAIT_MS = 10_000;
const POLL_MS = 25;

/**
 * The key as stored: a SHA-256, so the table does not hold the keys that decrypt its responses
 * (and the intake's records, written with the same hash, collide with these on the same key).
 */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A stored response, encrypted with a key derived from the raw Idempotency-Key. */
interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

function keyFor(rawKey: string, scope: string): Buffer {
  return Buffer.from(hkdfSync('sha256', rawKey, scope, 'leadgate idempotent response v1', 32));
}

function seal(value: unknown, rawKey: string, scope: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(rawKey, scope), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(sealed: Sealed, rawKey: string, scope: string): unknown {
  const decipher = createDecipheriv('aes-256-gcm', keyFor(rawKey, scope), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8'));
}

/** One request's hold on a key, until it stores its response or lets go. */
export interface Claim {
  scope: string;
  rawKey: string;
  hash: string;
  /** The lease this claim set: only its holder may complete or release the record. */
  pendingUntil: number;
}

/** What {@link IdempotencyStore.begin} found: run the request under a claim, or replay. */
export type Begin = { kind: 'run'; claim: Claim } | { kind: 'replay'; response: unknown };

/**
 * Idempotency records of the generic GraphQL layer, in the intake's table (`idempotency_keys`).
 * A request first claims its key with an insert (the primary key makes concurrent duplicates
 * race for one row), runs, then stores its response encrypted; a retry replays it, a duplicate
 * arriving meanwhile waits for it, and the key with another request is refused with CONFLICT.
 */
export class IdempotencyStore {
  constructor(private readonly now: () => number = Date.now) {}

  async begin(em: EntityManager, scope: string, rawKey: string, requestHash: string): Promise<Begin> {
    const key = hashIdempotencyKey(rawKey);
    const deadline = this.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const pendingUntil = this.now() + CLAIM_LEASE_MS;
      try {
        await em.fork().insert(IdempotencyRecord, { scope, key, requestHash, response: {}, createdAt: this.now(), pendingUntil });
        return { kind: 'run', claim: { scope, rawKey, hash: key, pendingUntil } };
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
      const record = await em.fork().findOne(IdempotencyRecord, { scope, key });
      if (!record) continue; // released meanwhile: claim it again
      if (record.requestHash !== requestHash) {
        throw conflict('This Idempotency-Key was already used with a different request; use a new key for a new request');
      }
      if (record.pendingUntil == null) return { kind: 'replay', response: open(record.response as unknown as Sealed, rawKey, scope) };
      if (record.pendingUntil < this.now()) {
        // The first request's gateway stopped before finishing: take its claim over.
        const taken = await em.fork().nativeUpdate(IdempotencyRecord, { scope, key, pendingUntil: record.pendingUntil }, { pendingUntil });
        if (taken === 1) return { kind: 'run', claim: { scope, rawKey, hash: key, pendingUntil } };
        continue;
      }
      if (this.now() > deadline) throw conflict('A request with this Idempotency-Key is still running; retry it later');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Stores the response the claim's request gave, for its retries. */
  async complete(em: EntityManager, claim: Claim, response: unknown): Promise<void> {
    await em
      .fork()
      .nativeUpdate(
        IdempotencyRecord,
        { scope: claim.scope, key: claim.hash, pendingUntil: claim.pendingUntil },
        { response: seal(response, claim.rawKey, claim.scope) as unknown as Record<string, unknown>, pendingUntil: null },
      );
  }

  /** Lets the key go (the request changed nothing), so a retry runs it again. */
  async release(em: EntityManager, claim: Claim): Promise<void> {
    await em.fork().nativeDelete(IdempotencyRecord, { scope: claim.scope, key: claim.hash, pendingUntil: claim.pendingUntil });
  }
}
