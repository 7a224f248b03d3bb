import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { tempDatabase } from './temp-database.js';

const PLATFORM_KEY = 'lgk_test_idempotency_platform_key_01234';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway(
    { ...loadConfig({}), port: 0, host: '127.0.0.1', adminKey: PLATFORM_KEY, logLevel: 'silent', database: tempDatabase() },
    { demo: false, print: () => undefined },
  );
});
afterAll(async () => {
  await gateway?.close();
});

describe('a retried create against a gateway that replays by Idempotency-Key', () => {
  it('creates once when the first response is lost on the way back', async () => {
    const attempts: Array<{ operationName: string; key: string | null; replayed: string | null }> = [];
    let dropNext = true;
    const client = createClient({
      url: gateway.url,
      apiKey: PLATFORM_KEY,
      fetch: async (input, init) => {
        const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
        const response = await fetch(input, init);
        attempts.push({
          operationName,
          key: new Headers(init?.headers).get('idempotency-key'),
          replayed: response.headers.get('idempotent-replayed'),
        });
        if (operationName === 'createAccount' && dropNext) {
          dropNext = false;
          await response.arrayBuffer();
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        }
        return response;
      },
    });
    const account = await client.createAccount({ input: { name: 'Lost Reply Co', timeZone: 'America/Chicago' } });
    const creates = attempts.filter((a) => a.operationName === 'createAccount');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.key).toBe(creates[0]!.key);
    expect(creates[1]!.replayed).toBe('true');
    expect((await client.accounts()).filter((a) => a.name === 'Lost Reply Co').map((a) => a.id)).toEqual([account.id]);
  });
});
