import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.js';

describe('delivery signature', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and verifies within the tolerance', () => {
    const at = new Date('2026-11-23T12:00:00Z');
    const header = signatureHeader('secret', '{"a":1}', at);
    const t = at.getTime() / 1000;
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'secret').update(`${t}.{"a":1}`).digest('hex')}`);
    expect(verifySignature('secret', header, '{"a":1}', at)).toBe(true);
    expect(verifySignature('secret', header, '{"a":2}', at)).toBe(false);
    expect(verifySignature('other', header, '{"a":1}', at)).toBe(false);
    expect(verifySignature('secret', header, '{"a":1}', new Date(at.getTime() + 301_000))).toBe(false);
  });
});
