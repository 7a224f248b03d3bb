import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../shared/local-time.js';
import { Campaign } from '../../campaigns/campaign.entity.js';
import { ConsentRequirement, DuplicateKey, Weekday } from '../../campaigns/requirement-enums.js';
import { SourceCampaign } from '../../sources/source-campaign.entity.js';
import type { UniqueClaim } from '../../ledger/ledger.js';
import type { CampaignSnapshot } from '../campaign-snapshot.js';
import { LeadDoor } from '../../leads/lead-enums.js';
import { normalizeLead } from '../../fields/normalize.js';
import { runPipeline } from '../pipeline.js';
import { campaignScheduleRule } from './campaign-schedule.rule.js';
import { capsRule } from './caps.rule.js';
import { consentRule } from './consent.rule.js';
import { duplicatesRule } from './duplicates.rule.js';
import type { RuleContext } from './lead-rule.js';

const snapshot: CampaignSnapshot = { version: 1, urlFields: [], states: null, stateMode: null, zips: null, zipMode: null, rules: [] };

function context(at: string, campaign: Partial<Campaign> = {}, approval: Partial<SourceCampaign> = {}): RuleContext {
  const c = Object.assign(new Campaign(), { id: 'cmp_1', timeZone: 'America/Los_Angeles', ...campaign });
  const a = Object.assign(new SourceCampaign(), { id: 'sc_1', ...approval });
  const now = new Date(at);
  return {
    campaign: c, snapshot, source: null, authenticated: true, approval: a, now, local: localTime(now, c.timeZone), accountTimeZone: c.timeZone,
    blocked: { phone: false, email: false }, countryOf: () => 'US',
  };
}

const lead = (fields: Record<string, unknown>) => normalizeLead({ fields });

describe('campaignScheduleRule', () => {
  const rule = campaignScheduleRule();
  const weekdays = { schedule: [{ days: [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI], start: '09:00', end: '17:00' }] };

  it('opens Mon-Fri 09:00-17:00 on the campaign clock, not UTC', () => {
    // Monday 2026-11-23 09:00 in Los Angeles is 17:00 UTC.
    expect(rule.check(lead({}), context('2026-11-23T17:00:00Z', weekdays)).pass).toBe(true);
    expect(rule.check(lead({}), context('2026-11-23T16:59:00Z', weekdays))).toEqual({ pass: false, code: 'CAMPAIGN_SCHEDULE' });
    expect(rule.check(lead({}), context('2026-11-24T00:59:00Z', weekdays)).pass).toBe(true); // Mon 16:59 local
    expect(rule.check(lead({}), context('2026-11-24T01:00:00Z', weekdays)).pass).toBe(false); // Mon 17:00 local: closed
    expect(rule.check(lead({}), context('2026-11-28T18:00:00Z', weekdays)).pass).toBe(false); // Saturday
  });

  it('runs an overnight window into the next morning', () => {
    const overnight = { schedule: [{ days: [Weekday.FRI], start: '22:00', end: '02:00' }] };
    expect(rule.check(lead({}), context('2026-11-28T06:30:00Z', overnight)).pass).toBe(true); // Fri 22:30 local
    expect(rule.check(lead({}), context('2026-11-28T09:30:00Z', overnight)).pass).toBe(true); // Sat 01:30 local
    expect(rule.check(lead({}), context('2026-11-28T10:30:00Z', overnight)).pass).toBe(false); // Sat 02:30 local
    expect(rule.check(lead({}), context('2026-11-27T09:30:00Z', overnight)).pass).toBe(false); // Fri 01:30 local
  });

  it('is always open without windows', () => {
    expect(rule.check(lead({}), context('2026-11-28T10:30:00Z')).pass).toBe(true);
  });
});

