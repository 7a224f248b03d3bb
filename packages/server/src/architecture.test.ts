import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

/** A file's unit: `modules/<feature>`, `shims/<door>`, another top-level folder, or a top-level file. */
function unitOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  if ((parts[0] === 'modules' || parts[0] === 'shims') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** unit -> units it imports (type imports too), with one example import per edge. */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'));
      const to = unitOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  return graph;
}

describe('module structure', () => {
  const graph = importGraph();

  it('has no import cycle between modules (type imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (unit: string, path: string[]) => {
      state.set(unit, 'open');
      for (const [next, example] of graph.get(unit) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), unit, next].join(' -> ') + `  (${example})`);
        else if (!state.has(next)) visit(next, [...path, unit]);
      }
      state.set(unit, 'done');
    };
    for (const unit of graph.keys()) if (!state.has(unit)) visit(unit, []);
    expect(cycles).toEqual([]);
  });

  it('keeps features below the doors and the wiring: no module imports a shim, the registry or the app', () => {
    const upward = [...graph].flatMap(([unit, edges]) =>
      unit.startsWith('modules/')
        ? [...edges]
            .filter(([to]) => to.startsWith('shims/') || ['registry', 'app', 'main', 'cli', 'db', 'entities'].includes(to))
            .map(([, example]) => example)
        : [],
    );
    expect(upward).toEqual([]);
  });
});
