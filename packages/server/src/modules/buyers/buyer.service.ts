import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireKey, requireReadAccess, resolveAccountId, type Caller, type KeyCaller } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors/app-error.js';
import { amountToCents } from '../../shared/money.js';
import { requireText } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import type { Caps } from '../campaigns/requirements.js';
import { validateCaps, validateSchedule } from '../campaigns/requirements.validate.js';
import { BuyerStatus } from './buyer-status.js';
import { Buyer } from './buyer.entity.js';
import { Sale } from './sale.entity.js';
import type { BuyerSettingsInput, CreateBuyerInput, UpdateBuyerInput } from './buyer.inputs.js';
import { validateLeadCondition, validatePriceRules } from './buyer.validate.js';

/**
 * Called after a change that may let buyers take leads they could not before: a buyer created
 * ACTIVE, resumed (PAUSED -> ACTIVE), or, while ACTIVE, a cap raised or removed, its filter or
 * its schedule changed. The change is already flushed; `em` is the request's EntityManager.
 */
export type BuyersChanged = (em: EntityManager, accountId: string) => Promise<void>;

type BuyerSettings = Pick<Buyer, 'name' | 'status' | 'priceCents' | 'priceRules' | 'filter' | 'caps' | 'schedule'>;

const CAP_PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;

/**
 * Validates the settings present in `input` and returns them as changes (undefined keeps a value,
 * null clears an optional one or restores the default); nothing is applied before all are valid.
 */
function settingsOf(input: BuyerSettingsInput): Partial<BuyerSettings> {
  const out: Partial<BuyerSettings> = {};
  if (input.status !== undefined) out.status = input.status ?? BuyerStatus.ACTIVE;
  if (input.priceRules !== undefined) out.priceRules = validatePriceRules(input.priceRules ?? []);
  if (input.filter !== undefined) out.filter = input.filter === null ? null : validateLeadCondition(input.filter, 'filter', 'filter');
  if (input.caps !== undefined) out.caps = validateCaps(input.caps ?? {}, 'caps');
  if (input.schedule !== undefined) out.schedule = validateSchedule(input.schedule ?? []);
  return out;
}

/** True when a cap of `after` is higher than in `before`, or gone. */
function capsRaised(before: Caps, after: Caps): boolean {
  return CAP_PERIODS.some((period) => {
    const was = before[period];
    const now = after[period];
    return was != null && (now == null || now > was);
  });
}

/** What decides whether an update may let the buyer take more leads. */
interface AdmissionState {
  status: BuyerStatus;
  caps: Caps;
  filter: string;
  schedule: string;
}

/** JSON with object keys sorted, so values read back from PostgreSQL jsonb (which reorders keys) compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

const admissionState = (buyer: Buyer): AdmissionState => ({
  status: buyer.status,
  caps: { ...buyer.caps },
  filter: canonical(buyer.filter),
  schedule: canonical(buyer.schedule),
});

function admitsMore(before: AdmissionState, buyer: Buyer): boolean {
  if (buyer.status !== BuyerStatus.ACTIVE) return false;
  if (before.status !== BuyerStatus.ACTIVE) return true;
  const after = admissionState(buyer);
  return capsRaised(before.caps, after.caps) || before.filter !== after.filter || before.schedule !== after.schedule;
}

/** ADMIN and READER keys (and the platform key) read buyers; another account's are NOT_FOUND. */
function requireBuyerReader(caller: Caller, accountId: string): KeyCaller {
  const key = requireReadAccess(caller, accountId, 'Buyer');
  if (key.role === ApiKeyRole.SOURCE) throw forbidden('Buyers are visible to ADMIN and READER keys only');
  return key;
}

export class BuyerService {
  constructor(
    private readonly onBuyersChanged?: BuyersChanged,
    private readonly cache?: ConfigChanges,
  ) {}

  async create(ctx: RequestContext, input: CreateBuyerInput): Promise<Buyer> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const name = requireText(input.name, 'name', 200);
    const priceCents = amountToCents(input.price, 'price');
    const settings = settingsOf(input);
    const buyer = ctx.em.create(Buyer, { account, name, priceCents, ...settings });
    await ctx.em.persistAndFlush(buyer);
    this.cache?.invalidateBuyers(accountId);
    if (buyer.status === BuyerStatus.ACTIVE) await this.onBuyersChanged?.(ctx.em, accountId);
    return buyer;
  }

  async update(ctx: RequestContext, id: string, input: UpdateBuyerInput): Promise<Buyer> {
    const buyer = await this.find(ctx.em, id);
    requireReadAccess(ctx.caller, buyer.account.id, 'Buyer');
    requireAdmin(ctx.caller, buyer.account.id);
    const changes: Partial<BuyerSettings> = {};
    if (input.name != null) changes.name = requireText(input.name, 'name', 200);
    if (input.price != null) changes.priceCents = amountToCents(input.price, 'price');
    Object.assign(changes, settingsOf(input));
    const before = admissionState(buyer);
    Object.assign(buyer, changes);
    await ctx.em.flush();
    this.cache?.invalidateBuyers(buyer.account.id);
    if (admitsMore(before, buyer)) await this.onBuyersChanged?.(ctx.em, buyer.account.id);
    return buyer;
  }

  /** Deletes a buyer that has bought nothing; one with sales keeps its history and can only be paused. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const buyer = await this.find(ctx.em, id);
    requireReadAccess(ctx.caller, buyer.account.id, 'Buyer');
    requireAdmin(ctx.caller, buyer.account.id);
    if ((await ctx.em.count(Sale, { buyer: buyer.id })) > 0) {
      throw badInput('This buyer has bought leads; pause it (status PAUSED) to keep its sales history', { field: 'id' });
    }
    await ctx.em.removeAndFlush(buyer);
    this.cache?.invalidateBuyers(buyer.account.id);
    return id;
  }

  async get(ctx: RequestContext, id: string): Promise<Buyer> {
    const buyer = await this.find(ctx.em, id);
    requireBuyerReader(ctx.caller, buyer.account.id);
    return buyer;
  }

  /** The account's buyers, oldest first; the platform key without accountId: every account's. */
  async list(ctx: RequestContext, accountId?: string | null): Promise<Buyer[]> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) throw forbidden('Buyers are visible to ADMIN and READER keys only');
    const where: FilterQuery<Buyer> = key.accountId === null && !accountId ? {} : { account: resolveAccountId(ctx.caller, accountId) };
    return ctx.em.find(Buyer, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private async find(em: EntityManager, id: string): Promise<Buyer> {
    const buyer = await em.findOne(Buyer, { id });
    if (!buyer) throw notFound('Buyer');
    return buyer;
  }
}
