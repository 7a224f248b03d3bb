/**
 * `pnpm bench`: builds the server, starts the real gateway on a fresh SQLite file, sets up a
 * realistic campaign through the API, drives the scenarios with autocannon, preloads the leads
 * table and runs the submit scenarios again, then prints one table with the targets and writes
 * bench-results/latest.json. Exit 0 when the run completed (targets met or not), 1 when it failed.
 *
 * Settings (environment): BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (32), BENCH_WARMUP
 * (s, 2), BENCH_PRELOAD_LEADS (1000000), BENCH_DASHBOARD_LEADS (1000000 leads for the dashboard phase; 0 skips it), BENCH_ONLY (one scenario, no preload phase: bare,
 * graphql-submit or opta-submit), BENCH_CPU_PROF=1 (profile the gateway, summarize it),
 * BENCH_IMPORT_LEADS (1000000 rows for the import phase; 0 skips it), BENCH_IMPORT_POST_RATE (500 Opta posts a second during it; 0: as fast as answered), BENCH_SKIP_BUILD=1, BENCH_KEEP_DB=1 (keep the temporary folder), BENCH_SERVER_DIR (run the
 * gateway from another built copy of packages/server, e.g. a patched one to compare; no build).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preloadDashboardLeads, runDashboardScenarios, setupDashboard, type DashboardResult } from './dashboard.js';
import { GatewayProcess } from './gateway-process.js';
import { runImportPhase, type ImportResult } from './import.js';
import { LeadFactory } from './leads.js';
import { formatOptInBatch, measureOptInBatch, type OptInBatchResult } from './optin-batch.js';
import { freshPostgres } from './postgres.js';
import { preloadLeads, type PreloadResult } from './preload.js';
import { formatProfile } from './profile-summary.js';
import { buildReport, formatReport, writeReport } from './report.js';
import { runScenario, SCENARIO_LABELS, stopLoad, type ScenarioKey, type ScenarioResult } from './scenarios.js';
import { setupCampaign } from './setup-campaign.js';

const benchServerDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const resultsFile = join(benchServerDir, 'bench-results', 'latest.json');
/** The server whose dist/cli.js runs: this package, or BENCH_SERVER_DIR. */
const serverDir = process.env.BENCH_SERVER_DIR?.trim() || benchServerDir;

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return value;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

let gateway: GatewayProcess | undefined;
let workDir: string | undefined;
const keepDb = process.env.BENCH_KEEP_DB === '1';

function cleanup(): void {
  gateway?.killNow();
  if (workDir && !keepDb) rmSync(workDir, { recursive: true, force: true });
}

async function stopGateway(): Promise<void> {
  const running = gateway;
  gateway = undefined;
  if (!running) return;
  const how = await running.stop();
  // Expected: exit code 0. Apollo's own SIGTERM handler (stopOnTerminationSignals) re-raises the
  // signal once Apollo has stopped, which ends the process before the gateway's graceful close.
  if (how !== 'exit code 0') log(`  the gateway stopped: ${how} (a graceful stop exits with code 0)`);
}

function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text ? text.split('\n').slice(-lines).join('\n') : '';
}

