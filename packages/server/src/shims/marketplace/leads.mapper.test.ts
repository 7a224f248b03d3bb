import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { LeadDecision } from '../../modules/leads/lead-decision.js';
import { LeadStatus } from '../../modules/leads/lead-enums.js';
import { IntakeRefusal, RefusalReason } from '../../modules/intake/index.js';
import { ReasonCode } from '../../modules/leads/reason-code.js';
import { doorName, errorBody, marketplaceReplyOf, MarketplaceRequestError, successBody, toMarketplacePost } from './leads.mapper.js';

describe('toMarketplacePost', () => {
  const base = { seller: 'ACME1234', category: 'Solar', firstName: 'John', lastName: 'Doe', phone: '555-123-4567', state: 'TX' };

  it('merges query and body, the body winning, and maps camelCase names', () => {
    const post = toMarketplacePost({ ...base, firstName: 'Query', city: 'Austin' }, { firstName: 'Body', roofAge: 12 });
    expect(post).toEqual({
      seller: 'ACME1234',
      category: 'Solar',
      draft: {
        campaignId: null,
        door: 'MARKETPLACE',
        test: false,
        fields: { first: 'Body', last: 'Doe', phone: '555-123-4567', state: 'TX', city: 'Austin' },
        extra: { roofAge: '12' },
      },
    });
  });

  it('takes everything from the query with no body', () => {
    expect(toMarketplacePost(base, undefined).draft.fields.first).toBe('John');
  });

  it('names every missing required field, and refuses nested values', () => {
    expect(() => toMarketplacePost({ seller: 'x', phone: '1' }, {})).toThrow(
      new MarketplaceRequestError('Missing required field: category, firstName, lastName, state'),
    );
    expect(() => toMarketplacePost(base, { firstName: { a: 1 } })).toThrow('firstName must be a string, not an object or a list');
    expect(() => toMarketplacePost(base, [1])).toThrow('The body must be a JSON object of lead fields');
  });

  it('maps our field names back for messages', () => {
    expect(['first', 'zip', 'roofAge'].map(doorName)).toEqual(['firstName', 'zip', 'roofAge']);
  });
});

describe('marketplace replies', () => {
  const decision = (status: LeadStatus, priceCents = 0, buyerIds: string[] = []) =>
    LeadDecision.of({ status, reasonCode: null, message: '', priceCents, leadId: 'lead_1', isTest: false, buyerIds });

  it('prints sold and pending as the contract shows', () => {
    expect(successBody(decision(LeadStatus.SOLD, 4500, ['buy_1']))).toBe(
      '{"success":true,"lead_id":"lead_1","status":"sold","price":45.00,"buyer_ids":["buy_1"]}',
    );
    expect(successBody(decision(LeadStatus.PENDING))).toBe('{"success":true,"lead_id":"lead_1","status":"pending"}');
    expect(errorBody('Rate limit exceeded')).toBe('{"success":false,"error":"Rate limit exceeded"}');
  });
});

describe('marketplaceReplyOf', () => {
  it("renders refusals, rejections with the door's field names, and successes", () => {
    expect(marketplaceReplyOf({ refusal: new IntakeRefusal(RefusalReason.KEY_NOT_ALLOWED) })).toEqual({
      status: 401,
      body: '{"success":false,"error":"Invalid API Key"}',
    });
    expect(marketplaceReplyOf({ refusal: new IntakeRefusal(RefusalReason.NO_MATCHING_CAMPAIGN) })).toEqual({
      status: 400,
      body: '{"success":false,"error":"No matching campaign"}',
    });
    const missing = LeadDecision.of({
      status: LeadStatus.REJECTED,
      reasonCode: ReasonCode.MISSING_FIELDS,
      message: 'Missing first, roofAge',
      priceCents: 0,
      leadId: null,
      isTest: false,
      missingFields: ['first', 'roofAge'],
    });
    expect(marketplaceReplyOf({ decision: missing })).toEqual({
      status: 400,
      body: '{"success":false,"error":"Missing required field: firstName, roofAge"}',
    });
    const pending = LeadDecision.of({
      status: LeadStatus.PENDING,
      reasonCode: null,
      message: '',
      priceCents: 0,
      leadId: 'lead_1',
      isTest: false,
    });
    expect(marketplaceReplyOf({ decision: pending })).toEqual({
      status: 200,
      body: '{"success":true,"lead_id":"lead_1","status":"pending"}',
    });
  });
});
