import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../shared/local-time.js';
import { Campaign } from '../../campaigns/campaign.entity.js';
import { ConsentRequirement, DuplicateKey, Weekday } from '../../campaigns/requirement-enums.js';
import { SourceCampaign } from '../../sources/source-campaign.entity.js';
import { runSync, type SqlOp } from '../../../shared/sql-step.js';
import type { CampaignSnapshot } from '../campaign-snapshot.js';
import { normalizeLead } from '../../fields/normalize.js';
import { decide } from '../pipeline.js';
import { campaignScheduleRule } from './campaign-schedule.rule.js';
import { capsRule } from './caps.rule.js';
import { consentRule } from './consent.rule.js';
import { duplicatesRule } from './duplicates.rule.js';
import type { TxContext, TxRule } from './lead-rule.js';

const snapshot: CampaignSnapshot = { version: 1, urlFields: [], states: null, stateMode: null, zips: null, zipMode: null, rules: [] };

function context(at: string, campaign: Partial<Campaign> = {}, approval: Partial<SourceCampaign> = {}): TxContext {
  const c = Object.assign(new Campaign(), { id: 'cmp_1', timeZone: 'America/Los_Angeles', ...campaign });
  const a = Object.assign(new SourceCampaign(), { id: 'sc_1', ...approval });
  const now = new Date(at);
  return {
    campaign: c,
    snapshot,
    source: null,
    authenticated: true,
    approval: a,
    now,
    local: localTime(now, c.timeZone),
    accountTimeZone: c.timeZone,
    blocked: { phone: false, email: false },
    countryOf: () => 'US',
    leadId: 'lead_1',
    placement: null,
    buyers: [],
    routed: null,
  };
}

/** Runs a transactional rule against a database that answers every claim with `won`; returns its result and each statement's parameters. */
function applyRule(rule: TxRule, ctx: TxContext, fields: Record<string, unknown>, won = true) {
  const params: unknown[][] = [];
  const result = runSync(rule.apply(lead(fields), ctx), (op: SqlOp) => {
    if (op.kind === 'get') params.push([...op.params]);
    return won ? { count: 1 } : undefined;
  });
  return { result, params };
}

const lead = (fields: Record<string, unknown>) => normalizeLead({ fields });

describe('campaignScheduleRule', () => {
  const rule = campaignScheduleRule();
  const weekdays = {
    schedule: [{ days: [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI], start: '09:00', end: '17:00' }],
  };

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
    const { result, params } = applyRule(capsRule(), ctx, {});
    expect(result).toEqual({ pass: true });
    expect(params).toEqual([
      ['sc:sc_1:daily', '2026-11-29', 10],
      ['sc:sc_1:weekly', '2026-W48', 50],
      ['sc:sc_1:total', 'total', 1000],
      ['campaign:cmp_1:monthly', '2026-11', 500],
    ]);
  });

  it('rejects with the first full period, claiming nothing after it', () => {
    const ctx = context('2026-11-30T07:30:00Z', { caps: { monthly: 500 } }, { caps: { daily: 10 } });
    const { result, params } = applyRule(capsRule(), ctx, {}, false);
    expect(result).toMatchObject({ pass: false, code: 'DAILY_CAP' });
    expect(params).toHaveLength(1);
  });
});

describe('duplicatesRule', () => {
  it('claims hashed email then phone (whatever order the campaign lists them), with the window start', () => {
    const ctx = context('2026-11-23T12:00:00Z', { duplicates: { keys: [DuplicateKey.PHONE, DuplicateKey.EMAIL], windowDays: 30 } });
    const { result, params } = applyRule(duplicatesRule(), ctx, { email: 'A@B.co', phone: '2135550147' });
    expect(result).toEqual({ pass: true });
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(params.map((p) => [p[0], p[1], p[3], p[4], p[5]])).toEqual([
      ['cmp_1', 'email', 'lead_1', now, now - 30 * 86_400_000],
      ['cmp_1', 'phone', 'lead_1', now, now - 30 * 86_400_000],
    ]);
    expect(params[0]![2]).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(params)).not.toContain('a@b.co');
  });

  it('rejects as Duplicate email when the email key is held', () => {
    const ctx = context('2026-11-23T12:00:00Z', { duplicates: { keys: [DuplicateKey.EMAIL], windowDays: 30 } });
    expect(applyRule(duplicatesRule(), ctx, { email: 'a@b.co' }, false).result).toMatchObject({ pass: false, code: 'DUPLICATE_EMAIL' });
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

describe('decide', () => {
  it('stops at the first rejection, or when explaining runs every stage and reports each', () => {
    const ctx = {
      ...context('2026-11-23T12:00:00Z', { requiredFields: ['zip'], duplicates: { keys: [DuplicateKey.EMAIL], windowDays: 30 } }),
      source: Object.assign({}, { id: 'src' }) as never,
    };
    ctx.approval!.active = true;
    const bad = lead({ email: 'nope', phone: '12' });
    const ops: SqlOp[] = [];
    const stop = runSync(decide(bad, ctx, { test: false }), (op) => ops.push(op));
    expect(stop.rejection).toEqual({ code: 'MISSING_FIELDS', message: 'Missing zip', fields: ['zip'] });
    expect(stop.trace.at(-1)?.stage).toBe('required-fields');
    // A pure rejection never opens the transactional stages.
    expect(ops).toEqual([]);
    const all = runSync(decide(bad, ctx, { test: false, explain: true }), (op) => (op.kind === 'get' ? undefined : null));
    expect(all.trace.filter((t) => t.outcome === 'REJECT').map((t) => t.message)).toEqual([
      'Missing zip',
      'Email format',
      'Phone format',
      'Duplicate email',
    ]);
    // Stages that do not apply (the dialer's, routing) are not traced.
    expect(all.trace.slice(-2).map((t) => t.stage)).toEqual(['duplicates', 'caps']);
  });

  it('rolls the transactional stages back when one rejects', () => {
    const ctx = {
      ...context('2026-11-23T12:00:00Z', { caps: { daily: 1 }, duplicates: { keys: [DuplicateKey.EMAIL], windowDays: 30 } }),
      source: Object.assign({}, { id: 'src' }) as never,
    };
    ctx.approval!.active = true;
    const kinds: string[] = [];
    const verdict = runSync(decide(lead({ email: 'a@b.co' }), ctx, { test: false }), (op) => {
      kinds.push(op.kind);
      // The email claim is won, the cap is full.
      return op.kind === 'get' && op.sql.includes('ledger_dedupe_keys') ? { lead_id: 'lead_1' } : undefined;
    });
    expect(verdict.rejection?.code).toBe('CAMPAIGN_CAP');
    expect(kinds).toEqual(['savepoint', 'get', 'get', 'rollbackTo', 'release']);
  });
});
