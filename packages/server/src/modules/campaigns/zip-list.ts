import { badInput } from '../../errors/app-error.js';

/** Most entries a zip list may hold. */
export const MAX_ZIPS = 100_000;

/**
 * Zips from a CSV upload or a list: one per line or comma-separated; the first column of a
 * multi-column CSV; an optional header line ("zip", "zipcode", "postal_code"...). ZIP+4 keeps its
 * first five digits. Anything else is refused, naming up to five offending lines.
 */
export function parseZipList(input: string | readonly string[]): string[] {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const zips = new Set<string>();
  const bad: string[] = [];
  lines.forEach((raw, index) => {
    const cells = typeof input === 'string' ? [raw.split(',')[0] ?? ''] : [raw];
    for (const cell of cells) {
      const value = cell
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim();
      if (!value) continue;
      if (index === 0 && typeof input === 'string' && /^[a-z _-]+$/i.test(value)) continue; // header
      const match = /^(\d{5})(?:-?\d{4})?$/.exec(value);
      if (match) zips.add(match[1]!);
      else if (bad.length < 5) bad.push(typeof input === 'string' ? `line ${index + 1}: "${value}"` : `"${value}"`);
      else bad.push('');
    }
  });
  if (bad.length) {
    const shown = bad.filter(Boolean).join(', ');
    throw badInput(`zip list has ${bad.length} invalid entr${bad.length === 1 ? 'y' : 'ies'} (5 or 9 digits expected): ${shown}`, {
      field: 'zips',
    });
  }
  if (zips.size > MAX_ZIPS) throw badInput(`zip list has ${zips.size} entries; at most ${MAX_ZIPS} are allowed`, { field: 'zips' });
  return [...zips];
}

/** The zip list as CSV with a header, sorted. */
export const zipsToCsv = (zips: readonly string[]): string => `zip\n${[...zips].sort().join('\n')}${zips.length ? '\n' : ''}`;
