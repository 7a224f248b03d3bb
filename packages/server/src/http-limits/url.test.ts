import { describe, expect, it } from 'vitest';
import { repairUrl } from './url.js';

describe('repairUrl', () => {
  it('leaves well-formed URLs alone', () => {
    for (const url of ['/healthz', '/webhook/abc?x=%ZZ', '/webservices/rest/brand/AB/filter/email/a%40b.co', '/a%20b'])
      expect(repairUrl(url)).toBe(url);
  });
  it('makes runs of slashes in the path one', () => {
    expect(repairUrl('//webhook//abc?x=//y')).toBe('/webhook/abc?x=//y');
    expect(repairUrl('//ca/submit%ZZ')).toBe('/ca/submit%25ZZ');
  });
  it('escapes every % of a path holding a malformed escape, keeping the query string', () => {
    expect(repairUrl('/webhook/abc%ZZ')).toBe('/webhook/abc%25ZZ');
    expect(repairUrl('/campaigns/%C0/zips.csv?mode=%ZZ')).toBe('/campaigns/%25C0/zips.csv?mode=%ZZ');
    expect(repairUrl('/x%20y%')).toBe('/x%2520y%25');
  });
});
