// `pnpm test`: Chromium for the browser tests, build every package, run every package's tests
// (all of them, even after a failure), then one grand total line: `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = 'test-results/vitest.json';
// The pnpm running this script, or the one the README uses.
const pnpm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npx', '--yes', 'pnpm@10'];

function run(command, args) {
  const { status, signal } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return signal ? 1 : (status ?? 1);
}

if (run('bash', ['scripts/ensure-chromium.sh']) !== 0) process.exit(1);
if (run(pnpm[0], [...pnpm.slice(1), '-r', '--workspace-concurrency=1', 'run', 'build']) !== 0) process.exit(1);

const { stdout } = spawnSync(pnpm[0], [...pnpm.slice(1), '-r', 'exec', 'pwd'], { cwd: root, encoding: 'utf8' });
const packages = stdout
  .split('\n')
  .map((line) => line.trim())
  .filter((dir) => dir && dir !== root.replace(/\/$/, ''));
for (const dir of packages) rmSync(join(dir, REPORT), { force: true });

const status = run(pnpm[0], [
  ...pnpm.slice(1),
  '-r',
  '--workspace-concurrency=1',
  '--no-bail',
  'run',
  'test',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORT}`,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packages) {
  const file = join(dir, REPORT);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that fails before its tests run (an import error) counts as one failure.
  failed +=
    report.numFailedTests +
    report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed')).length;
}
// pnpm failed but no report says why (a package whose runner crashed): never print a clean total.
if (status !== 0 && failed === 0) failed = 1;
console.log('');
if (skipped > 0) console.log(`${skipped} skipped (see the "skipped:" lines above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
