import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadConfig, seedDemoData, startGateway, type DemoData, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));

/** A fresh SQLite file (the gateway's lead store opens the file itself, so not `:memory:`). */
function tempDatabase(): { kind: 'sqlite'; url: string; name: string } {
  const name = join(mkdtempSync(join(tmpdir(), 'leadgate-example-')), 'leadgate.sqlite');
  return { kind: 'sqlite', url: `sqlite:${name}`, name };
}

describe('legacy vendor curl scripts', () => {
  let gateway: RunningGateway;
  let demo: DemoData;
  beforeAll(async () => {
    gateway = await startGateway(
      { ...loadConfig({}), port: 0, logLevel: 'silent', database: tempDatabase() },
      { demo: false, print: () => undefined },
    );
    demo = (await seedDemoData(gateway.orm.em.fork()))!;
  });
  afterAll(() => gateway.close());

  // Asynchronously: the gateway answers from this same process, so a blocking exec would deadlock.
  const run = async (script: string, env: Record<string, string> = {}) => {
    const { stdout } = await promisify(execFile)('bash', [script], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        LEADGATE_URL: gateway.url,
        COMPID: demo.accountCode,
        SOURCEID: demo.sourceId,
        CAMPID: demo.campaignId,
        AUTH: demo.sourceAuthKey,
        ...env,
      },
    });
    return stdout.trim();
  };

  it('opta-submit.sh gets the test reply, then an accepted lead, then a duplicate', async () => {
    expect(await run('opta-submit.sh', { TEST_LEAD: 'true' })).toBe(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );
    expect(await run('opta-submit.sh')).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
    expect(await run('opta-submit.sh')).toBe('{"leadStatus":false,"reason":"Opta Reject","message":"Duplicate email","price":0.00}');
  });

  it('opta-submit-form.sh posts form-encoded and is accepted', async () => {
    expect(await run('opta-submit-form.sh')).toBe('{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}');
  });

  it('dialer-insert.sh inserts into the demo dialer list, then refuses the same number', async () => {
    const env = { AUTH_TOKEN: demo.accountAdminKey, LIST_ID: String(demo.dialerListId) };
    expect(await run('dialer-insert.sh', env)).toMatch(/^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/);
    expect(await run('dialer-insert.sh', env)).toBe('{"success":false,"code":6009,"text":"The phone number already exists"}');
    expect(await run('dialer-insert.sh', { ...env, AUTH_TOKEN: 'wrong' })).toBe(
      '{"success":false,"code":5001,"text":"Auth token is invalid"}',
    );
  });

  it('a wrong auth key is Invalid auth', async () => {
    expect(await run('opta-submit.sh', { AUTH: 'lgs_wrong', EMAIL: 'x@example.com', PHONE: '2135550111' })).toBe(
      '{"leadStatus":false,"reason":"Opta Reject","message":"Invalid auth","price":0.00}',
    );
  });
});
