/** `matches` patterns: compiled with RE2 (linear time), so no pattern can backtrack catastrophically. */
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
