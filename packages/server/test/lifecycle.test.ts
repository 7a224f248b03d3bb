import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';
import {
  createTenant,
  DRIVER,
  freshDatabaseUrl,
  gql,
  gqlOk,
  sampleLead,
  serveCli,
  startTestGateway,
  SUBMIT,
  testConfig,
} from './helpers.js';
import { startGateway } from '../src/main.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const CLI = ['--import', 'tsx', 'src/cli.ts'];

/** Runs the CLI to completion. */
function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...CLI, ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

describe(`gateway lifecycle (${DRIVER})`, () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps its data across a restart', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const database = parseDatabaseUrl(db.url);
    const first = await startTestGateway({ database });
    const t = await createTenant(first.url);
    const { submitLead } = await gqlOk(first.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    await first.close();

    const second = await startTestGateway({ database });
    cleanups.push(() => second.close());
    const { lead } = await gqlOk(
      second.url,
      `query($id: ID!) { lead(id: $id) { id status first } }`,
      { id: submitLead.leadId },
      t.adminKey,
    );
    expect(lead).toEqual({ id: submitLead.leadId, status: 'ACCEPTED', first: 'Ada' });
  });

  it('a bootstrap admin key is printed once; setting LEADGATE_ADMIN_KEY replaces it', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const printed: string[] = [];
    const config = testConfig({ database: parseDatabaseUrl(db.url), adminKey: undefined });
    const first = await startGateway(config, { demo: false, print: (text) => printed.push(text) });
    const bootstrap = /Platform admin key \(shown once, store it now\): (lgk_\w+)/.exec(printed.join(''))![1]!;
    expect((await gqlOk(first.url, `{ accounts { id } }`, {}, bootstrap)).accounts).toEqual([]);
    await first.close();

    printed.length = 0;
    const again = await startGateway(config, { demo: false, print: (text) => printed.push(text) });
    expect(printed.join('')).not.toContain('Platform admin key');
    await again.close();

    const preset = 'lgk_rotated_platform_key_0123456789abcdef';
    const rotated = await startGateway({ ...config, adminKey: preset }, { demo: false, print: () => undefined });
    cleanups.push(() => rotated.close());
    expect((await gql(rotated.url, `{ accounts { id } }`, {}, bootstrap)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gqlOk(rotated.url, `{ accounts { id } }`, {}, preset)).accounts).toEqual([]);
  });

  it('stops start-up on bad configuration with one line naming the variable', () => {
    const port = runCli(['serve'], { PORT: 'eighty' });
    expect(port.status).toBe(1);
    expect(port.stderr.trim()).toBe('Invalid configuration: PORT must be an integer between 0 and 65535 (got "eighty")');
    const db = runCli(['migrate'], { DATABASE_URL: 'mysql://root@localhost/x' });
    expect(db.status).toBe(1);
    expect(db.stderr.trim()).toBe(
      'Invalid configuration: DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "mysql:")',
    );
    const level = runCli(['serve'], { LOG_LEVEL: 'loud' });
    expect(level.stderr.trim()).toBe(
      'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
  });

  it('migrate applies the migrations once; seed creates demo data once', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const migrate = runCli(['migrate'], { DATABASE_URL: db.url });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^Applied migrations: Migration\d+_init/);
    expect(runCli(['migrate'], { DATABASE_URL: db.url }).stdout.trim()).toBe('Database is up to date.');
    const seed = runCli(['seed'], { DATABASE_URL: db.url });
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toMatch(/platform key\s+lgk_\w{40}/);
    expect(seed.stdout).toContain('Demo data created');
    expect(runCli(['seed'], { DATABASE_URL: db.url }).stdout).toContain('The database has accounts already; no demo data created.');
    expect(runCli(['frobnicate'], {}).status).toBe(2);
    // Five CLI runs, one of them posting the demo's month of leads.
  }, 90_000);

  it('serve on an empty database prints demo credentials, a curl that gets an ACCEPTED decision and one that fills the dialer hopper', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const gw = await serveCli({ DATABASE_URL: db.url, EXPECT_BANNER: '1' });
    cleanups.push(() => gw.child.kill('SIGKILL'));
    const curls = gw
      .output()
      .split('\n')
      .filter((line) => line.trim().startsWith('curl -s'));
    const curl = curls.find((line) => line.includes('/graphql'));
    const dialerCurl = curls.find((line) => line.includes('/v1/leads/insert'));
    const result = spawnSync('bash', ['-c', curl!], { encoding: 'utf8' });
    const decision = JSON.parse(result.stdout) as { data: { submitLead: { status: string; price: number; leadId: string } } };
    expect(decision.data.submitLead).toMatchObject({ status: 'ACCEPTED', price: 12.5 });
    expect(decision.data.submitLead.leadId).toMatch(/^lead_/);
    expect(spawnSync('bash', ['-c', dialerCurl!], { encoding: 'utf8' }).stdout).toMatch(
      /^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/,
    );
    expect(spawnSync('bash', ['-c', dialerCurl!], { encoding: 'utf8' }).stdout).toBe(
      '{"success":false,"code":6009,"text":"The phone number already exists"}',
    );
    // A first start posts the demo history through the intake: seconds, more on a loaded PostgreSQL.
  }, 90_000);

  it('on SIGTERM stops accepting, finishes in-flight requests, closes the database and exits 0', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const gw = await serveCli({ DATABASE_URL: db.url, EXPECT_BANNER: '1' });
    cleanups.push(() => gw.child.kill('SIGKILL'));
    const key = /source API key\s+(lgk_\w+)/.exec(gw.output())![1]!;
    const campaignId = /campaign\s+(cmp_\w+)/.exec(gw.output())![1]!;
    const inFlight = Array.from({ length: 40 }, () =>
      fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input: sampleLead(campaignId) } }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { data?: { submitLead?: { status: string } } } })),
    );
    // SIGTERM once the gateway has read every request, so each one is in flight (not merely sent).
    const count = (msg: string) => gw.output().split(msg).length - 1;
    while (count('"msg":"incoming request"') < inFlight.length) await new Promise((r) => setTimeout(r, 1));
    gw.child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results.every((r) => r.status === 200 && r.body.data?.submitLead?.status === 'ACCEPTED')).toBe(true);
    expect(await exited(gw.child)).toBe(0);
    expect(gw.output()).toContain('"msg":"shutting down"');
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  }, 90_000);
});
