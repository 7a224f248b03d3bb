/**
 * The load scenarios, driven by autocannon: (a) a bare Apollo query, (b) GraphQL submitLead with
 * a SOURCE key, (c) the Opta door POST /ca/submit. Every submit request carries a fresh lead
 * (unique email and phone), and each response body is tallied so a run whose leads were not
 * really ACCEPTED cannot pass for a fast one.
 */
import autocannon from 'autocannon';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { countAccepted } from './api.js';
import { RssSampler, type GatewayProcess } from './gateway-process.js';
import { LeadFactory } from './leads.js';
import { summarizeProfile, type ProfileSummary } from './profile-summary.js';
import type { BenchTenant } from './setup-campaign.js';

export type ScenarioKey = 'bare' | 'graphql-submit' | 'opta-submit' | 'bare-fastify';

/** What the responses of one phase said. */
export interface ResponseTally {
  responses: number;
  /** Bare query: a `{ data: { __typename } }` answer. Submits: an ACCEPTED decision. */
  ok: number;
  /** Why the rest were not ok (reason message, GraphQL error or HTTP status), with counts. */
  reasons: Record<string, number>;
}

/** One scenario's measured outcome. */
export interface ScenarioResult {
  key: ScenarioKey;
  label: string;
  /** `empty` (fresh database) or `large` (the leads table preloaded). */
  table: 'empty' | 'large';
  connections: number;
  durationS: number;
  /** autocannon's mean of the per-second request counts. */
  rps: number;
  responses: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Peak VmRSS of the gateway during warm-up and measurement, MB. */
  peakRssMb: number;
  /** Submits only: ACCEPTED decisions in the measured responses. */
  accepted: number | null;
  /** Submits only: growth of `leads(status: ACCEPTED).totalCount` over the measured phase. */
  dbAccepted: number | null;
  reasons: Record<string, number>;
  /** BENCH_CPU_PROF=1: where the gateway's CPU time went during the measured phase. */
  profile?: ProfileSummary;
}

export interface ScenarioOptions {
  gateway: GatewayProcess;
  adminKey: string;
  tenant: BenchTenant;
  leads: LeadFactory;
  durationS: number;
  warmupS: number;
  connections: number;
  table: 'empty' | 'large';
  log: (line: string) => void;
}

export const SCENARIO_LABELS: Record<ScenarioKey, string> = {
  bare: '(a) bare query { __typename }',
  'graphql-submit': '(b) GraphQL submitLead',
  'opta-submit': '(c) Opta POST /ca/submit',
  'bare-fastify': '(d) bare Fastify JSON POST',
};

/** The ceiling each scenario is compared with: the bare query for GraphQL, bare Fastify for the REST doors. */
export const CEILING: Record<ScenarioKey, ScenarioKey | null> = {
  bare: null,
  'bare-fastify': null,
  'graphql-submit': 'bare',
  'opta-submit': 'bare-fastify',
};

/** Below this share of ACCEPTED answers a submit run's numbers mean nothing: the run fails. */
export const MIN_ACCEPTED_SHARE = 0.9;

const SUBMIT_MUTATION = 'mutation Submit($input: SubmitLeadInput!) { submitLead(input: $input) { status reasonCode message leadId } }';

export const newTally = (): ResponseTally => ({ responses: 0, ok: 0, reasons: {} });

function note(tally: ResponseTally, ok: boolean, reason: string): void {
  tally.responses += 1;
  if (ok) tally.ok += 1;
  else tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
}

