// Decimal only: Number() alone would also read "" as 0, "0x1f" as 31 and "Infinity", which no lead means as a number.
// The optional fraction sits behind a mandatory "." so no two quantifiers compete for the same digits.
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a decimal number such as `42`, `-3.5`, `+1`, `.5`, `5.` or `1e3`; surrounding
 * whitespace is ignored. Returns null for anything else: blank text, hex, thousands separators,
 * currency signs, `Infinity`, or a value too large to be finite.
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMERIC.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
