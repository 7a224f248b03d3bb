import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { requireAdmin, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { requireText } from '../../shared/validate.js';
import type { BrandService } from './brand.service.js';
import { DeploymentType } from './deployment-type.entity.js';
import type { CreateDeploymentTypeInput, UpdateDeploymentTypeInput } from './deployment-type.inputs.js';
import { OptInStatus } from './optin-status.entity.js';

/** The highest deployment type number (PostgreSQL's integer). */
export const MAX_DEPLOYMENT_TYPE_ID = 2_147_483_647;

/** Deployment types of a brand: ADMIN keys manage them, ADMIN and READER keys read them. */
export class DeploymentTypeService {
  constructor(private readonly brands: BrandService) {}

  async create(ctx: RequestContext, input: CreateDeploymentTypeInput): Promise<DeploymentType> {
    const brand = await this.brands.find(ctx, input.brandId);
    const accountId = brand.account.id;
    requireAdmin(ctx.caller, accountId);
    const name = requireText(input.name, 'name', 200);
    let typeId = input.deploymentTypeId;
    if (typeId == null) {
      const [last] = await ctx.em.find(DeploymentType, { account: accountId }, { orderBy: { typeId: 'desc' }, limit: 1 });
      typeId = (last?.typeId ?? 0) + 1;
    }
    if (!Number.isInteger(typeId) || typeId < 1 || typeId > MAX_DEPLOYMENT_TYPE_ID) {
      throw badInput(`deploymentTypeId must be a whole number from 1 to ${MAX_DEPLOYMENT_TYPE_ID}`, { field: 'deploymentTypeId' });
    }
    const type = ctx.em.create(DeploymentType, { account: accountId, brand, typeId, name, active: input.active ?? true });
    await this.save(ctx.em, type);
    return type;
  }

  async update(ctx: RequestContext, id: string, input: UpdateDeploymentTypeInput): Promise<DeploymentType> {
    const type = await this.find(ctx, id);
    requireAdmin(ctx.caller, type.account.id);
    if (input.name != null) type.name = requireText(input.name, 'name', 200);
    if (input.active != null) type.active = input.active;
    await this.save(ctx.em, type);
    return type;
  }

  /** Deletes a deployment type no email ever opted in to or out of (returns its id). */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const type = await this.find(ctx, id);
    requireAdmin(ctx.caller, type.account.id);
    // Statuses are never deleted, so a deployment type with history has one (and this count uses its unique index).
    if ((await ctx.em.count(OptInStatus, { deploymentType: type.id })) > 0) {
      throw badInput('This deployment type has opt-in history, which is kept: deactivate it (active: false) instead', { field: 'id' });
    }
    await ctx.em.remove(type).flush();
    return id;
  }

  /** The account's deployment types (or one brand's), by number. */
  async list(ctx: RequestContext, accountId?: string | null, brandId?: string | null): Promise<DeploymentType[]> {
    const where: FilterQuery<DeploymentType> = {};
    if (brandId) {
      const brand = await this.brands.find(ctx, brandId);
      requireStaffRead(ctx.caller, brand.account.id, 'Brand');
      where.brand = brand.id;
    } else {
      const id = resolveAccountId(ctx.caller, accountId);
      requireStaffRead(ctx.caller, id, 'Account');
      where.account = id;
    }
    return ctx.em.find(DeploymentType, where, { orderBy: { typeId: 'asc' } });
  }

  private async find(ctx: RequestContext, id: string): Promise<DeploymentType> {
    const type = await ctx.em.findOne(DeploymentType, { id });
    if (!type) throw notFound('Deployment type');
    requireStaffRead(ctx.caller, type.account.id, 'Deployment type');
    return type;
  }

  private async save(em: EntityManager, type: DeploymentType): Promise<void> {
    try {
      await em.persist(type).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`Deployment type ${type.typeId} already exists in this account`);
      throw error;
    }
  }
}
