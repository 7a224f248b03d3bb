import { LRUCache } from 'lru-cache';
import { compileCondition, type ConditionTest } from '../../rules/index.js';
import type { LocalTime } from '../../shared/local-time.js';
import type { Buyer } from './buyer.entity.js';
import { inSchedule } from './schedule.js';

/** Reads a lead field by name: its value, or null when the lead has none. */
export type LeadFieldGetter = (field: string) => string | null;

/** What the matching helpers read of a buyer (a `Buyer` entity, or a plain object in tests). */
export type BuyerRules = Pick<Buyer, 'id' | 'updatedAt' | 'priceCents' | 'priceRules' | 'filter' | 'schedule'>;

/** A buyer's conditions compiled once, for the version `updatedAt` names. */
interface CompiledBuyer {
  version: number;
  priceRules: Array<{ test: ConditionTest; priceCents: number }>;
  /** null: no filter (every lead); `NEVER` when the stored filter no longer compiles. */
  filter: ConditionTest | null;
}

const NEVER: ConditionTest = () => false;

/** Compiled buyers by id; an entry is recompiled when the buyer's updatedAt differs. */
const compiled = new LRUCache<string, CompiledBuyer>({ max: 10_000 });

/**
 * Stored conditions were validated when saved; one that no longer compiles (a rule of the
 * language tightened since) fails closed: a price rule never holds, a filter admits nothing.
 */
function compileOrNever(condition: Parameters<typeof compileCondition>[0]): ConditionTest {
  try {
    return compileCondition(condition);
  } catch {
    return NEVER;
  }
}

function compiledFor(buyer: BuyerRules): CompiledBuyer {
  const version = buyer.updatedAt.getTime();
  const cached = compiled.get(buyer.id);
  if (cached && cached.version === version) return cached;
  const entry: CompiledBuyer = {
    version,
    priceRules: buyer.priceRules.map((rule) => ({ test: compileOrNever(rule.condition), priceCents: rule.priceCents })),
    filter: buyer.filter ? compileOrNever(buyer.filter) : null,
  };
  compiled.set(buyer.id, entry);
  return entry;
}

/**
 * What `buyer` pays for the lead whose fields `get` reads, in cents: the price of its first
 * pricing rule whose condition holds, else its default `priceCents`. Conditions are compiled
 * once per buyer version (id + updatedAt).
 */
export function buyerPriceCents(buyer: BuyerRules, get: LeadFieldGetter): number {
  for (const rule of compiledFor(buyer).priceRules) if (rule.test(get)) return rule.priceCents;
  return buyer.priceCents;
}

/**
 * True when `buyer` takes the lead now: `local` (the ACCOUNT's wall clock) is inside its
 * schedule and the lead satisfies its filter. Status and caps are the router's to check.
 */
export function buyerAdmits(buyer: BuyerRules, get: LeadFieldGetter, local: Pick<LocalTime, 'weekday' | 'minutes'>): boolean {
  if (!inSchedule(buyer.schedule, local)) return false;
  const { filter } = compiledFor(buyer);
  return filter === null || filter(get);
}
