/**
 * The README's run command as a newcomer runs it: `npx --yes pnpm@10 start` in the repository,
 * stopped with Ctrl-C (SIGINT to the whole process group, as a terminal sends it). The banner's
 * curls are pasted into a shell, one per door; a second start with nothing changed builds
 * nothing; a taken port says which PORT= to use.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DRIVER, freshDatabaseUrl } from './helpers.js';
import { root, startWithPnpm as start } from './pnpm-start.js';

/** Words that mean something printed a warning or a failure. */
const NOISE = /warn|deprecat|FSTDEP|ELIFECYCLE|\(node:\d+\)|error/i;

const shell = (line: string) => spawnSync('bash', ['-c', line], { encoding: 'utf8', timeout: 30_000 }).stdout;

describe(`npx --yes pnpm@10 start (${DRIVER})`, () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('prints one banner (each key, each page, a curl per door that works), no warning, and exits 0 on Ctrl-C', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const gw = await start({ DATABASE_URL: db.url });
    cleanups.push(() => gw.child.exitCode === null && process.kill(-gw.child.pid!, 'SIGKILL'));
    const out = gw.output();
    for (const label of [
      'platform key',
      'account ADMIN key',
      'source API key',
      'source auth key',
      'reader key',
      'opt-in app id',
      'Lost a key?',
    ]) {
      expect(out).toContain(label);
    }
    const instructions = new RegExp(`posting instructions: (${gw.url}/instructions/\\S+)`).exec(out)![1]!;
    expect((await fetch(instructions)).status).toBe(200);
    expect(out).toContain(`${gw.url}/dashboard`);

    const curl = (door: string) => out.split('\n').find((line) => line.trim().startsWith('curl -s') && line.includes(door))!;
    expect(JSON.parse(shell(curl('/graphql'))).data.submitLead).toMatchObject({ status: 'ACCEPTED', price: 12.5 });
    expect(shell(curl('/ca/submit'))).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
    expect(shell(curl('/webhook/'))).toBe('{"message":"Test webhook received successfully."}');
    expect(JSON.parse(shell(curl('/api/leads')))).toMatchObject({ success: true, status: expect.stringMatching(/^(sold|pending)$/) });
    expect(shell(curl('/v1/leads/insert'))).toMatch(/^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/);
    expect(JSON.parse(shell(curl('/v1/dnc/insert')))).toMatchObject({ success: true });
    expect(JSON.parse(shell(curl('/optinfilterqueue')))).toMatchObject({ Success: 'Your submission was successful' });
    expect(JSON.parse(shell(curl('/filter/email/')))).toMatchObject({
      EmailAddress: 'ada@example.com',
      Filters: [{ Status: 'IN' }, { Status: 'IN' }],
    });

    expect(await gw.interrupt()).toBe(0);
    expect(gw.output()).toMatch(/"msg":"shutting down"/);
    const noisy = gw
      .output()
      .split('\n')
      .filter((line) => NOISE.test(line) && !line.startsWith('{"level":30'));
    expect(noisy).toEqual([]);

    // A restart with nothing changed: no build, no second banner, readable logs when asked.
    const again = await start({ DATABASE_URL: db.url, LOG_FORMAT: 'pretty' });
    cleanups.push(() => again.child.exitCode === null && process.kill(-again.child.pid!, 'SIGKILL'));
    expect(again.output()).not.toMatch(/tsc|esbuild|build\$/);
    expect(again.output()).not.toContain('account ADMIN key');
    expect(again.output()).toContain('Keys and demo credentials were printed on the first start');
    expect(again.output()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Server listening at http/m);

    // The port is taken now: a second gateway on it says what to do.
    const port = new URL(again.url).port;
    const clash = spawnSync(process.execPath, ['packages/server/bin/leadgate.js', 'serve'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: db.url, PORT: port },
    });
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain(
      `port ${port} on 127.0.0.1 is already in use (is another gateway running?). Start this one on another port: PORT=${Number(port) + 1}`,
    );
    expect(await again.interrupt()).toBe(0);
  }, 300_000);
});
