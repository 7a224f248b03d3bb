import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { LeadDecision } from '../../modules/leads/lead-decision.js';
import { LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode } from '../../modules/leads/reason-code.js';
import { decisionToOptaReply, OptaRequestError, optaReply, parseTestFlag, toOptaSubmission } from './ca-submit.mapper.js';

describe('toOptaSubmission', () => {
  it('maps credentials, standard fields, vendor aliases and custom fields', () => {
    const { credentials, draft } = toOptaSubmission({
      compid: 'ACME1234',
      sourceid: 'src_1',
      campid: 'cmp_1',
      auth: 'lgs_x',
      first: 'John',
      zip: 90210,
      subid: 's',
      aff_id: 'a',
      ip_address: '8.8.8.8',
      xxTrustedFormCertUrl: 'https://cert.trustedform.com/x',
      universal_leadid: 'u',
      vehicle: 'Civic',
      test: 'true',
    });
    expect(credentials).toEqual({ kind: 'body', sourceId: 'src_1', sourceAuth: 'lgs_x', accountRef: 'ACME1234' });
    expect(draft).toEqual({
      campaignId: 'cmp_1',
      test: true,
      door: 'OPTA',
      fields: {
        first: 'John',
        zip: 90210,
        subId: 's',
        affId: 'a',
        ip: '8.8.8.8',
        trustedFormCertUrl: 'https://cert.trustedform.com/x',
        jornayaLeadId: 'u',
      },
      extra: { vehicle: 'Civic' },
    });
  });

  it('reads the source id and field names real posting code sends: pubid, tf, LeadConduit-style names', () => {
    const { draft, credentials } = toOptaSubmission({
      compid: 'OP7K2',
      campid: '4821',
      pubid: '3391',
      auth: '5b1f0d9e-8c1e-4c55-9a3a-0d6b2f1e7c44',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone_1: '2135550101',
      postal_code: '90012',
      tf: 'https://cert.trustedform.com/abc',
      price: '12.50',
    });
    expect(credentials).toEqual({
      kind: 'body',
      sourceId: '3391',
      sourceAuth: '5b1f0d9e-8c1e-4c55-9a3a-0d6b2f1e7c44',
      accountRef: 'OP7K2',
    });
    expect(draft).toMatchObject({
      campaignId: '4821',
      fields: { first: 'Ada', last: 'Lovelace', phone: '2135550101', zip: '90012', trustedFormCertUrl: 'https://cert.trustedform.com/abc' },
      extra: { price: '12.50' },
    });
    for (const name of ['source_id', 'sourceId', 'pub_id', 'publisher_id'])
      expect(toOptaSubmission({ [name]: 'x' }).credentials).toMatchObject({ sourceId: 'x' });
    // The documented name wins over a variant, and a field's contract name over its aliases.
    expect(toOptaSubmission({ pubid: 'alias', sourceid: 'doc' }).credentials).toMatchObject({ sourceId: 'doc' });
    expect(toOptaSubmission({ pubid: '', sourceid: '', source_id: 'third' }).credentials).toMatchObject({ sourceId: 'third' });
    expect(toOptaSubmission({ first_name: 'Alias', first: 'Doc' }).draft.fields.first).toBe('Doc');
    expect(toOptaSubmission({ first: '', first_name: 'Alias' }).draft.fields.first).toBe('Alias');
    expect(toOptaSubmission({ tf: 'a', xxTrustedFormCertUrl: 'b' }).draft.fields.trustedFormCertUrl).toBe('a');
  });

  it('refuses what is not a flat object', () => {
    expect(() => toOptaSubmission([])).toThrow(OptaRequestError);
    expect(() => toOptaSubmission('x')).toThrow('The body must be a JSON object of lead fields');
    expect(() => toOptaSubmission({ first: ['a'] })).toThrow('first must be a string, not an object or a list');
  });

  it('reads test flags the contract sends', () => {
    expect([undefined, '', 'false', false, '0', 0].map(parseTestFlag)).toEqual([false, false, false, false, false, false]);
    expect(['true', true, '1', 1].map(parseTestFlag)).toEqual([true, true, true, true]);
    expect(() => parseTestFlag('yes')).toThrow('test must be "true" or "false" (got "yes")');
  });
});

describe('Opta replies', () => {
  const decision = (status: LeadStatus, priceCents = 0, reasonCode: ReasonCode | null = null, message = '', isTest = false) =>
    LeadDecision.of({ status, reasonCode, message, priceCents, leadId: 'lead_1', isTest });

  it('prints the contract bodies byte for byte, prices with two decimals', () => {
    expect(decisionToOptaReply(decision(LeadStatus.ACCEPTED, 1250))).toBe(
      '{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}',
    );
    expect(decisionToOptaReply(decision(LeadStatus.ACCEPTED, 0))).toBe(
      '{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":0.00}',
    );
    expect(decisionToOptaReply(decision(LeadStatus.TEST, 0, null, '', true))).toBe(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );
    expect(decisionToOptaReply(decision(LeadStatus.REJECTED, 0, ReasonCode.DUPLICATE_EMAIL, 'Duplicate email'))).toBe(
      '{"leadStatus":false,"reason":"Opta Reject","message":"Duplicate email","price":0.00}',
    );
  });

  it('escapes messages as JSON', () => {
    expect(optaReply({ leadStatus: false, reason: 'Bad request', message: 'a "quoted" \\ thing', priceCents: 0 })).toBe(
      '{"leadStatus":false,"reason":"Bad request","message":"a \\"quoted\\" \\\\ thing","price":0.00}',
    );
  });
});
