import { describe, expect, it } from 'vitest';
import { csvRecord, spreadsheetSafe } from './lead-csv.js';

describe('lead CSV records', () => {
  it('keeps cells a spreadsheet would run as formulas as text', () => {
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('-2+3+cmd|/C calc!A0')).toBe("'-2+3+cmd|/C calc!A0");
    expect(spreadsheetSafe('+12135550147')).toBe('+12135550147');
    expect(spreadsheetSafe('-12.5')).toBe('-12.5');
    expect(spreadsheetSafe('Ada')).toBe('Ada');
    expect(spreadsheetSafe(null)).toBeNull();
  });

  it('reads a row of either engine and masks contact fields for readers', () => {
    const sqliteRow = {
      id: 'lead_1',
      received_at: Date.parse('2026-11-23T10:00:00Z'),
      status: 'ACCEPTED',
      reason_code: null,
      reason_message: '',
      price_cents: 1250,
      is_test: 0,
      door: 'OPTA',
      campaign_id: 'cmp_1',
      campaign_name: 'Auto',
      source_id: 'src_1',
      source_name: 'Vendor',
      first: 'Ada',
      last: 'Lovelace',
      email: 'ada@example.com',
      phone: '+12135550147',
      address: '1 Main St',
      city: 'Los Angeles',
      state: 'CA',
      zip: '90012',
      ip: '203.0.113.9',
      sub_id: 's1',
      aff_id: null,
      trusted_form_cert_url: null,
      jornaya_lead_id: null,
      extra: '{"age":"41"}',
    };
    const pgRow = { ...sqliteRow, received_at: new Date('2026-11-23T10:00:00Z'), is_test: false, extra: { age: '41' } };
    expect(csvRecord(pgRow, false)).toEqual(csvRecord(sqliteRow, false));
    expect(csvRecord(sqliteRow, false)).toMatchObject({
      receivedAt: '2026-11-23T10:00:00.000Z',
      price: '12.50',
      isTest: 'false',
      email: 'ada@example.com',
      extra: '{"age":"41"}',
    });
    expect(csvRecord(sqliteRow, true)).toMatchObject({
      first: 'A•••',
      last: 'L•••',
      email: 'a•••@example.com',
      phone: '•••0147',
      address: '•••',
      zip: '900••',
      ip: '•••',
      city: 'Los Angeles',
      state: 'CA',
      subId: 's1',
    });
  });
});
