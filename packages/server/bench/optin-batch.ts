/**
 * Phase (i): the opt-in queue's 1,000-entry request. One account with a brand of two deployment
 * types and an app id, then sequential posts to the Omeda-compatible queue door, each opting in
 * 1,000 new emails to both types (2,000 statuses and 2,000 history rows, all or nothing), timed
 * end to end. Run on SQLite, and on PostgreSQL when one is reachable.
 */
import { gql } from './api.js';
import type { Target } from './report.js';

/** One engine's timings of the 1,000-entry request. */
export interface OptInBatchTimes {
  engine: 'sqlite' | 'postgresql';
  requests: number;
  entries: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
}

/** The phase's outcome: SQLite always, PostgreSQL when reachable (else why not). */
export interface OptInBatchResult {
  runs: OptInBatchTimes[];
  skipped: string | null;
}

/** Entries a request carries. */
export const OPT_IN_ENTRIES = 1000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Sets up the account, brand, types and app id through the API, then times `requests` posts (after two warm-up posts). */
export async function measureOptInBatch(
  url: string,
  platformKey: string,
  engine: OptInBatchTimes['engine'],
  requests = 20,
): Promise<OptInBatchTimes> {
  const { createAccount } = await gql(
    url,
    'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id slug } }',
    {
      i: { name: `Opt-in bench ${Date.now()}`, timeZone: 'America/Chicago' },
    },
    platformKey,
  );
  const accountId = createAccount.id as string;
  const { createBrand } = await gql(
    url,
    'mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }',
    {
      i: { accountId, abbreviation: 'bnc', name: 'Bench brand' },
    },
    platformKey,
  );
  for (const deploymentTypeId of [9001, 9002]) {
    await gql(
      url,
      'mutation($i: CreateDeploymentTypeInput!) { createDeploymentType(input: $i) { id } }',
      {
        i: { brandId: createBrand.id, deploymentTypeId, name: `Type ${deploymentTypeId}`, active: true },
      },
      platformKey,
    );
  }
  const { createOptInAppId } = await gql(
    url,
    'mutation($i: CreateOptInAppIdInput!) { createOptInAppId(input: $i) { appId } }',
    {
      i: { accountId, name: 'bench', brandIds: [createBrand.id] },
    },
    platformKey,
  );
  const post = async (round: number) => {
    const body = JSON.stringify({
      DeploymentTypeOptIn: Array.from({ length: OPT_IN_ENTRIES }, (_, i) => ({
        EmailAddress: `reader.${round}.${i}@bench.example.com`,
        DeploymentTypeId: [9001, 9002],
        Source: 'Bench',
      })),
    });
    const started = performance.now();
    const res = await fetch(`${url}/webservices/rest/client/${createAccount.slug}/optinfilterqueue/*`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-omeda-appid': createOptInAppId.appId },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`opt-in batch on ${engine}: HTTP ${res.status}: ${text.slice(0, 300)}`);
    return ms;
  };
  for (let warm = 0; warm < 2; warm++) await post(-1 - warm);
  const times: number[] = [];
  for (let round = 0; round < requests; round++) times.push(await post(round));
  times.sort((a, b) => a - b);
  const ms = (v: number) => Math.round(v * 10) / 10;
  return {
    engine,
    requests,
    entries: OPT_IN_ENTRIES,
    p50Ms: ms(percentile(times, 50)),
    p90Ms: ms(percentile(times, 90)),
    maxMs: ms(times.at(-1)!),
  };
}

export function optInBatchTargets(result: OptInBatchResult): Target[] {
  const targets = result.runs.map((run) => ({
    name: `opt-in queue, one request of ${run.entries.toLocaleString('en-US')} entries on ${run.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: p50`,
    measured: `${run.p50Ms} ms`,
    threshold: '< 100 ms',
    met: run.p50Ms < 100,
  }));
  if (result.skipped)
    targets.push({ name: 'opt-in queue on PostgreSQL', measured: `not measured: ${result.skipped}`, threshold: '< 100 ms', met: false });
  return targets;
}

export function formatOptInBatch(result: OptInBatchResult): string {
  const lines = result.runs.map(
    (r) =>
      `  ${r.engine.padEnd(10)} ${r.requests} requests of ${r.entries} entries (x2 deployment types): p50 ${r.p50Ms} ms, p90 ${r.p90Ms} ms, max ${r.maxMs} ms`,
  );
  return [
    '(i) opt-in queue, 1,000-entry request (each: 2,000 statuses and 2,000 history rows, all or nothing):',
    ...lines,
    ...(result.skipped ? [`  postgresql not measured: ${result.skipped}`] : []),
  ].join('\n');
}
