/**
 * The README's test command on a machine with only Node and npm: the tests that need Redis or a
 * local PostgreSQL skip with one printed line each instead of failing, and .ci/run's
 * LEADGATE_TEST_SERVICES=required turns the same absence into a failure. Simulated by pointing
 * the tests at closed ports.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const root = join(serverDir, '../..');

/** A vitest run of `files` in this package with `env` on top of a clean environment; its exit code and output. */
function vitest(files: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'LEADGATE_TEST_SERVICES', 'TEST_REDIS_URL', 'TEST_PG_URL'].includes(k)),
  );
  const child = spawn(process.execPath, [join(serverDir, 'node_modules/vitest/vitest.mjs'), 'run', ...files], {
    cwd: serverDir,
    env: { ...clean, ...env },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const CLOSED = { TEST_REDIS_URL: 'redis://127.0.0.1:1', TEST_PG_URL: 'postgres://postgres@127.0.0.1:1/postgres' };

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : testFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the test command without Redis and PostgreSQL', () => {
  it('skips what needs them, one printed line each, and passes', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'leadgate-fresh-')), 'report.json');
    const { code, output } = await vitest(
      [
        'src/rate-limit/rate-limit.service.test.ts',
        'test/live-feed.test.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      CLOSED,
    );
    const skips = output
      .split('\n')
      .filter((line) => line.startsWith('skipped: '))
      .sort();
    expect(skips).toEqual([
      'skipped: RateLimitService through Redis (Redis is not reachable at redis://127.0.0.1:1; start it or set TEST_REDIS_URL)',
      'skipped: the live feed across gateways through PostgreSQL LISTEN/NOTIFY (PostgreSQL is not reachable at postgres://postgres@127.0.0.1:1/postgres; start it or set TEST_PG_URL)',
      'skipped: the live feed across gateways through Redis pub/sub (Redis is not reachable at redis://127.0.0.1:1; start it or set TEST_REDIS_URL)',
    ]);
    const totals = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    expect(totals.numFailedTests).toBe(0);
    expect(totals.numPendingTests).toBeGreaterThanOrEqual(3);
    expect(totals.numPassedTests).toBeGreaterThan(5);
    expect(code).toBe(0);
  }, 180_000);

  it('fails instead when LEADGATE_TEST_SERVICES=required (CI)', async () => {
    const { code, output } = await vitest(['src/rate-limit/rate-limit.service.test.ts'], { ...CLOSED, LEADGATE_TEST_SERVICES: 'required' });
    expect(code).not.toBe(0);
    expect(output).toContain('Redis is not reachable at redis://127.0.0.1:1, and LEADGATE_TEST_SERVICES=required');
  }, 120_000);

  it('reaches Redis and PostgreSQL only through test/services.ts, so no other test can need them unnoticed', () => {
    const isTest = (file: string) => /\.test\.ts$/.test(file) || file.split(sep).includes('test');
    const direct = [join(root, 'packages'), join(root, 'examples')]
      .flatMap(testFiles)
      .filter(isTest)
      .filter((file) => {
        const source = readFileSync(file, 'utf8');
        // A local service's address, or a Redis client. (A PostgreSQL client is fine: tests open one
        // only on DATABASE_URL's database, which the run was given.)
        const reaches = /(127\.0\.0\.1|localhost):(6379|5432)\b/.test(source) || /from 'ioredis'/.test(source);
        return reaches && !/from '(\.\/|\.\.\/\.\.\/test\/)services\.js'/.test(source);
      });
    const gates = {
      'packages/server/test/services.ts': 'the gate itself',
      'packages/server/src/config.test.ts': 'parses such URLs, connects to nothing',
      'packages/server/test/fresh-machine.test.ts': 'this check',
    };
    expect(direct.map((file) => relative(root, file)).filter((file) => !(file in gates))).toEqual([]);
  });
});
