/**
 * The import phase of `pnpm bench` ((h)): `leadgate import leads` of BENCH_IMPORT_LEADS rows
 * (default 1,000,000) as a separate process on the gateway's SQLite file, while the gateway keeps
 * taking Opta posts; then a duplicate of an imported lead must be refused.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, openSync, closeSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { readRssKb, type GatewayProcess } from './gateway-process.js';
import { phoneDigits } from './leads.js';
import type { Target } from './report.js';
import { requestFor, newTally, type ScenarioOptions } from './scenarios.js';

const DAY_MS = 86_400_000;

export interface ImportResult {
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  /** The importer's own summary line. */
  summary: string;
  /** Peak VmRSS of the import process, MB, and the peaks of each quarter of its run. */
  peakRssMb: number;
  rssQuartersMb: number[];
  /** The gateway's Opta posts during the import. */
  gateway: {
    connections: number;
    /** The posts' target rate a second, 0 for as fast as the gateway answers. */
    rate: number;
    rps: number;
    p50: number;
    p99: number;
    max: number;
    responses: number;
    accepted: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  /** Lines of the gateway's log that mention a busy or locked database during the import. */
  busyLines: number;
  /** What the Opta door answered for a lead with an imported lead's email. */
  duplicateReply: string;
}

/** Writes `rows` accepted past leads as CSV (an export's shape), received over the 25 days before yesterday. */
async function writeHistory(file: string, rows: number, tag: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('lead_id,created_at,first_name,last_name,email,phone,address,city,state,zip,status,payout\n');
  const end = Date.now() - DAY_MS;
  const step = (25 * DAY_MS) / rows;
  for (let i = 0; i < rows; i++) {
    const at = new Date(end - 25 * DAY_MS + Math.floor(i * step)).toISOString();
    // Area codes 200-299 (as the preload's), past the preload's numbers: live traffic (300-999) never meets them.
    const line = `H${tag}-${i},${at},Ada,Lovelace,hist.${tag}.${i}@example.com,${phoneDigits(i + 3_000_000, 200, 100)},1 Main St,Austin,TX,73301,accepted,12.50\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The import phase: see the module comment. */
export async function runImportPhase(
  options: ScenarioOptions & { serverDir: string; dbFile: string; workDir: string; rows: number; postRate: number },
): Promise<ImportResult> {
  const { gateway, tenant, log } = options;
  const tag = Date.now().toString(36);
  const file = join(options.workDir, 'history.csv');
  log(`bench: import phase: writing ${options.rows} past leads to ${file}`);
  await writeHistory(file, options.rows, tag);
  const fileMb = Math.round(statSync(file).size / 1024 / 1024);
  const logLinesBefore = readFileSync(gateway.logFile, 'utf8').split('\n').length;

  // The gateway keeps taking posts meanwhile (a quarter of the usual connections), at a steady
  // rate: posts as fast as a saturated gateway answers them would measure how two processes
  // share two cores rather than the import (BENCH_IMPORT_POST_RATE=0 does that).
  const connections = Math.max(1, Math.floor(options.connections / 4));
  const rate = options.postRate > 0 ? { overallRate: options.postRate } : {};
  const tally = newTally();
  let load: autocannon.Instance | undefined;
  const loadDone = new Promise<autocannon.Result>((resolve, reject) => {
    load = autocannon(
      {
        url: gateway.url,
        connections,
        ...rate,
        duration: 3600,
        timeout: 10,
        pipelining: 1,
        requests: [requestFor('opta-submit', options, tally)],
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  });

  const pace = options.postRate > 0 ? `${options.postRate} a second over ${connections} connections` : `${connections} connections`;
  log(`bench: import phase: leadgate import leads (${fileMb} MB) while the gateway takes Opta posts at ${pace}`);
  const importLog = join(options.workDir, 'import.log');
  const fd = openSync(importLog, 'a');
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['dist/cli.js', 'import', 'leads', file, '--campaign', tenant.campaignId, '--source', tenant.sourceId, '--map', 'price=payout'],
    {
      cwd: options.serverDir,
      env: { ...process.env, DATABASE_URL: `sqlite:${options.dbFile}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', fd, fd],
    },
  );
  const samples: Array<{ at: number; kb: number }> = [];
  const timer = setInterval(() => {
    const kb = readRssKb(child.pid!);
    if (kb !== null) samples.push({ at: Date.now(), kb });
  }, 200);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  closeSync(fd);
  const seconds = (Date.now() - started) / 1000;
  load!.stop();
  const result = await loadDone;
  const output = readFileSync(importLog, 'utf8').trim();
  if (code !== 0) throw new Error(`the import exited with ${code}: ${output.split('\n').slice(-5).join(' | ')}`);
  const summary = output.split('\n').at(-1) ?? '';
  const quarter = (q: number) => {
    const from = started + (q * seconds * 1000) / 4;
    const to = started + ((q + 1) * seconds * 1000) / 4;
    const kb = samples.filter((s) => s.at >= from && s.at < to).reduce((max, s) => Math.max(max, s.kb), 0);
    return Math.round(kb / 102.4) / 10;
  };
  const gatewayLog = readFileSync(gateway.logFile, 'utf8').split('\n').slice(logLinesBefore);
  const busyLines = gatewayLog.filter((l) => /SQLITE_BUSY|database is locked/i.test(l)).length;

  // A lead with the email of the first imported row: the ledger has it now.
  const lead = options.leads.next();
  const duplicate = await fetch(`${gateway.url}/ca/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      compid: tenant.accountCode,
      sourceid: tenant.sourceId,
      campid: tenant.campaignId,
      auth: tenant.sourceAuth,
      first: lead.first,
      last: lead.last,
      email: `hist.${tag}.0@example.com`,
      phone: lead.phone,
      state: lead.state,
      zip: lead.zip,
      ip: lead.ip,
      subid: lead.subId,
      trustedform_cert_url: lead.trustedFormCertUrl,
      ...lead.extra,
    }),
  });
  return {
    rows: options.rows,
    fileMb,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(options.rows / seconds),
    summary,
    peakRssMb: Math.round(samples.reduce((max, s) => Math.max(max, s.kb), 0) / 102.4) / 10,
    rssQuartersMb: [0, 1, 2, 3].map(quarter),
    gateway: {
      connections,
      rate: options.postRate,
      rps: Math.round(result.requests.average * 10) / 10,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      responses: tally.responses,
      accepted: tally.ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    },
    busyLines,
    duplicateReply: await duplicate.text(),
  };
}

/** The import phase's targets. */
export function importTargets(r: ImportResult): Target[] {
  // The first quarter holds the start (modules loading, caches filling): compare the second with the last.
  const [, q2, , q4] = r.rssQuartersMb;
  return [
    {
      name: `leadgate import leads of ${r.rows} rows on SQLite`,
      measured: `${r.seconds} s (${r.rowsPerSecond} rows/s)`,
      threshold: '< 60 s',
      met: r.seconds < 60,
    },
    {
      name: "the import's memory stays flat (peak of its last quarter vs its second)",
      measured: `${q2} MB -> ${q4} MB, peak ${r.peakRssMb} MB`,
      threshold: 'last <= 1.25 x second',
      met: q2! > 0 && q4! <= q2! * 1.25,
    },
    {
      name: 'the gateway keeps serving during the import (Opta posts)',
      measured: `${r.gateway.accepted}/${r.gateway.responses} accepted, ${r.gateway.non2xx} non-2xx, ${r.gateway.errors} errors, p99 ${r.gateway.p99} ms, ${r.busyLines} busy-database log lines`,
      threshold: 'all accepted, no error',
      met: r.gateway.responses > 0 && r.gateway.accepted === r.gateway.responses && r.gateway.errors === 0 && r.busyLines === 0,
    },
    {
      name: 'a duplicate of an imported lead is refused',
      measured: r.duplicateReply,
      threshold: '"Duplicate email"',
      met: r.duplicateReply.includes('"message":"Duplicate email"'),
    },
  ];
}

/** The import phase's lines of the human report. */
export function formatImport(r: ImportResult): string {
  return [
    `(h) leadgate import leads, ${r.rows} rows (${r.fileMb} MB CSV), a separate process on the gateway's SQLite file:`,
    `    ${r.seconds} s, ${r.rowsPerSecond} rows/s; import RSS by quarter ${r.rssQuartersMb.join(' / ')} MB (peak ${r.peakRssMb} MB)`,
    `    importer: ${r.summary}`,
    `    gateway meanwhile: ${r.gateway.rps} Opta posts/s at ${r.gateway.connections} connections${r.gateway.rate > 0 ? ` (target rate ${r.gateway.rate}/s)` : ''}, p50 ${r.gateway.p50} ms, p99 ${r.gateway.p99} ms, max ${r.gateway.max} ms, ` +
      `${r.gateway.accepted}/${r.gateway.responses} accepted, ${r.gateway.non2xx} non-2xx, ${r.gateway.errors} errors`,
  ].join('\n');
}
