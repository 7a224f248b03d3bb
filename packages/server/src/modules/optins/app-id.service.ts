import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireReadAccess, resolveAccountId } from '../../auth/caller.js';
import { hashSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { requireText } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { OptInAppId } from './app-id.entity.js';
import type { CreateOptInAppIdInput, UpdateOptInAppIdInput } from './app-id.inputs.js';
import { Brand } from './brand.entity.js';

/** An app id a vendor already has: 16 to 128 visible ASCII characters. */
const IMPORTED_APP_ID = /^[\x21-\x7e]{16,128}$/;

/**
 * Opt-in app ids (`x-omeda-appid`): ADMIN keys issue (shown once), re-scope and revoke them; the
 * doors resolve a presented one to its account and brands.
 */
export class OptInAppIdService {
  /**
   * Issues an app id for the account's `brandIds`. A new one is a random v4 uuid, the form
   * Omeda's app ids have, so vendor settings that check the form accept it; `appId` registers
   * one the vendor already sends instead.
   */
  async create(ctx: RequestContext, input: CreateOptInAppIdInput): Promise<{ optInAppId: OptInAppId; appId: string }> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const name = input.name == null ? 'opt-in app id' : requireText(input.name, 'name', 200);
    const brands = await this.brandsOf(ctx.em, accountId, input.brandIds);
    let appId: string = randomUUID();
    if (input.appId != null) {
      appId = input.appId.trim();
      if (!IMPORTED_APP_ID.test(appId)) throw badInput('appId must be 16 to 128 visible ASCII characters (no spaces)', { field: 'appId' });
    }
    const record = ctx.em.create(OptInAppId, { account, name, keyHash: hashSecret(appId), preview: secretPreview(appId) });
    record.brands.set(brands);
    try {
      await ctx.em.persist(record).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('This app id is already registered');
      throw error;
    }
    return { optInAppId: record, appId };
  }

  async update(ctx: RequestContext, id: string, input: UpdateOptInAppIdInput): Promise<OptInAppId> {
    const record = await this.find(ctx, id);
    requireAdmin(ctx.caller, record.account.id);
    if (input.name != null) record.name = requireText(input.name, 'name', 200);
    if (input.brandIds != null) record.brands.set(await this.brandsOf(ctx.em, record.account.id, input.brandIds));
    await ctx.em.flush();
    return record;
  }

  /** Revokes an app id: the doors answer 403 to it from now on. */
  async revoke(ctx: RequestContext, id: string): Promise<OptInAppId> {
    const record = await this.find(ctx, id);
    requireAdmin(ctx.caller, record.account.id);
    record.revokedAt ??= new Date();
    await ctx.em.flush();
    return record;
  }

  /** The account's app ids, oldest first (ADMIN keys). */
  async list(ctx: RequestContext, accountId?: string | null): Promise<OptInAppId[]> {
    const id = resolveAccountId(ctx.caller, accountId);
    requireAdmin(ctx.caller, id);
    return ctx.em.find(OptInAppId, { account: id }, { populate: ['brands'], orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** The live app id `presented` is, with its brands; null when unknown or revoked. */
  async authenticate(em: EntityManager, presented: string): Promise<OptInAppId | null> {
    return em.findOne(OptInAppId, { keyHash: hashSecret(presented.trim()), revokedAt: null }, { populate: ['brands'] });
  }

  private async find(ctx: RequestContext, id: string): Promise<OptInAppId> {
    const record = await ctx.em.findOne(OptInAppId, { id }, { populate: ['brands'] });
    if (!record) throw notFound('Opt-in app id');
    requireReadAccess(ctx.caller, record.account.id, 'Opt-in app id');
    return record;
  }

  /** Every id must name a brand of the account (another account's is NOT_FOUND). */
  private async brandsOf(em: EntityManager, accountId: string, ids: readonly string[]): Promise<Brand[]> {
    const wanted = [...new Set(ids)];
    const brands = wanted.length ? await em.find(Brand, { id: { $in: wanted }, account: accountId }) : [];
    if (brands.length !== wanted.length) throw notFound('Brand');
    return brands;
  }
}
