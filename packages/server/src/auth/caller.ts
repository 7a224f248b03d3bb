import type { EntityManager } from '@mikro-orm/core';
import { forbidden, unauthenticated, badInput, notFound } from '../errors/app-error.js';
import { ApiKeyRole } from './api-key-role.js';

/** Who is calling, as resolved from the request's credentials. */
export type Caller =
  | { kind: 'anonymous' }
  /** A key was presented but is unknown or revoked. */
  | { kind: 'invalid' }
  | {
      kind: 'key';
      keyId: string;
      role: ApiKeyRole;
      accountId: string | null;
      sourceId: string | null /** The key's own requests-per-minute limit; null for the gateway's default. */;
      rateLimitPerMinute: number | null;
    }
  /** A door credential bound to one source (a webhook id): the source is proven, nothing else is allowed. */
  | { kind: 'source'; sourceId: string };

export type KeyCaller = Extract<Caller, { kind: 'key' }>;

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/** A key with no account: the platform admin (bootstrap) key. */
export const isPlatformAdmin = (caller: Caller): boolean =>
  caller.kind === 'key' && caller.accountId === null && caller.role === ApiKeyRole.ADMIN;

/** The caller's key, or UNAUTHENTICATED. */
export function requireKey(caller: Caller): KeyCaller {
  if (caller.kind === 'invalid') throw unauthenticated('Invalid API key: it is unknown or revoked');
  if (caller.kind !== 'key') throw unauthenticated();
  return caller;
}

/**
 * The account an operation acts on: an account key's own (a different `requested` one is
 * FORBIDDEN), or for the platform key the `requested` one, which is then required.
 */
export function resolveAccountId(caller: Caller, requested?: string | null): string {
  const key = requireKey(caller);
  if (key.accountId === null) {
    if (!requested) throw badInput('accountId is required when calling with a platform admin key', { field: 'accountId' });
    return requested;
  }
  if (requested && requested !== key.accountId) throw forbidden('This API key belongs to another account');
  return key.accountId;
}

/** Requires an ADMIN key of `accountId` (or the platform key). */
export function requireAdmin(caller: Caller, accountId: string): KeyCaller {
  const key = requireKey(caller);
  if (key.role !== ApiKeyRole.ADMIN) throw forbidden('This operation needs an ADMIN key');
  if (key.accountId !== null && key.accountId !== accountId) throw forbidden('This API key belongs to another account');
  return key;
}

/** Requires the platform admin key. */
export function requirePlatformAdmin(caller: Caller): KeyCaller {
  const key = requireKey(caller);
  if (!isPlatformAdmin(caller)) throw forbidden('Only the platform admin key may do this');
  return key;
}

/**
 * Requires a key that may read `accountId`'s data. Records of another account are reported as
 * NOT_FOUND, so ids of other tenants cannot be probed. `what` names the record for that message.
 */
export function requireReadAccess(caller: Caller, accountId: string, what: string): KeyCaller {
  const key = requireKey(caller);
  if (key.accountId !== null && key.accountId !== accountId) throw notFound(what);
  return key;
}

/**
 * Requires an ADMIN or READER key of `accountId` (or the platform key): the account's own staff.
 * Another account's records are NOT_FOUND, named by `what`; SOURCE keys (vendors) are FORBIDDEN.
 */
export function requireStaffRead(caller: Caller, accountId: string, what: string): KeyCaller {
  const key = requireReadAccess(caller, accountId, what);
  if (key.role === ApiKeyRole.SOURCE) throw forbidden(`A SOURCE key cannot read ${what.toLowerCase()}s`);
  return key;
}

/** Resolves a request's `Authorization` header to a caller (the API-key service implements it). */
export type Authenticate = (em: EntityManager, authorization: string | undefined) => Promise<Caller>;
