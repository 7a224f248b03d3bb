import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const UI_DIR = dirname(fileURLToPath(import.meta.url));
/** Where the gateway serves the browser assets from (src/modules/pages/ui-assets.ts reads it). */
export const UI_OUT_DIR = join(UI_DIR, '..', 'dist', 'ui');
const STAMP = '.built';

/** The newest modification time under `dir` (the sources that feed the bundles). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when the bundles are older than their sources (or missing). */
export function isUiStale(outDir = UI_OUT_DIR): boolean {
  const stamp = join(outDir, STAMP);
  return !existsSync(stamp) || statSync(stamp).mtimeMs < newest(UI_DIR);
}

/**
 * Bundles the browser pages with esbuild: the dashboard (TypeScript + uPlot) and GraphiQL
 * (React), each to one script and one stylesheet in `outDir`, fonts and icons inlined, so the
 * gateway serves every byte itself (no CDN: gateways run offline too).
 */
export async function buildUi(outDir = UI_OUT_DIR): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { dashboard: join(UI_DIR, 'dashboard', 'main.ts'), graphiql: join(UI_DIR, 'graphiql', 'main.tsx') },
    outdir: outDir,
    bundle: true,
    minify: true,
    // No source maps: GraphiQL's alone would weigh 7 MB, and the sources are in the repository.
    sourcemap: false,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari16'],
    platform: 'browser',
    jsx: 'automatic',
    legalComments: 'linked',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  writeFileSync(join(outDir, STAMP), new Date().toISOString());
}

// `tsx ui/build.ts` (the server's build script) bundles when a source changed, so an unchanged
// `pnpm start` does not wait for esbuild.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (isUiStale()) await buildUi();
}