async function main(): Promise<void> {
  const durationS = intSetting('BENCH_DURATION', 10, 1, 600);
  const connections = intSetting('BENCH_CONNECTIONS', 32, 1, 1000);
  const warmupS = intSetting('BENCH_WARMUP', 2, 0, 120);
  const preloadCount = intSetting('BENCH_PRELOAD_LEADS', 1_000_000, 1, 5_000_000);
  const dashboardLeads = intSetting('BENCH_DASHBOARD_LEADS', 1_000_000, 0, 10_000_000);
  const importLeads = intSetting('BENCH_IMPORT_LEADS', 1_000_000, 0, 10_000_000);
  const importPostRate = intSetting('BENCH_IMPORT_POST_RATE', 500, 0, 100_000);
  const optInRequests = intSetting('BENCH_OPTIN_REQUESTS', 20, 0, 1000);
  const only = process.env.BENCH_ONLY?.trim() as ScenarioKey | undefined;
  if (only && !(only in SCENARIO_LABELS)) throw new Error(`BENCH_ONLY must be one of ${Object.keys(SCENARIO_LABELS).join(', ')}`);
  const profile = process.env.BENCH_CPU_PROF === '1';
  const startedAt = new Date().toISOString();

  // Bound the whole run: every phase has its own limits, this catches anything else.
  const budgetS = 900 + 5 * (durationS + warmupS + 30) + (dashboardLeads > 0 ? 600 : 0) + (importLeads > 0 ? 600 : 0);
  setTimeout(() => {
    log(`bench: still running after ${budgetS}s; stopping`);
    cleanup();
    process.exit(1);
  }, budgetS * 1000).unref();

  if (serverDir !== benchServerDir) {
    log(`bench: running the gateway of ${serverDir} (BENCH_SERVER_DIR; no build)`);
    if (!existsSync(join(serverDir, 'dist/cli.js'))) throw new Error(`${serverDir}/dist/cli.js does not exist`);
  } else if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('bench: building the server (pnpm --filter @leadgate/server build)');
    const build = spawnSync('pnpm', ['--filter', '@leadgate/server', 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 2, 2],
      timeout: 300_000,
    });
    if (build.status !== 0) throw new Error(`the build failed (exit ${build.status ?? build.signal})`);
  }

  workDir = mkdtempSync(join(tmpdir(), 'leadgate-bench-'));
  const dbFile = join(workDir, 'bench.sqlite');
  const logFile = join(workDir, 'gateway.log');
  const profileDir = profile ? join(benchServerDir, 'bench-results', 'profiles') : undefined;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const adminKey = `lgk_${randomBytes(27).toString('base64url').slice(0, 36)}`;
  const start = async (phase: string) => {
    const phaseProfileDir = profileDir && join(profileDir, phase);
    if (phaseProfileDir) mkdirSync(phaseProfileDir, { recursive: true });
    gateway = await GatewayProcess.start({ serverDir, dbFile, adminKey, logFile, profileDir: phaseProfileDir });
    log(`bench: gateway pid ${gateway.pid} ready at ${gateway.url} (${phase} leads table)`);
    return gateway;
  };
  const results: ScenarioResult[] = [];
  const record = (result: ScenarioResult) => {
    results.push(result);
    log(`    ${summaryLine(result)}`);
    if (result.profile) log(formatProfile(result.profile).replace(/^/gm, '    '));
  };

  log(`bench: database ${dbFile}`);
  let running = await start('empty');
  log('bench: setting up the campaign through the API');
  const tenant = await setupCampaign(running.url, adminKey, log);
  log(
    `bench: campaign ${tenant.campaignId} with ${tenant.rulesInForce.length} rules, ${tenant.zips.length} zips; US IPs ${tenant.usIps.join(', ')}`,
  );
  const leads = new LeadFactory(tenant.zips, tenant.usIps);
  const common = { adminKey, tenant, leads, durationS, warmupS, connections, log };
  const extras = dashboardLeads > 0 && !only ? await setupDashboard(running.url, adminKey, tenant) : null;

  /** The dashboard phase: tops the database up to `total` leads, restarts, runs (e), (f) and (g). */
  const dashboardPhase = async (total: number): Promise<DashboardResult> => {
    log(`bench: dashboard phase: topping the database up to ${total} leads (90 days, 5 campaigns, 10 sources)`);
    const preload = preloadDashboardLeads(dbFile, tenant, extras!, total);
    log(
      `    ${preload.inserted} leads and ${preload.counterRows} counter rows in ${preload.seconds.toFixed(1)}s; file ${preload.fileMb} MB`,
    );
    const dashboardGateway = await start('dashboard');
    try {
      return await runDashboardScenarios({ ...common, gateway: dashboardGateway, table: 'large', rounds: 30 }, preload);
    } finally {
      await stopGateway();
    }
  };

  /** Phase (i): the 1,000-entry opt-in request on this gateway (SQLite), then on a gateway of a fresh PostgreSQL database. */
  const optInPhase = async (sqliteUrl: string): Promise<OptInBatchResult> => {
    log(`bench: (i) opt-in queue, ${optInRequests} requests of 1,000 entries on SQLite`);
    const runs = [await measureOptInBatch(sqliteUrl, adminKey, 'sqlite', optInRequests)];
    log(`    ${formatOptInBatch({ runs, skipped: null }).split('\n')[1]!.trim()}`);
    const pg = await freshPostgres(process.env.BENCH_PG_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres');
    if ('skipped' in pg) {
      log(`    PostgreSQL not measured: ${pg.skipped}`);
      return { runs, skipped: pg.skipped };
    }
    try {
      const pgGateway = await GatewayProcess.start({ serverDir, dbFile, adminKey, logFile, databaseUrl: pg.url });
      try {
        runs.push(await measureOptInBatch(pgGateway.url, adminKey, 'postgresql', optInRequests));
        log(`    ${formatOptInBatch({ runs, skipped: null }).split('\n')[2]!.trim()}`);
      } finally {
        await pgGateway.stop();
      }
    } finally {
      await pg.drop();
    }
    return { runs, skipped: null };
  };

  const emptyScenarios: ScenarioKey[] = only ? [only] : ['bare', 'graphql-submit', 'opta-submit', 'bare-fastify'];
  log('bench: scenarios on the empty leads table');
  for (const key of emptyScenarios.filter((k) => k !== 'bare-fastify')) {
    record(await runScenario(key, { ...common, gateway: running, table: 'empty' }));
  }
  let optIns: OptInBatchResult | null = null;
  if (!only && optInRequests > 0) optIns = await optInPhase(running.url);
  await stopGateway();
  if (emptyScenarios.includes('bare-fastify')) {
    // (d) runs alone on the machine too: the ceiling of the REST doors, measured as they are.
    const bare = await GatewayProcess.start({
      serverDir,
      dbFile,
      adminKey,
      logFile,
      script: join(benchServerDir, 'bench/bare-fastify.mjs'),
    });
    gateway = bare;
    log(`bench: bare Fastify pid ${bare.pid} ready at ${bare.url}`);
    record(await runScenario('bare-fastify', { ...common, gateway: bare, table: 'empty' }));
    await stopGateway();
  }

  let preload: PreloadResult | null = null;
  let imported: ImportResult | null = null;
  if (!only) {
    log(`bench: inserting ${preloadCount} accepted leads into the stopped gateway's database`);
    preload = preloadLeads(dbFile, tenant.campaignId, preloadCount);
    log(`    ${preload.leads} leads and ${preload.dedupeKeys} ledger keys in ${preload.seconds.toFixed(1)}s; file ${preload.fileMb} MB`);
    running = await start('large');
    log(`bench: submit scenarios with ${preloadCount} leads stored`);
    for (const key of ['graphql-submit', 'opta-submit'] as const) {
      record(await runScenario(key, { ...common, gateway: running, table: 'large' }));
    }
    if (importLeads > 0) {
      imported = await runImportPhase({
        ...common,
        gateway: running,
        table: 'large',
        serverDir,
        dbFile,
        workDir,
        rows: importLeads,
        postRate: importPostRate,
      });
      log(
        `    ${imported.seconds} s (${imported.rowsPerSecond} rows/s), import RSS ${imported.rssQuartersMb.join(' / ')} MB; gateway p99 ${imported.gateway.p99} ms, ${imported.gateway.accepted}/${imported.gateway.responses} accepted; duplicate: ${imported.duplicateReply}`,
      );
    }
    await stopGateway();
  }
  const dashboard = only || dashboardLeads === 0 ? null : await dashboardPhase(dashboardLeads);

  const warnings = logTail(logFile, 10);
  if (warnings) log(`bench: the gateway logged (last lines of ${logFile}):\n${warnings}`);

  const report = buildReport(
    {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` },
      settings: { durationS, warmupS, connections, preloadLeads: preloadCount, ...(serverDir !== benchServerDir ? { serverDir } : {}) },
      campaign: { rulesInForce: tenant.rulesInForce, zips: tenant.zips.length, usIps: tenant.usIps },
      preload,
      dashboard,
      import: imported,
      optIns,
    },
    results,
  );
  process.stdout.write(formatReport(report));
  writeReport(resultsFile, report);
  log(`bench: results written to ${resultsFile}`);
}

function summaryLine(r: ScenarioResult): string {
  const accepted = r.accepted === null ? '' : `, ${r.accepted}/${r.responses} accepted (db +${r.dbAccepted})`;
  return `${r.rps.toFixed(1)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, peak RSS ${r.peakRssMb} MB${accepted}`;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`bench: ${signal}, stopping`);
    stopLoad();
    void stopGateway().finally(() => {
      cleanup();
      process.exit(130);
    });
  });
}
process.on('exit', () => gateway?.killNow());

main().then(
  () => {
    cleanup();
    process.exit(0);
  },
  async (error: unknown) => {
    log(`bench: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    const logFile = workDir ? join(workDir, 'gateway.log') : undefined;
    const tail = logFile ? logTail(logFile) : '';
    if (tail) log(`bench: last lines of the gateway log:\n${tail}`);
    stopLoad();
    await stopGateway().catch(() => undefined);
    cleanup();
    process.exit(1);
  },
);
