import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.js';

describe('redactUrl', () => {
  it('masks query values and secret path segments', () => {
    expect(redactUrl('/graphql?email=a@b.co&phone=1&phone=2')).toBe('/graphql?email=*&phone=*');
    expect(redactUrl('/webhook/abc123?x=1')).toBe('/webhook/*?x=*');
    expect(redactUrl('/instructions/tok.json')).toBe('/instructions/*');
    expect(redactUrl('/instructions/tok/zips.csv')).toBe('/instructions/*/zips.csv');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
