import type { ParseOptions } from 'graphql';

/**
 * Parse options that stop the parser at `maxTokens` tokens: graphql-js counts them as it lexes,
 * so a huge document is refused after reading that many tokens, before validation and without a
 * second parse. (graphql-armor's Apollo max-tokens plugin parses every document twice and, in
 * Apollo 5, its refusal surfaces as a 500.) The refusal is shaped in the error formatter.
 */
export function tokenLimitParseOptions(maxTokens: number): ParseOptions {
  return { maxTokens };
}
