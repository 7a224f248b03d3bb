import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { initOrm, migrate, type Orm } from '../src/db.js';
import { loggerOptions } from '../src/logging.js';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service.js';
import type { FastifyInstance } from 'fastify';
import { createTenant, DRIVER, gql, PLATFORM_KEY, sampleLead, SUBMIT, testDatabase } from './helpers.js';

describe(`structured logs (${DRIVER})`, () => {
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

  it('writes JSON lines with a request id and never a phone, an email or a secret in clear', async () => {
    const t = await createTenant(url);
    await gql(url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'secret.person@example.com', phone: '3105550188' }) }, t.sourceKey);
    await gql(url, SUBMIT, { input: { ...sampleLead(t.campaignId), sourceId: t.sourceId, sourceAuth: t.sourceAuth } });
    await gql(url, SUBMIT, { input: sampleLead(t.campaignId) }, 'lgk_wrong_key_in_a_log');
    await fetch(`${url}/graphql?email=secret.person@example.com&phone=3105550188`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });

    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = parsed.filter((l) => l.msg === 'incoming request');
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    expect(requestLines.every((l) => typeof l.reqId === 'string')).toBe(true);
    expect(requestLines.some((l) => (l.req as { url: string }).url === '/graphql?email=*&phone=*')).toBe(true);

    const all = lines.join('\n');
    for (const secret of [
      'secret.person',
      '3105550188',
      '555-0188',
      t.sourceKey,
      t.sourceAuth,
      t.adminKey,
      PLATFORM_KEY,
      'lgk_wrong_key_in_a_log',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
