import { alignedSpans, GRAINS, type Grain, type Span } from './stat-calendar.js';

/** A stretch of time counted into target `t` (a series point, or 0 for a total). */
export interface Piece extends Span {
  t: number;
}

/** How a query is answered: whole counter buckets of each grain, and what is left to read from leads. */
export interface StatsPlan {
  runs: Record<Grain, Piece[]>;
  /** Stretches no whole bucket covers (the edges of the range): read from indexed lead rows. */
  rest: Piece[];
}

/**
 * Stored buckets of `grain` that cross one of `points` (start < point < end). Those exist only
 * when the account's time zone changed, or in a zone whose DST shift is not a whole hour.
 */
export type StraddleCheck = (grain: Grain, points: number[]) => Promise<Span[]>;

/** Joins touching pieces of the same target. */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (last && last.t === p.t && last.end === p.start) last.end = p.end;
    else out.push({ ...p });
  }
  return out;
}

/** `pieces` minus the sorted, disjoint `used` pieces (each inside one piece). */
function subtract(pieces: Piece[], used: Piece[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  for (const piece of pieces) {
    let cursor = piece.start;
    while (i < used.length && used[i]!.start < piece.end) {
      const u = used[i]!;
      if (u.start > cursor) out.push({ start: cursor, end: u.start, t: piece.t });
      cursor = Math.max(cursor, u.end);
      i++;
    }
    if (cursor < piece.end) out.push({ start: cursor, end: piece.end, t: piece.t });
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Splits sorted, disjoint targets into whole calendar buckets, coarsest first (months, then days,
 * then hours of `zone`), and the rest. Counting a bucket is exact when no stored bucket of the
 * same grain crosses the edge of a run of used buckets: `straddlers` (when given) finds those,
 * and the time they cover falls to the next finer grain, and finally to the lead rows.
 */
export async function planSpans(
  targets: readonly Piece[],
  zone: string,
  grains: readonly Grain[] = GRAINS,
  straddlers?: StraddleCheck,
): Promise<StatsPlan> {
  const runs: Record<Grain, Piece[]> = { M: [], D: [], H: [] };
  let rest = merge([...targets].sort((a, b) => a.start - b.start));
  for (const grain of grains) {
    let used: Piece[] = rest.flatMap((piece) => alignedSpans(grain, piece.start, piece.end, zone).map((s) => ({ ...s, t: piece.t })));
    while (straddlers && used.length > 0) {
      const merged = merge(used);
      const points = [...new Set(merged.flatMap((r) => [r.start, r.end]))];
      const bad = await straddlers(grain, points);
      const kept = used.filter((u) => !bad.some((b) => overlaps(u, b)));
      if (kept.length === used.length) break;
      used = kept;
    }
    runs[grain] = merge(used);
    rest = subtract(rest, used);
  }
  return { runs, rest };
}
