/**
 * `matches` patterns: how they are compiled (RE2, linear time), and the structural check that
 * refuses patterns prone to catastrophic backtracking in engines that backtrack.
 */
import { RE2JS } from 're2js';

/**
 * Flags every `matches` pattern is compiled with: `i` only. Matching is always
 * case-insensitive; there is no `/.../flags` syntax (a leading `/` is a literal slash). Never
 * `g` or `y`: they make `RegExp.test` stateful between leads.
 */
export const PATTERN_FLAGS = 'i';

/** A compiled `matches` pattern. */
export interface Pattern {
  test(text: string): boolean;
}

/**
 * Compiles a `matches` pattern, case-insensitive, with RE2 (the re2js port): matching takes time
 * linear in the input whatever the pattern, so no tenant's rule can stall the event loop
 * (`.*.*.*.*x` over a long value is polynomial in JavaScript's backtracking engine). RE2 has no
 * backreferences or lookarounds; such patterns are refused as invalid. Throws a SyntaxError for an
 * invalid pattern.
 */
export function compilePattern(pattern: string): Pattern {
  new RegExp(pattern, PATTERN_FLAGS); // the syntax vendors know; RE2 then decides what it can run
  let re2: ReturnType<typeof RE2JS.compile>;
  try {
    re2 = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    throw new SyntaxError(`unsupported in a linear-time pattern (no backreferences or lookarounds): ${(error as Error).message}`);
  }
  return { test: (text) => re2.matcher(text).find() };
}

const BOUNDED_QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/**
 * Reads the quantifier at `pattern[index]`, if any: its length and whether it can repeat its
 * atom more than once (`*`, `+`, `{n,}`, `{n,m}` with m >= 2, `{n}` with n >= 2). `?`, `{0,1}`,
 * `{1}` quantify without repeating. A `{` that does not start a quantifier is a literal.
 */
function quantifierAt(pattern: string, index: number): { length: number; repeats: boolean } | null {
  const c = pattern[index];
  if (c === '*' || c === '+') return { length: 1, repeats: true };
  if (c === '?') return { length: 1, repeats: false };
  if (c !== '{') return null;
  const match = BOUNDED_QUANTIFIER.exec(pattern.slice(index));
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return { length: match[0].length, repeats: max >= 2 };
}

/**
 * True when a repeated group contains a quantifier or an alternation, the shape behind
 * exponential backtracking: `(a+)+`, `(a*)*`, `(a|a)*`, `(?:x?){20}`, `((ab)*c)+`. The pattern
 * must already compile (it is assumed well-formed).
 *
 * The check is structural and deliberately simple, so it errs both ways:
 * - false positives: some safe patterns are refused, such as `(\.[a-z]+)*` or `(cat|dog)+`,
 *   because it does not reason about which characters each branch can match; rewrite them
 *   without a quantified group (`(cat|dog)` once, or a character class);
 * - false negatives: it does not look for polynomial backtracking between neighbouring
 *   quantifiers over overlapping characters (`\d+\d+x`, `.*.*.*=`), for backreferences, or
 *   for quantifiers inside lookarounds. Lead field values are short (at most a few thousand
 *   characters), which bounds what those can cost.
 */
export function hasNestedRepetition(pattern: string): boolean {
  // One frame per open group: "risky" once it holds a quantifier or `|`, directly or nested.
  const frames: boolean[] = [false];
  // The risk of the group that just closed, while it is the atom a quantifier would apply to.
  let lastGroupRisky: boolean | null = null;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
      lastGroupRisky = null;
    } else if (c === '[') {
      i += 1;
      if (pattern[i] === '^') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i += 1;
      lastGroupRisky = null;
    } else if (c === '(') {
      frames.push(false);
      i += 1;
      // Group prefixes: (?: (?= (?! (?<= (?<! (?<name>; their `?` is not a quantifier.
      if (pattern[i] === '?') {
        if (pattern[i + 1] === '<' && pattern[i + 2] !== '=' && pattern[i + 2] !== '!') {
          const close = pattern.indexOf('>', i);
          i = close < 0 ? pattern.length : close + 1;
        } else {
          i += pattern[i + 1] === '<' ? 3 : 2;
        }
      }
      lastGroupRisky = null;
    } else if (c === ')') {
      const risky = frames.length > 1 ? (frames.pop() ?? false) : false;
      if (risky) frames[frames.length - 1] = true;
      lastGroupRisky = risky;
      i += 1;
    } else if (c === '|') {
      frames[frames.length - 1] = true;
      lastGroupRisky = null;
      i += 1;
    } else {
      const quantifier = quantifierAt(pattern, i);
      if (quantifier) {
        if (quantifier.repeats && lastGroupRisky) return true;
        frames[frames.length - 1] = true;
        i += quantifier.length;
        if (pattern[i] === '?') i += 1; // lazy form, same structure
      } else {
        i += 1;
      }
      lastGroupRisky = null;
    }
  }
  return false;
}
