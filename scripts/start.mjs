// `pnpm start`: build the gateway and the SDK if a source changed since their last build, then
// run `leadgate serve` in this process. With nothing changed it starts without running pnpm,
// tsc or esbuild at all, so a restart takes about as long as the gateway's own start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each build's inputs and the file it writes last (tsc -b's build record, the UI bundle stamp). */
const BUILDS = [
  {
    stamp: 'packages/server/dist/.tsbuildinfo',
    inputs: ['packages/server/src', 'packages/server/tsconfig.build.json', 'tsconfig.base.json'],
  },
  { stamp: 'packages/server/dist/ui/.built', inputs: ['packages/server/ui'] },
  { stamp: 'packages/sdk/dist/.tsbuildinfo', inputs: ['packages/sdk/src', 'packages/sdk/tsconfig.build.json', 'tsconfig.base.json'] },
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const stale = BUILDS.some(({ stamp, inputs }) => {
  const built = join(root, stamp);
  return !existsSync(built) || inputs.some((input) => newest(join(root, input)) > statSync(built).mtimeMs);
});

if (stale) {
  // The pnpm running this script (npm_execpath), or the one the README uses.
  const pnpm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npx', '--yes', 'pnpm@10'];
  const args = ['--filter', '@leadgate/server', '--filter', '@leadgate/sdk', 'run', 'build'];
  const { status } = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
  // tsc -b leaves its record alone when the outputs were already right (a file touched, not
  // changed): mark every build as current so the next start skips this.
  const now = new Date();
  for (const { stamp } of BUILDS) if (existsSync(join(root, stamp))) utimesSync(join(root, stamp), now, now);
}

process.argv.splice(2, process.argv.length, 'serve', ...process.argv.slice(2));
await import('../packages/server/bin/leadgate.js');
