import { describe, expect, it } from 'vitest';
import { parseZipList, zipsToCsv } from './zip-list.js';

describe('parseZipList', () => {
  it('reads one zip per line, a header, quotes, ZIP+4 and the first CSV column, without duplicates', () => {
    expect(parseZipList('zip\n90210\r\n"10001",New York\n10001\n90210-1234\n\n')).toEqual(['90210', '10001']);
  });

  it('reads a list', () => {
    expect(parseZipList(['02134', ' 02135 '])).toEqual(['02134', '02135']);
  });

  it('names the offending lines', () => {
    expect(() => parseZipList('zip\n9021\nabcde\n90210')).toThrow(
      'zip list has 2 invalid entries (5 or 9 digits expected): line 2: "9021", line 3: "abcde"',
    );
  });

  it('writes sorted CSV with a header', () => {
    expect(zipsToCsv(['90210', '02134'])).toBe('zip\n02134\n90210\n');
    expect(zipsToCsv([])).toBe('zip\n');
  });
});
