import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import { badInput, conflict, notFound, unauthenticated } from '../../errors/app-error.js';
import { requireImportedSecret } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { Source } from '../sources/source.entity.js';
import type { RequestContext } from '../../context.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { ANONYMOUS, type Caller, requireAdmin, requireKey, requireReadAccess, resolveAccountId } from '../../auth/caller.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import { MAX_REQUESTS_PER_MINUTE } from '../../rate-limit/limits.js';

/** Prefix of every API key, so a leaked one is easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'lgk_';

export interface CreateApiKeyParams {
  accountId?: string | null;
  role: ApiKeyRole;
  sourceId?: string | null;
  name?: string | null;
  /** Requests per minute, 1..{@link MAX_RATE_LIMIT_PER_MINUTE}; null or absent for the gateway's default. */
  rateLimitPerMinute?: number | null;
  /** An existing token to import (stored hashed); generated when absent. */
  key?: string | null;
}

/** The highest per-key rate limit (requests per minute) a key may be given. */
export const MAX_RATE_LIMIT_PER_MINUTE = MAX_REQUESTS_PER_MINUTE;

/**
 * API keys: issue (shown once), revoke, and resolve a presented key to a {@link Caller}. Resolved
 * keys are kept for `ttlMs` (default 2000 ms) so each request does not query for its key; a
 * revocation applies at once on this gateway and within that time on others.
 */
export class ApiKeyService {
  private readonly resolved: LRUCache<string, Caller>;

  constructor(private readonly ttlMs = 2000) {
    this.resolved = new LRUCache({ max: 10_000, ttl: Math.max(ttlMs, 1) });
  }

  /** Resolves `Authorization: Bearer <key>`; no header is anonymous, an unknown or revoked key is invalid. */
  async authenticate(em: EntityManager, authorization: string | undefined): Promise<Caller> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return { kind: 'invalid' };
    const hash = hashSecret(match[1]!);
    const cached = this.ttlMs > 0 ? this.resolved.get(hash) : undefined;
    if (cached) return cached;
    const key = await em.findOne(ApiKey, { keyHash: hash, revokedAt: null });
    const caller: Caller = key
      ? {
          kind: 'key',
          keyId: key.id,
          role: key.role,
          accountId: key.account?.id ?? null,
          sourceId: key.source?.id ?? null,
          rateLimitPerMinute: key.rateLimitPerMinute ?? null,
        }
      : { kind: 'invalid' };
    if (this.ttlMs > 0) this.resolved.set(hash, caller);
    return caller;
  }

  async create(ctx: RequestContext, params: CreateApiKeyParams): Promise<{ apiKey: ApiKey; key: string }> {
    const accountId = resolveAccountId(ctx.caller, params.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    let source: Source | null = null;
    if (params.role === ApiKeyRole.SOURCE) {
      if (!params.sourceId) throw badInput('sourceId is required for a SOURCE key', { field: 'sourceId' });
      source = await ctx.em.findOne(Source, { id: params.sourceId, account: accountId });
      if (!source) throw notFound('Source');
    } else if (params.sourceId) {
      throw badInput('sourceId is only allowed for a SOURCE key', { field: 'sourceId' });
    }
    const name = params.name?.trim() || `${params.role.toLowerCase()} key`;
    if (name.length > 200) throw badInput('name must be at most 200 characters', { field: 'name' });
    const rateLimitPerMinute = params.rateLimitPerMinute ?? null;
    if (
      rateLimitPerMinute !== null &&
      (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1 || rateLimitPerMinute > MAX_RATE_LIMIT_PER_MINUTE)
    ) {
      throw badInput(`rateLimitPerMinute must be an integer between 1 and ${MAX_RATE_LIMIT_PER_MINUTE}`, { field: 'rateLimitPerMinute' });
    }
    const imported = params.key == null ? null : requireImportedSecret(params.key, 'key');
    if (imported !== null && (await ctx.em.findOne(ApiKey, { keyHash: hashSecret(imported) }, { fields: ['id'] })))
      throw conflict('This key is already in use');
    const { apiKey, key } = issueKey(ctx.em, { account, role: params.role, source, name, rateLimitPerMinute }, imported);
    try {
      await ctx.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('This key is already in use');
      throw error;
    }
    return { apiKey, key };
  }

  /** The caller's own key (any role); UNAUTHENTICATED without one. */
  async viewer(ctx: RequestContext): Promise<ApiKey> {
    const key = requireKey(ctx.caller);
    const apiKey = await ctx.em.findOne(ApiKey, { id: key.keyId, revokedAt: null });
    if (!apiKey) throw unauthenticated('Invalid API key: it is unknown or revoked');
    return apiKey;
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    const apiKey = await ctx.em.findOne(ApiKey, { id });
    // Platform keys are managed through LEADGATE_ADMIN_KEY and the database, not the API.
    if (!apiKey || !apiKey.account) throw notFound('API key');
    // Another account's key is "not found", so key ids cannot be probed.
    requireReadAccess(ctx.caller, apiKey.account.id, 'API key');
    requireAdmin(ctx.caller, apiKey.account.id);
    apiKey.revokedAt ??= new Date();
    await ctx.em.flush();
    this.resolved.delete(apiKey.keyHash);
    return apiKey;
  }

  async list(ctx: RequestContext, accountId?: string | null): Promise<ApiKey[]> {
    const id = resolveAccountId(ctx.caller, accountId);
    requireAdmin(ctx.caller, id);
    return ctx.em.find(ApiKey, { account: id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /**
   * Makes sure a platform admin key exists. With `presetKey` (LEADGATE_ADMIN_KEY) that key is
   * registered (or restored) and every other platform key is revoked; otherwise one is generated
   * when none exists. Returns the new
   * key's clear text when this call made one, so the caller can print it once.
   */
  async ensurePlatformAdmin(em: EntityManager, presetKey?: string): Promise<string | null> {
    if (presetKey) {
      // LEADGATE_ADMIN_KEY is then the one platform key: changing it and restarting rotates it.
      const hash = hashSecret(presetKey);
      const preset = await em.findOne(ApiKey, { keyHash: hash });
      if (preset) preset.revokedAt = null;
      else {
        em.persist(
          em.create(ApiKey, {
            account: null,
            role: ApiKeyRole.ADMIN,
            source: null,
            name: 'platform admin (LEADGATE_ADMIN_KEY)',
            keyHash: hash,
            preview: secretPreview(presetKey),
          }),
        );
      }
      await em.flush();
      await em.nativeUpdate(ApiKey, { account: null, keyHash: { $ne: hash }, revokedAt: null }, { revokedAt: new Date() });
      return null;
    }
    const existing = await em.count(ApiKey, { account: null, role: ApiKeyRole.ADMIN, revokedAt: null });
    if (existing > 0) return null;
    const { key } = issueKey(em, { account: null, role: ApiKeyRole.ADMIN, source: null, name: 'platform admin (bootstrap)' });
    await em.flush();
    return key;
  }
}

/** Creates (persists, does not flush) a key and returns it with its clear text. */
export function issueKey(
  em: EntityManager,
  params: { account: Account | null; role: ApiKeyRole; source: Source | null; name: string; rateLimitPerMinute?: number | null },
  imported: string | null = null,
): { apiKey: ApiKey; key: string } {
  const key = imported ?? newSecret(API_KEY_PREFIX);
  const apiKey = em.create(ApiKey, { ...params, keyHash: hashSecret(key), preview: secretPreview(key) });
  em.persist(apiKey);
  return { apiKey, key };
}
