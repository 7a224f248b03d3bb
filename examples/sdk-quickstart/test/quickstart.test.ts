import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickstart } from '../src/quickstart.js';

const PLATFORM_KEY = 'lgk_example_quickstart_platform_key_0123';

/** A fresh SQLite file (the gateway's lead store opens the file itself, so not `:memory:`). */
function tempDatabase(): { kind: 'sqlite'; url: string; name: string } {
  const name = join(mkdtempSync(join(tmpdir(), 'leadgate-example-')), 'leadgate.sqlite');
  return { kind: 'sqlite', url: `sqlite:${name}`, name };
}

describe('SDK quick start', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway(
      { ...loadConfig({}), port: 0, logLevel: 'silent', adminKey: PLATFORM_KEY, database: tempDatabase() },
      { demo: false, print: () => undefined },
    );
  });
  afterAll(() => gateway.close());

  it('sets up a campaign and gets accepted, rejected and duplicate decisions', async () => {
    const result = await quickstart(`${gateway.url}/graphql`, PLATFORM_KEY);
    expect(result.accepted).toMatchObject({ status: 'ACCEPTED', price: 18 });
    expect(result.rejected).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', message: 'Missing zip' });
    expect(result.duplicate).toMatchObject({ status: 'REJECTED', message: 'Duplicate email' });
    expect(result.acceptedCount).toBe(1);
  });
});
