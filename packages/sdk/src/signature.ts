/** Options for {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** The current time, default `new Date()`. */
  now?: Date;
  /** How old (or how far ahead) the signed timestamp may be, default `300` seconds. */
  toleranceSeconds?: number;
}

const encoder = new TextEncoder();

/**
 * Checks a delivery's `X-Leadgate-Signature` (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`)
 * against the destination's secret: the HMAC must match and the timestamp be within the tolerance.
 * Pass the body exactly as received, before any parsing. Uses Web Crypto, so it runs in Node 20
 * and in browsers and edge runtimes alike.
 */
export async function verifySignature(
  secret: string,
  header: string,
  rawBody: string,
  options: VerifySignatureOptions = {},
): Promise<boolean> {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given) || Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${rawBody}`)));
  const expected = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
  // Constant time over the hex strings: no early exit on the first difference.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}
