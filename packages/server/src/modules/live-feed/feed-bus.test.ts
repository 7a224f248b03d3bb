import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { FeedBatcher, parseBatch } from './feed-bus.js';
import type { FeedMessage } from './feed-message.js';
import { LeadFeedEventKind } from './lead-feed-event.js';

const message = (n: number): FeedMessage => ({
  kind: LeadFeedEventKind.DECIDED,
  leadId: `lead_${n}`,
  accountId: 'acc',
  campaignId: 'cmp',
  sourceId: 'src',
  status: LeadStatus.ACCEPTED,
  reasonCode: null,
  message: '',
  priceCents: 100,
  buyerIds: [],
  isTest: false,
  door: LeadDoor.GRAPHQL,
  receivedAt: '2026-11-27T10:00:00.000Z',
  decidedAt: '2026-11-27T10:00:00.000Z',
  contact: { first: 'A•••', last: null, email: null, phone: null, city: null, state: null, zip: null },
});

describe('feed batches', () => {
  it('groups messages sent together into one broker message, in order, never over the size limit', () => {
    const sent: string[] = [];
    const batcher = new FeedBatcher((payload) => sent.push(payload), { flushMs: 10_000, maxChars: 2000 });
    for (let n = 0; n < 20; n++) batcher.add(message(n));
    batcher.flush();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((payload) => payload.length <= 2000)).toBe(true);
    expect(sent.flatMap(parseBatch).map((m) => m.leadId)).toEqual(Array.from({ length: 20 }, (_, n) => `lead_${n}`));
  });

  it('sends a lone message after flushMs', async () => {
    const sent: string[] = [];
    const batcher = new FeedBatcher((payload) => sent.push(payload), { flushMs: 5 });
    batcher.add(message(1));
    expect(sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent.flatMap(parseBatch).map((m) => m.leadId)).toEqual(['lead_1']);
  });

  it('ignores what is not a batch of feed messages', () => {
    expect(parseBatch('not json')).toEqual([]);
    expect(parseBatch('{"leadId":"x"}')).toEqual([]);
    expect(parseBatch(JSON.stringify([{ ...message(1), status: 'NOPE' }, message(2), null, 3]))).toEqual([message(2)]);
  });
});
