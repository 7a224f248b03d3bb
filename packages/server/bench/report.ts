/** The benchmark's report: one table side by side, the targets and whether each was met, and the JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CEILING, type ScenarioKey, type ScenarioResult } from './scenarios.js';
import { dashboardTargets, formatDashboard, type DashboardResult } from './dashboard.js';
import { formatImport, importTargets, type ImportResult } from './import.js';
import { formatOptInBatch, optInBatchTargets, type OptInBatchResult } from './optin-batch.js';

export interface Target {
  name: string;
  /** The measured value, as shown. */
  measured: string;
  threshold: string;
  met: boolean;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; node: string; platform: string };
  settings: { durationS: number; warmupS: number; connections: number; preloadLeads: number; serverDir?: string };
  campaign: { rulesInForce: string[]; zips: number; usIps: string[] };
  preload: { leads: number; dedupeKeys: number; seconds: number; fileMb: number } | null;
  /** The dashboard phase (stats, intake under a polling dashboard, the CSV export), when it ran. */
  dashboard?: DashboardResult | null;
  /** The import phase ((h), `leadgate import leads` while the gateway serves), when it ran. */
  import?: ImportResult | null;
  /** Phase (i), the 1,000-entry opt-in request on each engine, when it ran. */
  optIns?: OptInBatchResult | null;
  results: Array<ScenarioResult & { vsBare: number | null; vsEmpty: number | null }>;
  targets: Target[];
  allTargetsMet: boolean;
}

const find = (results: ScenarioResult[], key: ScenarioKey, table: 'empty' | 'large') =>
  results.find((r) => r.key === key && r.table === table);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? null : Math.round((a / b) * 1000) / 1000);
const leadsK = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
const pct = (value: number | null) => (value === null ? '-' : `${Math.round(value * 100)}%`);

/** Adds the ratios to each result and judges the targets. */
export function buildReport(base: Omit<Report, 'results' | 'targets' | 'allTargetsMet'>, results: ScenarioResult[]): Report {
  const bare = find(results, 'bare', 'empty');
  const withRatios = results.map((r) => ({
    ...r,
    vsBare: CEILING[r.key] === null ? null : ratio(r.rps, find(results, CEILING[r.key]!, 'empty')?.rps),
    vsEmpty: r.table === 'large' ? ratio(r.rps, find(results, r.key, 'empty')?.rps) : null,
  }));
  const targets: Target[] = [];
  const gqlSubmit = find(results, 'graphql-submit', 'empty');
  const gqlVsBare = ratio(gqlSubmit?.rps, bare?.rps);
  targets.push({
    name: 'GraphQL submitLead rate >= 50% of the bare query rate',
    measured: `${gqlSubmit?.rps ?? '-'} / ${bare?.rps ?? '-'} req/s = ${pct(gqlVsBare)}`,
    threshold: '>= 50%',
    met: gqlVsBare !== null && gqlVsBare >= 0.5,
  });
  const opta = find(results, 'opta-submit', 'empty');
  const fastify = find(results, 'bare-fastify', 'empty');
  const optaVsFastify = ratio(opta?.rps, fastify?.rps);
  targets.push({
    name: 'Opta POST /ca/submit rate >= 25% of the bare Fastify JSON POST rate',
    measured: `${opta?.rps ?? '-'} / ${fastify?.rps ?? '-'} req/s = ${pct(optaVsFastify)}`,
    threshold: '>= 25%',
    met: optaVsFastify !== null && optaVsFastify >= 0.25,
  });
  for (const r of results) {
    targets.push({
      name: `p99 < 50 ms at ${r.connections} connections: ${r.label}${r.table === 'large' ? `, ${leadsK(base.settings.preloadLeads)} leads stored` : ''}`,
      measured: `${r.latencyMs.p99} ms`,
      threshold: '< 50 ms',
      met: r.latencyMs.p99 < 50,
    });
  }
  for (const key of ['graphql-submit', 'opta-submit'] as const) {
    const large = withRatios.find((r) => r.key === key && r.table === 'large');
    if (!large) continue;
    targets.push({
      name: `with ${leadsK(base.settings.preloadLeads)} leads stored, ${large.label} rate within 20% of the empty table`,
      measured: `${large.rps} / ${find(results, key, 'empty')?.rps ?? '-'} req/s = ${pct(large.vsEmpty)}`,
      threshold: '>= 80%',
      met: large.vsEmpty !== null && large.vsEmpty >= 0.8,
    });
  }
  if (base.dashboard) targets.push(...dashboardTargets(base.dashboard));
  if (base.import) targets.push(...importTargets(base.import));
  if (base.optIns) targets.push(...optInBatchTargets(base.optIns));
  return { ...base, results: withRatios, targets, allTargetsMet: targets.every((t) => t.met) };
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The human report: settings, the results table, the targets. */
export function formatReport(report: Report): string {
  const s = report.settings;
  const header = [
    'scenario',
    'leads table',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'non-2xx',
    'errors',
    'peak RSS MB',
    'accepted / responses',
    'vs bare',
    'vs empty',
  ];
  const rows = report.results.map((r) => [
    r.label,
    r.table === 'large' ? `${leadsK(s.preloadLeads)} preloaded` : 'empty',
    r.rps.toFixed(1),
    String(r.latencyMs.p50),
    String(r.latencyMs.p99),
    String(r.latencyMs.max),
    String(r.non2xx),
    String(r.errors),
    r.peakRssMb.toFixed(1),
    r.accepted === null ? `- / ${r.responses}` : `${r.accepted} / ${r.responses} (db +${r.dbAccepted})`,
    pct(r.vsBare),
    pct(r.vsEmpty),
  ]);
  const targets = report.targets.map((t) => `  [${t.met ? 'MET' : 'MISSED'}] ${t.name}: ${t.measured} (target ${t.threshold})`);
  const missed = report.targets.filter((t) => !t.met).length;
  return [
    '',
    `Leadgate load benchmark: ${s.durationS}s per scenario after ${s.warmupS}s warm-up, ${s.connections} connections, ` +
      `${report.machine.cpus} CPUs, Node ${report.machine.node}, SQLite${s.serverDir ? `; gateway from ${s.serverDir}` : ''}`,
    `Campaign: ${report.campaign.rulesInForce.length} rules in force, ${report.campaign.zips} zips; ` +
      (report.preload
        ? `preloaded ${report.preload.leads} accepted leads (+${report.preload.dedupeKeys} ledger keys) in ${report.preload.seconds.toFixed(1)}s, database ${report.preload.fileMb} MB`
        : 'no preload'),
    '',
    table(header, rows, [false, false, true, true, true, true, true, true, true, true, true, true]),
    '',
    ...(report.dashboard ? [formatDashboard(report.dashboard), ''] : []),
    ...(report.import ? [formatImport(report.import), ''] : []),
    ...(report.optIns ? [formatOptInBatch(report.optIns), ''] : []),
    'Targets:',
    ...targets,
    '',
    missed === 0 ? 'All targets met.' : `${missed} of ${report.targets.length} targets MISSED (the run itself completed).`,
    '',
  ].join('\n');
}

export function writeReport(file: string, report: Report): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