describe('capsRule', () => {
  it('claims each configured period of the source, then the campaign, keyed by local calendar periods', () => {
    // 2026-11-30T07:30Z is still Sunday 2026-11-29 in Los Angeles: ISO week 48, month 11.
    const ctx = context('2026-11-30T07:30:00Z', { caps: { monthly: 500 } }, { caps: { daily: 10, weekly: 50, total: 1000 } });
    expect(capsRule().claims(lead({}), ctx)).toEqual([
      { kind: 'counter', stage: 'caps', code: 'DAILY_CAP', scope: 'sc:sc_1:daily', period: '2026-11-29', limit: 10 },
      { kind: 'counter', stage: 'caps', code: 'WEEKLY_CAP', scope: 'sc:sc_1:weekly', period: '2026-W48', limit: 50 },
      { kind: 'counter', stage: 'caps', code: 'TOTAL_CAP', scope: 'sc:sc_1:total', period: 'total', limit: 1000 },
      { kind: 'counter', stage: 'caps', code: 'CAMPAIGN_CAP', scope: 'campaign:cmp_1:monthly', period: '2026-11', limit: 500 },
    ]);
  });
});

describe('duplicatesRule', () => {
  it('claims hashed email then phone (whatever order the campaign lists them), with the window start', () => {
    const ctx = context('2026-11-23T12:00:00Z', { duplicates: { keys: [DuplicateKey.PHONE, DuplicateKey.EMAIL], windowDays: 30 } });
    const claims = duplicatesRule().claims(lead({ email: 'A@B.co', phone: '2135550147' }), ctx) as UniqueClaim[];
    expect(claims.map((c) => [c.code, c.key, c.windowStartMs])).toEqual([
      ['DUPLICATE_EMAIL', 'email', Date.parse('2026-11-23T12:00:00Z') - 30 * 86_400_000],
      ['DUPLICATE_PHONE', 'phone', Date.parse('2026-11-23T12:00:00Z') - 30 * 86_400_000],
    ]);
    expect(claims[0]!.valueHash).toMatch(/^[0-9a-f]{64}$/);
    expect(claims[0]!.valueHash).not.toContain('a@b.co');
  });
});

describe('consentRule', () => {
  const tf = `https://cert.trustedform.com/${'0a'.repeat(20)}`;
  const jornaya = '5C7D2E4A-1B3F-4D5E-8A9B-0C1D2E3F4A5B';
  it.each([
    [ConsentRequirement.TRUSTEDFORM, { jornayaLeadId: jornaya }, 'MISSING_CONSENT'],
    [ConsentRequirement.EITHER, { jornayaLeadId: jornaya }, null],
    [ConsentRequirement.BOTH, { trustedFormCertUrl: tf }, 'MISSING_CONSENT'],
    [ConsentRequirement.BOTH, { trustedFormCertUrl: tf, jornayaLeadId: jornaya }, null],
    [ConsentRequirement.NONE, { trustedFormCertUrl: 'http://cert.trustedform.com/abc' }, 'TRUSTEDFORM_FORMAT'],
    [ConsentRequirement.NONE, { jornayaLeadId: 'LEADID-123' }, 'JORNAYA_FORMAT'],
  ])('%s with %j -> %s', (consent, fields, code) => {
    const result = consentRule().check(lead(fields), context('2026-11-23T12:00:00Z', { consent }));
    expect(result.pass ? null : result.code).toBe(code);
  });
});

describe('runPipeline', () => {
  it('stops at the first rejection, or with explain runs on and reports each', () => {
    const ctx = { ...context('2026-11-23T12:00:00Z', { requiredFields: ['zip'] }), source: Object.assign({}, { id: 'src' }) as never };
    ctx.approval!.active = true;
    const bad = lead({ email: 'nope', phone: '12' });
    const stop = runPipeline(bad, ctx, { test: false });
    expect(stop.rejection).toEqual({ code: 'MISSING_FIELDS', message: 'Missing zip' });
    expect(stop.trace.at(-1)?.stage).toBe('required-fields');
    expect(stop.ledger).toEqual([]);
    const all = runPipeline(bad, ctx, { test: false, explain: true });
    expect(all.trace.filter((t) => t.outcome === 'REJECT').map((t) => t.message)).toEqual(['Missing zip', 'Email format', 'Phone format']);
    expect(all.ledger.map((l) => l.rule.stage)).toEqual(['duplicates', 'caps']);
  });
});
