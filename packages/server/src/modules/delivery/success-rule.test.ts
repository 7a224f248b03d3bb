import { describe, expect, it } from 'vitest';
import { failedSuccessRule } from './success-rule.js';

const rule = (jsonPath: string | null, jsonEquals: string | null = null, substring: string | null = null) => ({
  jsonPath,
  jsonEquals,
  substring,
});

describe('success rule', () => {
  it('passes any body without a rule', () => {
    expect(failedSuccessRule(rule(null), 'anything')).toBeNull();
  });

  it('checks a dot path, its value as text, and a substring', () => {
    const body = '{"result":{"status":"ok","ids":[7]},"n":0}';
    expect(failedSuccessRule(rule('result.status', 'ok'), body)).toBeNull();
    expect(failedSuccessRule(rule('result.ids.0', '7'), body)).toBeNull();
    expect(failedSuccessRule(rule('result.status', 'done'), body)).toBe('result.status is "ok", not "done"');
    expect(failedSuccessRule(rule('result.id'), body)).toBe('the reply has no result.id');
    expect(failedSuccessRule(rule('n'), body)).toBe('n is 0');
    expect(failedSuccessRule(rule('a'), 'not json')).toBe('the reply is not JSON');
    expect(failedSuccessRule(rule(null, null, 'ACCEPTED'), 'status=REJECTED')).toBe('the reply does not contain "ACCEPTED"');
  });
});
