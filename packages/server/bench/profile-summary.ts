/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`, BENCH_CPU_PROF=1): where the gateway's
 * CPU time went, by package (self and inclusive) and by function (self).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled time, idle excluded, ms. */
  busyMs: number;
  idleMs: number;
  /** Self time by package or area, share of busy time. */
  selfByArea: Array<{ area: string; ms: number; share: number }>;
  /** Time with the area anywhere on the stack, share of busy time. */
  inclusiveByArea: Array<{ area: string; ms: number; share: number }>;
  topFunctions: Array<{ fn: string; ms: number; share: number }>;
}

/** The package or area a frame belongs to. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (plain) return plain[1]!;
  const own = /packages\/server\/dist\/(.+)$/.exec(url);
  if (own) return `leadgate: ${own[1]!.split('/').slice(0, -1).join('/') || own[1]}`;
  if (url.startsWith('node:')) return 'node: internals';
  return '(other)';
}

const shortUrl = (url: string) =>
  url
    .replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*packages\/server\/dist\//, 'dist/')
    .replace(/^file:\/\//, '');

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    const area = areaOf(node.callFrame);
    self.set(area, (self.get(area) ?? 0) + dt);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      if (frame.functionName === '(root)') continue;
      seen.add(areaOf(frame));
    }
    for (const a of seen) inclusive.set(a, (inclusive.get(a) ?? 0) + dt);
  });
  const rank = <K extends string>(map: Map<string, number>, key: K, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, ms]) =>
          ({ [key]: name, ms: Math.round(ms), share: Math.round((ms / busy) * 1000) / 1000 }) as { [P in K]: string } & {
            ms: number;
            share: number;
          },
      );
  return {
    file,
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    selfByArea: rank(self, 'area', top),
    inclusiveByArea: rank(inclusive, 'area', top),
    topFunctions: rank(fns, 'fn', top),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pctOf = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  return [
    `CPU profile ${summary.file}: busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`,
    '  self time by area:',
    ...summary.selfByArea.slice(0, 12).map((a) => `    ${pctOf(a.share)}  ${a.area}`),
    '  inclusive time by area (on the stack):',
    ...summary.inclusiveByArea.slice(0, 12).map((a) => `    ${pctOf(a.share)}  ${a.area}`),
    '  top functions (self):',
    ...summary.topFunctions.slice(0, 15).map((f) => `    ${pctOf(f.share)}  ${f.fn}`),
  ].join('\n');
}
