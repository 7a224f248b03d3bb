import { describe, expect, it } from 'vitest';
import { LeadDoor, LeadStatus } from './lead-enums.js';
import { LeadEvents, type LeadDecidedEvent } from './lead-events.js';

const event = (leadId: string): LeadDecidedEvent => ({
  leadId,
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
  receivedAt: new Date(0),
  fields: {} as LeadDecidedEvent['fields'],
});

describe('LeadEvents', () => {
  it('delivers to every listener, isolates a throwing one, and stops after unsubscribe', () => {
    const events = new LeadEvents();
    expect(events.active).toBe(false);
    const seen: string[] = [];
    events.subscribe(() => {
      throw new Error('listener bug');
    });
    const off = events.subscribe((e) => seen.push(e.leadId!));
    expect(events.active).toBe(true);
    events.publish(event('a'));
    off();
    events.publish(event('b'));
    expect(seen).toEqual(['a']);
  });
});
