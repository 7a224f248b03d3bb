/** `npx --yes pnpm@10 start` in the repository, as the README runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Ctrl-C: SIGINT to the process group; resolves with the exit code of npx. */
  interrupt: () => Promise<number | null>;
}

/** Starts it and resolves once the banner (or the restart line) is complete. */
export function startWithPnpm(env: Record<string, string>): Promise<Started> {
  const child = spawn('npx', ['--yes', 'pnpm@10', 'start'], {
    cwd: root,
    detached: true, // its own process group, as a terminal's foreground job
    // A partner's shell: none of the npm_* settings of the pnpm running this test.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
      NODE_ENV: 'production',
      PORT: '0',
      ...env,
    },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pnpm start did not start:\n${out}`)), 120_000);
    const check = () => {
      const match = /Leadgate is running at (http:\/\/[\d.]+:\d+)/.exec(out);
      if (!match || !/(\/filter\/email\/.*|printed on the first start.*)\n/.test(out)) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1]!,
        output: () => out,
        interrupt: () => {
          process.kill(-child.pid!, 'SIGINT');
          return exited;
        },
      });
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`pnpm start exited with ${code}:\n${out}`)));
  });
}
