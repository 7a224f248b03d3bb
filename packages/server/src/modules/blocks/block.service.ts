import { requireAdmin, requireKey, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput } from '../../errors/app-error.js';
import { isEmail, isUsPhone } from '../fields/formats.js';
import { normalizePhone } from '../fields/normalize.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { BlockedValue, BlockKind } from './blocked-value.entity.js';

/** Most values one call may add or remove. */
export const MAX_BLOCK_BATCH = 10_000;

/** Normalizes a value the way leads are normalized, so a blocked entry matches the stored lead field. */
export function normalizeBlockValue(kind: BlockKind, raw: string): string {
  const value = raw.trim();
  if (kind === BlockKind.EMAIL) {
    const email = value.toLowerCase();
    if (!isEmail(email)) throw badInput(`"${raw}" is not an email address`, { field: 'values' });
    return email;
  }
  const phone = normalizePhone(value);
  if (!isUsPhone(phone)) throw badInput(`"${raw}" is not a US phone number`, { field: 'values' });
  return phone;
}

/** Account-wide block lists of phones and emails ("Phone blocked", "Email blocked"). */
export class BlockService {
  constructor(private readonly cache?: ConfigChanges) {}

  /** Adds values (already listed ones are kept); returns how many were new. */
  async add(ctx: RequestContext, accountId: string | null | undefined, kind: BlockKind, values: string[]): Promise<number> {
    const account = resolveAccountId(ctx.caller, accountId);
    requireAdmin(ctx.caller, account);
    const normalized = this.normalize(kind, values);
    const existing = new Set(
      (await ctx.em.find(BlockedValue, { account, kind, value: { $in: normalized } }, { fields: ['value'] })).map((b) => b.value),
    );
    const fresh = normalized.filter((v) => !existing.has(v));
    for (const value of fresh) ctx.em.create(BlockedValue, { account, kind, value });
    await ctx.em.flush();
    this.cache?.invalidateBlocks(account);
    return fresh.length;
  }

  /** Removes values; returns how many were listed. */
  async remove(ctx: RequestContext, accountId: string | null | undefined, kind: BlockKind, values: string[]): Promise<number> {
    const account = resolveAccountId(ctx.caller, accountId);
    requireAdmin(ctx.caller, account);
    const removed = await ctx.em.nativeDelete(BlockedValue, { account, kind, value: { $in: this.normalize(kind, values) } });
    this.cache?.invalidateBlocks(account);
    return removed;
  }

  async list(ctx: RequestContext, accountId: string | null | undefined, kind: BlockKind | null | undefined): Promise<BlockedValue[]> {
    requireKey(ctx.caller);
    const account = resolveAccountId(ctx.caller, accountId);
    requireAdmin(ctx.caller, account);
    return ctx.em.find(
      BlockedValue,
      { account, ...(kind ? { kind } : {}) },
      { orderBy: { kind: 'asc', value: 'asc' }, limit: MAX_BLOCK_BATCH },
    );
  }

  private normalize(kind: BlockKind, values: string[]): string[] {
    if (values.length === 0 || values.length > MAX_BLOCK_BATCH) {
      throw badInput(`values must hold 1 to ${MAX_BLOCK_BATCH} entries`, { field: 'values' });
    }
    return [...new Set(values.map((v) => normalizeBlockValue(kind, v)))];
  }
}