/** The autocannon request of a scenario; each response is counted into `tally`. */
export function requestFor(key: ScenarioKey, options: ScenarioOptions, tally: ResponseTally): autocannon.Request {
  const { tenant, leads } = options;
  switch (key) {
    case 'bare': {
      return {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        onResponse: (status, body) => note(tally, status === 200 && body.includes('"__typename":"Query"'), `HTTP ${status}`),
      };
    }
    case 'graphql-submit': {
      return {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.sourceKey}` },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: SUBMIT_MUTATION, variables: { input: { campaignId: tenant.campaignId, ...leads.next() } } }),
        }),
        onResponse: (status, body) => {
          try {
            const parsed = JSON.parse(body) as {
              data?: { submitLead?: { status: string; message: string } };
              errors?: Array<{ message: string }>;
            };
            const decision = parsed.data?.submitLead;
            if (decision) note(tally, decision.status === 'ACCEPTED', `${decision.status}: ${decision.message}`);
            else note(tally, false, `HTTP ${status}: ${parsed.errors?.[0]?.message ?? 'no decision'}`);
          } catch {
            note(tally, false, `HTTP ${status}: unreadable body`);
          }
        },
      };
    }
    case 'bare-fastify':
    case 'opta-submit': {
      const bare = key === 'bare-fastify';
      return {
        method: 'POST',
        path: bare ? '/submit' : '/ca/submit',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const lead = leads.next();
          return {
            ...request,
            body: JSON.stringify({
              compid: tenant.accountCode,
              sourceid: tenant.sourceId,
              campid: tenant.campaignId,
              auth: tenant.sourceAuth,
              first: lead.first,
              last: lead.last,
              email: lead.email,
              phone: lead.phone,
              state: lead.state,
              zip: lead.zip,
              ip: lead.ip,
              subid: lead.subId,
              trustedform_cert_url: lead.trustedFormCertUrl,
              test: 'false',
              ...lead.extra,
            }),
          };
        },
        onResponse: (status, body) => {
          try {
            const parsed = JSON.parse(body) as { leadStatus?: boolean; message?: string; reason?: string };
            note(
              tally,
              status === 200 && parsed.leadStatus === true,
              `HTTP ${status}: ${parsed.reason ?? ''} ${parsed.message ?? ''}`.trim(),
            );
          } catch {
            note(tally, false, `HTTP ${status}: unreadable body`);
          }
        },
      };
    }
  }
}

let current: autocannon.Instance | undefined;

/** Stops the load run in progress, if any (SIGINT). */
export function stopLoad(): void {
  current?.stop();
}

/** One bounded autocannon run. */
function load(url: string, connections: number, durationS: number, request: autocannon.Request): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    current = autocannon({ url, connections, duration: durationS, timeout: 10, pipelining: 1, requests: [request] }, (error, result) => {
      current = undefined;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(result);
    });
  });
}

/** Reads the accepted count until two reads 250 ms apart agree (requests cut at the end of a run finish on the server). */
async function settledAcceptedCount(options: ScenarioOptions): Promise<number> {
  const read = () => countAccepted(options.gateway.url, options.adminKey, options.tenant.campaignId);
  let previous = await read();
  for (let i = 0; i < 20; i++) {
    await sleep(250);
    const now = await read();
    if (now === previous) return now;
    previous = now;
  }
  return previous;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Warm-up, then the measured run with RSS sampling, then the acceptance check for submits. */
export async function runScenario(key: ScenarioKey, options: ScenarioOptions): Promise<ScenarioResult> {
  const label = SCENARIO_LABELS[key];
  const submits = key === 'graphql-submit' || key === 'opta-submit';
  const { gateway } = options;
  const url = gateway.url;
  const sampler = new RssSampler(gateway.pid).start();
  try {
    if (options.warmupS > 0) {
      options.log(`  ${label}: warm-up ${options.warmupS}s`);
      const warmTally = newTally();
      await load(url, options.connections, options.warmupS, requestFor(key, options, warmTally));
      if (warmTally.responses === 0) throw new Error(`${label}: no response during the warm-up`);
    }
    const before = submits ? await settledAcceptedCount(options) : null;
    options.log(`  ${label}: measuring ${options.durationS}s at ${options.connections} connections`);
    const tally = newTally();
    await gateway.profileMark(); // profiling: ends the setup and warm-up profile
    const result = await load(url, options.connections, options.durationS, requestFor(key, options, tally));
    const profileFile = await gateway.profileMark(); // profiling: the measured phase
    const memory = sampler.stop();
    const after = submits ? await settledAcceptedCount(options) : null;
    const outcome: ScenarioResult = {
      key,
      label,
      table: options.table,
      connections: options.connections,
      durationS: round(result.duration, 2),
      rps: round(result.requests.average),
      responses: tally.responses,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: round(result.latency.mean, 2),
      },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      peakRssMb: memory.peakMb,
      accepted: submits ? tally.ok : null,
      dbAccepted: before !== null && after !== null ? after - before : null,
      reasons: tally.reasons,
    };
    if (profileFile) {
      const named = join(profileFile, '..', `${options.table}-${key}.cpuprofile`);
      renameSync(profileFile, named);
      outcome.profile = summarizeProfile(named);
    }
    check(outcome, tally);
    return outcome;
  } finally {
    sampler.stop();
  }
}

/** Fails loudly when the run's numbers would be meaningless. */
function check(result: ScenarioResult, tally: ResponseTally): void {
  const top = Object.entries(tally.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([r, n]) => `${n} x ${r}`)
    .join('; ');
  if (tally.responses === 0) throw new Error(`${result.label}: no response in ${result.durationS}s`);
  if (tally.ok / tally.responses < MIN_ACCEPTED_SHARE) {
    const what = result.accepted === null ? 'answered as expected' : 'were ACCEPTED';
    throw new Error(
      `${result.label}: only ${tally.ok} of ${tally.responses} responses ${what}; the numbers would be meaningless. Top reasons: ${top}`,
    );
  }
  // The database must hold at least every lead a response called ACCEPTED (a few more may have
  // been accepted for requests still in flight when the run stopped).
  if (result.dbAccepted !== null && result.accepted !== null && result.dbAccepted < result.accepted) {
    throw new Error(`${result.label}: ${result.accepted} responses said ACCEPTED but the accepted count grew by ${result.dbAccepted} only`);
  }
}
