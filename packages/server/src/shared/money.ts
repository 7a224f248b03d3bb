import { badInput } from '../errors/app-error.js';

/** Integer cents to a decimal amount (1250 -> 12.5). */
export const centsToAmount = (cents: number): number => cents / 100;

/** Largest amount we accept: ten million, well inside 32-bit cents. */
const MAX_AMOUNT = 10_000_000;

/**
 * A decimal amount from the API to integer cents; refuses negatives, more than two decimals
 * and amounts over 10,000,000.
 */
export function amountToCents(amount: number, field: string): number {
  if (!Number.isFinite(amount) || amount < 0 || amount > MAX_AMOUNT) {
    throw badInput(`${field} must be between 0 and ${MAX_AMOUNT}`, { field });
  }
  const cents = Math.round(amount * 100);
  if (Math.abs(cents - amount * 100) > 1e-6) throw badInput(`${field} must have at most two decimals`, { field });
  return cents;
}

/** Cents printed with two decimals, as the legacy contracts show money ("12.50"). */
export const formatCents = (cents: number): string => (cents / 100).toFixed(2);
