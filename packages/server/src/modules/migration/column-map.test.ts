import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import { columnMap, mapRow, parseMapping } from './column-map.js';
import { parseReceivedAt } from '../../shared/wall-clock.js';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('column maps', () => {
  it('reads the usual export headers by name, keeps valid names as custom fields and ignores the rest', () => {
    const map = columnMap([
      'Lead ID',
      'First Name',
      'LAST_NAME',
      'E-mail',
      'phone_number',
      'Zip Code',
      'created_at',
      'Status',
      'payout',
      'vehicle_year',
      'Notes (internal)',
      'pubid',
      'campid',
      'tf',
    ]);
    expect(Object.fromEntries(map.columns.map((c) => [c.header, c.target]))).toEqual({
      'Lead ID': 'key',
      'First Name': 'first',
      LAST_NAME: 'last',
      'E-mail': 'email',
      phone_number: 'phone',
      'Zip Code': 'zip',
      created_at: 'receivedAt',
      Status: 'status',
      payout: 'price',
      vehicle_year: 'extra.vehicle_year',
      pubid: 'sourceId',
      campid: 'campaignId',
      tf: 'trustedFormCertUrl',
    });
    expect(map.ignored).toEqual(['Notes (internal)']);
  });

  it('lets a mapping override names, and refuses what cannot be mapped', () => {
    const mapping = parseMapping('email = Contact Mail, extra.year=Yr ,receivedAt=When');
    expect(mapping).toEqual([
      { target: 'email', column: 'Contact Mail' },
      { target: 'extra.year', column: 'Yr' },
      { target: 'receivedAt', column: 'When' },
    ]);
    const map = columnMap(['contact mail', 'Yr', 'When', 'email'], mapping);
    expect(Object.fromEntries(map.columns.map((c) => [c.header, c.target]))).toEqual({
      'contact mail': 'email',
      Yr: 'extra.year',
      When: 'receivedAt',
    });
    expect(map.ignored).toEqual(['email']);
    expect(message(() => parseMapping('email'))).toBe('--map takes field=column pairs (got "email")');
    expect(message(() => columnMap(['a'], [{ target: 'nope', column: 'a' }]))).toMatch(/^"nope" is not a field to map to/);
    expect(message(() => columnMap(['a'], [{ target: 'email', column: 'b' }]))).toBe(
      'The mapping names column "b", which the file does not have (it has "a")',
    );
    expect(columnMap(['a'], [{ target: 'email', column: 'b' }], false).columns).toEqual([{ header: 'a', target: 'extra.a' }]);
    expect(
      message(() =>
        columnMap(
          ['a', 'b'],
          [
            { target: 'email', column: 'a' },
            { target: 'email', column: 'b' },
          ],
        ),
      ),
    ).toBe('Columns "a" and "b" both map to email; map one of them explicitly');
  });

  it('reads a row: empty cells left out, numbers as text', () => {
    const map = columnMap(['email', 'price', 'year', 'blank']);
    expect(mapRow(map, { email: 'a@b.co', price: 12.5, year: 2020, blank: '  ' })).toEqual({
      fields: { email: 'a@b.co' },
      extra: { year: '2020' },
      meta: { price: '12.5' },
    });
  });
});

describe('receive times', () => {
  it("reads ISO 8601, epoch seconds and milliseconds, and wall-clock times of the campaign's zone", () => {
    const zone = 'America/Los_Angeles';
    expect(parseReceivedAt('2026-03-03T10:30:00Z', zone)?.toISOString()).toBe('2026-03-03T10:30:00.000Z');
    expect(parseReceivedAt('2026-03-03 10:30:00+02:00', zone)?.toISOString()).toBe('2026-03-03T08:30:00.000Z');
    expect(parseReceivedAt('1772533800', zone)?.toISOString()).toBe('2026-03-03T10:30:00.000Z');
    expect(parseReceivedAt('1772533800000', zone)?.toISOString()).toBe('2026-03-03T10:30:00.000Z');
    expect(parseReceivedAt('2026-03-03 10:30:00', zone)?.toISOString()).toBe('2026-03-03T18:30:00.000Z');
    expect(parseReceivedAt('2026-03-03', zone)?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(parseReceivedAt('3/3/2026 10:30', zone)?.toISOString()).toBe('2026-03-03T18:30:00.000Z');
    for (const bad of ['yesterday', '2026-13-01', '31/12/2026', '']) expect(parseReceivedAt(bad, zone)).toBeNull();
  });
});
