import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { LeadDecision } from '../../modules/leads/lead-decision.js';
import { LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode } from '../../modules/leads/reason-code.js';
import { decisionToOptaReply, OptaRequestError, optaReply, parseTestFlag, toOptaSubmission } from './ca-submit.mapper.js';

describe('toOptaSubmission', () => {
  it('maps credentials, standard fields, vendor aliases and custom fields', () => {
    const { compid, draft } = toOptaSubmission({
      compid: 'ACME1234', sourceid: 'src_1', campid: 'cmp_1', auth: 'lgs_x', first: 'John', zip: 90210,
      subid: 's', aff_id: 'a', ip_address: '8.8.8.8', xxTrustedFormCertUrl: 'https://cert.trustedform.com/x', universal_leadid: 'u',
      vehicle: 'Civic', test: 'true',
    });
    expect(compid).toBe('ACME1234');
    expect(draft).toEqual({
      campaignId: 'cmp_1', sourceId: 'src_1', sourceAuth: 'lgs_x', test: true, door: 'OPTA',
      fields: { first: 'John', zip: 90210, subId: 's', affId: 'a', ip: '8.8.8.8', trustedFormCertUrl: 'https://cert.trustedform.com/x', jornayaLeadId: 'u' },
      extra: { vehicle: 'Civic' },
    });
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
    expect(decisionToOptaReply(decision(LeadStatus.ACCEPTED, 1250))).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
    expect(decisionToOptaReply(decision(LeadStatus.ACCEPTED, 0))).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":0.00}');
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
