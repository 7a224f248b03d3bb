import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service.js';
import { initOrm, migrate, type Orm } from '../src/db.js';
import { loggerOptions } from '../src/logging.js';
import { DRIVER, PLATFORM_KEY, testDatabase } from './helpers.js';
import { lookup, optInTenant, postQueue } from './optin-fixtures.js';

describe(`opt-in doors in the log (${DRIVER})`, () => {
  const lines: string[] = [];
  let orm: Orm;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    orm = await initOrm(testDatabase());
    await migrate(orm);
    await new ApiKeyService().ensurePlatformAdmin(orm.em.fork(), PLATFORM_KEY);
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await createApp({ orm, config: { logLevel: 'info' }, logger: { ...(loggerOptions({ logLevel: 'info' }) as object), stream } });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await orm.close();
  });

  it('logs neither the app id nor an email, not even the one in the lookup path', async () => {
    const t = await optInTenant(url);
    const email = `hidden.person.${process.pid}@example.com`;
    expect((await postQueue(t, 'optinfilterqueue', { ClientOptIn: [{ EmailAddress: email }] })).status).toBe(200);
    expect((await lookup(t, 'XXG', email)).status).toBe(200);
    expect((await lookup(t, 'XXG', email, { method: 'POST' })).status).toBe(405);

    const requests = lines.map((l) => JSON.parse(l) as { msg?: string; req?: { url: string } }).filter((l) => l.msg === 'incoming request');
    expect(requests.map((l) => l.req!.url)).toContain('/webservices/rest/brand/XXG/filter/email/*/*');
    const all = lines.join('\n');
    expect(all).not.toContain('hidden.person');
    expect(all).not.toContain(t.appId);
  });
});
