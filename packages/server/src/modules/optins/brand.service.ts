import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireReadAccess, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { requireText } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { Brand } from './brand.entity.js';
import type { CreateBrandInput, UpdateBrandInput } from './brand.inputs.js';
import { DeploymentType } from './deployment-type.entity.js';

const ABBREVIATION = /^[A-Z0-9][A-Z0-9_.-]{0,31}$/;

/** A brand abbreviation as stored (trimmed, upper-case), or BAD_USER_INPUT. */
export function brandAbbreviation(value: string): string {
  const abbreviation = value.trim().toUpperCase();
  if (!ABBREVIATION.test(abbreviation)) {
    throw badInput('abbreviation must be 1 to 32 letters, digits, "_", "." or "-", starting with a letter or digit', {
      field: 'abbreviation',
    });
  }
  return abbreviation;
}

/** Brands of an account: ADMIN keys manage them, ADMIN and READER keys read them. */
export class BrandService {
  async create(ctx: RequestContext, input: CreateBrandInput): Promise<Brand> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const abbreviation = brandAbbreviation(input.abbreviation);
    const name = input.name == null ? abbreviation : requireText(input.name, 'name', 200);
    const brand = ctx.em.create(Brand, { account, abbreviation, name });
    await this.save(ctx.em, brand);
    return brand;
  }

  async update(ctx: RequestContext, id: string, input: UpdateBrandInput): Promise<Brand> {
    const brand = await this.find(ctx, id);
    requireAdmin(ctx.caller, brand.account.id);
    if (input.abbreviation != null) brand.abbreviation = brandAbbreviation(input.abbreviation);
    if (input.name != null) brand.name = requireText(input.name, 'name', 200);
    await this.save(ctx.em, brand);
    return brand;
  }

  /** Deletes a brand with no deployment types (returns its id); app ids lose it. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const brand = await this.find(ctx, id);
    requireAdmin(ctx.caller, brand.account.id);
    if ((await ctx.em.count(DeploymentType, { brand: brand.id })) > 0) {
      throw badInput('This brand has deployment types: delete them first (or deactivate those with opt-in history)', { field: 'id' });
    }
    await ctx.em.remove(brand).flush();
    return id;
  }

  /** The account's brands by abbreviation. */
  async list(ctx: RequestContext, accountId?: string | null): Promise<Brand[]> {
    const id = resolveAccountId(ctx.caller, accountId);
    requireStaffRead(ctx.caller, id, 'Account');
    return ctx.em.find(Brand, { account: id }, { orderBy: { abbreviation: 'asc' } });
  }

  /** A brand the caller may read, or NOT_FOUND (another account's too). */
  async find(ctx: RequestContext, id: string): Promise<Brand> {
    const brand = await ctx.em.findOne(Brand, { id });
    if (!brand) throw notFound('Brand');
    requireReadAccess(ctx.caller, brand.account.id, 'Brand');
    return brand;
  }

  private async save(em: EntityManager, brand: Brand): Promise<void> {
    try {
      await em.persist(brand).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`A brand with abbreviation "${brand.abbreviation}" already exists in this account`);
      throw error;
    }
  }
}
