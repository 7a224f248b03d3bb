import { describe, expect, it } from 'vitest';
import { leadDeltas, netDeltas, saleDeltas, upsertSql, type CountedLead } from './stat-counters.js';

const lead: CountedLead = {
  id: 'lead_1',
  accountId: 'acc_1',
  campaignId: 'cmp_1',
  sourceId: 'src_1',
  status: 'PENDING',
  reasonCode: null,
  isTest: false,
  priceCents: 0,
  receivedAtMs: Date.parse('2026-11-01T08:30:00Z'),
};

describe('stat counters', () => {
  it('counts a lead once per grain, in key order', () => {
    const deltas = leadDeltas({ ...lead, status: 'ACCEPTED', priceCents: 1250 }, 'America/Los_Angeles', 1);
    expect(deltas.map((d) => [d.key[1], d.count, d.revenueCents])).toEqual([
      ['D', 1, 1250],
      ['H', 1, 1250],
      ['M', 1, 1250],
    ]);
    expect(deltas[0]!.key).toEqual([
      'acc_1',
      'D',
      Date.parse('2026-11-01T07:00:00Z'),
      Date.parse('2026-11-02T08:00:00Z'),
      'cmp_1',
      'src_1',
      'ACCEPTED',
      '',
      false,
      0,
    ]);
  });

  it('moves a sold lead from PENDING to SOLD and nets out what does not change', () => {
    const moved = netDeltas([...leadDeltas(lead, 'UTC', -1), ...leadDeltas({ ...lead, status: 'SOLD', priceCents: 3000 }, 'UTC', 1)]);
    expect(moved.map((d) => [d.key[1], d.key[6], d.count, d.revenueCents])).toEqual([
      ['D', 'PENDING', -1, 0],
      ['D', 'SOLD', 1, 3000],
      ['H', 'PENDING', -1, 0],
      ['H', 'SOLD', 1, 3000],
      ['M', 'PENDING', -1, 0],
      ['M', 'SOLD', 1, 3000],
    ]);
    expect(netDeltas([...leadDeltas(lead, 'UTC', -1), ...leadDeltas(lead, 'UTC', 1)])).toEqual([]);
  });

  it("counts sales per buyer in the lead's buckets", () => {
    const deltas = saleDeltas(
      lead,
      [
        { buyerId: 'buy_b', priceCents: 20 },
        { buyerId: 'buy_a', priceCents: 30 },
      ],
      'UTC',
    );
    expect(deltas).toHaveLength(6);
    expect(deltas.map((d) => d.key[6])).toEqual(['buy_a', 'buy_b', 'buy_a', 'buy_b', 'buy_a', 'buy_b']);
  });

  it('upserts by adding to the row of the same key', () => {
    expect(upsertSql('lead_stat_counters', 2).replace(/\s+/g, ' ')).toBe(
      'insert into lead_stat_counters (account_id, grain, bucket_start, bucket_end, campaign_id, source_id, status, reason_code, is_test, slot, count, revenue_cents) ' +
        'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
        'on conflict (account_id, grain, bucket_start, bucket_end, campaign_id, source_id, status, reason_code, is_test, slot) ' +
        'do update set count = lead_stat_counters.count + excluded.count, revenue_cents = lead_stat_counters.revenue_cents + excluded.revenue_cents',
    );
  });
});
