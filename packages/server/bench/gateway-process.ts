/**
 * The gateway under test as a child process: `node dist/cli.js serve` on a loopback port, with
 * readiness polling, a graceful stop and RSS sampling from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';

const PROFILE_PRELOAD = fileURLToPath(new URL('./cpu-profile-preload.cjs', import.meta.url));

/** Where and how to start the gateway. */
export interface GatewayOptions {
  /** packages/server: the child runs `node dist/cli.js serve` there. */
  serverDir: string;
  /** The SQLite file (DATABASE_URL=sqlite:<file>). */
  dbFile: string;
  adminKey: string;
  /** The child's stdout and stderr are appended here. */
  logFile: string;
  /**
   * When set, the child loads bench/cpu-profile-preload.cjs and writes a CPU profile into this
   * folder at each {@link GatewayProcess.profileMark}.
   */
  profileDir?: string;
  /** How long to wait for GET /readyz, default 60 s. */
  readyTimeoutMs?: number;
  /** Run this script (node <script>) instead of the gateway, e.g. the bare Fastify ceiling. */
  script?: string;
  /** A DATABASE_URL instead of the SQLite file (PostgreSQL phases). */
  databaseUrl?: string;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** The resident set size of a process in kB (VmRSS), or null once it is gone. */
export function readRssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` and keeps the peak. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peakKb = 0;
  private samples = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Stops sampling; returns the peak RSS seen, in MB. */
  stop(): { peakMb: number; samples: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return { peakMb: Math.round((this.peakKb / 1024) * 10) / 10, samples: this.samples };
  }

  private sample(): void {
    const kb = readRssKb(this.pid);
    if (kb === null) return;
    this.samples += 1;
    if (kb > this.peakKb) this.peakKb = kb;
  }
}

/** A started gateway process. */
export class GatewayProcess {
  private exited: Promise<string>;
  private exitCode: number | null | undefined;
  private exitSignal: NodeJS.Signals | null = null;
  private marks = 0;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
    private readonly profileDir: string | undefined,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve(this.exitDescription);
      });
    });
  }

  /** `exit code 0`, or `killed by SIGTERM`; empty while running. */
  get exitDescription(): string {
    if (this.running) return '';
    return this.exitSignal ? `killed by ${this.exitSignal}` : `exit code ${this.exitCode}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Spawns the gateway and waits until GET /readyz answers 200. */
  static async start(options: GatewayOptions): Promise<GatewayProcess> {
    const port = await freePort();
    const log = openSync(options.logFile, 'a');
    const target = options.script ? [options.script] : [join(options.serverDir, 'dist/cli.js'), 'serve'];
    const args = [...(options.profileDir ? ['--require', PROFILE_PRELOAD] : []), ...target];
    const child = spawn(process.execPath, args, {
      cwd: options.serverDir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl ?? `sqlite:${options.dbFile}`,
        PORT: String(port),
        HOST,
        LOG_LEVEL: 'warn',
        LEADGATE_ADMIN_KEY: options.adminKey,
        LEADGATE_DEMO: 'false',
        // The load generator posts with one key far above any real per-key budget: measure the intake, not the limiter.
        RATE_LIMIT_PER_MINUTE: '100000',
        ...(options.profileDir ? { BENCH_PROFILE_DIR: options.profileDir } : {}),
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const gateway = new GatewayProcess(child, `http://${HOST}:${port}`, options.logFile, options.profileDir);
    try {
      await gateway.waitReady(options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await gateway.stop();
      throw error;
    }
    return gateway;
  }

  /** Polls GET /readyz every 100 ms until 200, the process exits, or `timeoutMs` passes. */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the gateway stopped (${this.exitDescription}) before it was ready; see ${this.logFile}`);
      try {
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await sleep(100);
    }
    throw new Error(`the gateway was not ready within ${timeoutMs} ms (${last}); see ${this.logFile}`);
  }

  /**
   * Profiling only: ends the current CPU profile (written to `<profileDir>/<n>.cpuprofile`) and
   * starts the next; returns the file written, or null when profiling is off.
   */
  async profileMark(): Promise<string | null> {
    if (!this.profileDir || !this.running) return null;
    const file = join(this.profileDir, `${++this.marks}.cpuprofile`);
    this.child.kill('SIGUSR2');
    for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(50);
    if (!existsSync(file)) throw new Error(`the gateway wrote no CPU profile ${file}`);
    return file;
  }

  /**
   * SIGTERM (the gateway stops accepting, finishes in-flight requests, closes the database),
   * SIGKILL after `graceMs`. Returns how the process ended.
   */
  async stop(graceMs = 15_000): Promise<string> {
    if (!this.running) return this.exitDescription;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort on process exit: synchronous SIGKILL. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
