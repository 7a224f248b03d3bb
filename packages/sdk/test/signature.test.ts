import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../src/index.js';

const secret = 'lgd_test_secret';
const body = '{"leadId":"lead_1","first":"Ada"}';
const at = new Date('2026-11-23T12:00:00Z');
const t = Math.floor(at.getTime() / 1000);
const header = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('verifySignature', () => {
  it("accepts the gateway's signature of the raw body within the tolerance", async () => {
    expect(await verifySignature(secret, header, body, { now: at })).toBe(true);
    expect(await verifySignature(secret, header, body, { now: new Date(at.getTime() + 299_000) })).toBe(true);
  });

  it('refuses another body, secret or header, and an old timestamp', async () => {
    expect(await verifySignature(secret, header, body.replace('Ada', 'Eve'), { now: at })).toBe(false);
    expect(await verifySignature('lgd_other', header, body, { now: at })).toBe(false);
    expect(await verifySignature(secret, header, body, { now: new Date(at.getTime() + 301_000) })).toBe(false);
    expect(await verifySignature(secret, header.replace(/v1=./, 'v1=0'), body, { now: at })).toBe(false);
    expect(await verifySignature(secret, 'garbage', body, { now: at })).toBe(false);
  });
});
