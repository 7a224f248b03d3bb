/**
 * The fuzz test's inputs: a seeded random source, hostile values, and the mutations of a door's
 * valid requests (values, encodings, content types, methods, paths and headers).
 */

/** mulberry32: small, fast, good enough to pick mutations, and replayable from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof random>;

/** Values that have broken gateways: wrong types, sizes, encodings, names of Object.prototype members. */
export function nastyValue(r: Random): unknown {
  const cases: Array<() => unknown> = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1e308,
    () => 2 ** 53 + 1,
    () => 3.14159,
    () => Number.MAX_SAFE_INTEGER,
    () => '',
    () => ' ',
    () => '\u0000',
    () => `a\u0000b`,
    () => '\ud800',
    () => `x\udc00y`,
    () => '\u0001\u0002\u001f\u007f',
    () => '😀'.repeat(r.int(50) + 1),
    () => 'é'.normalize('NFD'),
    () => 'x'.repeat(r.pick([255, 256, 1000, 10_000, 70_000])),
    () => "'; drop table leads; --",
    () => '<script>alert(1)</script>',
    () => '%00%ZZ%C0%80',
    () => '../../etc/passwd',
    () => '{"a":1}',
    () => '[]',
    () => 'null',
    () => 'NaN',
    () => '-0',
    () => '1e999',
    () => '0x10',
    () => '2026-02-30T25:61:00Z',
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => ({ a: { b: { c: { d: { e: { f: { g: { h: { i: {} } } } } } } } } }),
    () => ({ __proto__: { polluted: true } }),
    () => JSON.parse('{"__proto__":{"x":1}}'),
    () => ({ constructor: 'x' }),
    () => Array.from({ length: r.int(300) }, (_, i) => i),
    () => 'constructor',
    () => '__proto__',
    () => 'toString',
  ];
  return r.pick(cases)();
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A copy of `body` with one to three values replaced, keys removed or odd keys added. */
export function mutateObject(r: Random, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const keys = Object.keys(out);
    const roll = r.int(10);
    if (roll < 6 && keys.length) out[r.pick(keys)] = nastyValue(r);
    else if (roll < 7 && keys.length) delete out[r.pick(keys)];
    else if (roll < 9)
      Object.defineProperty(out, r.pick([...PROTO_KEYS, 'extra_field', 'Email', 'PHONE', 'x'.repeat(300)]), {
        value: nastyValue(r),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[`f${r.int(1000)}`] = nastyValue(r);
  }
  return out;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  note: string;
}

/** A body as the content type the request says, or a mismatched one. */
export function encode(
  r: Random,
  value: unknown,
  preferred: 'json' | 'form' | 'xml',
): { type: string | null; body: string | Uint8Array; note: string } {
  const asForm = () =>
    new URLSearchParams(
      Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ]),
    ).toString();
  const roll = r.int(20);
  if (roll < 12) {
    if (preferred === 'form') return { type: 'application/x-www-form-urlencoded', body: asForm(), note: 'form' };
    if (preferred === 'xml') return { type: 'application/xml', body: toXml(value), note: 'xml' };
    return { type: 'application/json', body: JSON.stringify(value), note: 'json' };
  }
  const json = JSON.stringify(value) ?? 'null';
  const odd: Array<() => { type: string | null; body: string | Uint8Array; note: string }> = [
    () => ({ type: 'application/json', body: json.slice(0, r.int(json.length)), note: 'truncated json' }),
    () => ({ type: 'application/json', body: `${json}}`, note: 'json with trailing garbage' }),
    () => ({ type: 'application/json', body: '', note: 'empty json' }),
    () => ({
      type: 'application/json',
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]),
      note: 'invalid utf-8',
    }),
    () => ({ type: 'application/json; charset=utf-16', body: json, note: 'charset utf-16' }),
    () => ({ type: 'text/plain', body: json, note: 'text/plain' }),
    () => ({ type: 'multipart/form-data', body: 'a=1', note: 'multipart without boundary' }),
    () => ({
      type: 'multipart/form-data; boundary=XYZ',
      body: '--XYZ\r\nContent-Disposition: form-data; name="first"\r\n\r\nAda\r\n--XYZ--\r\n',
      note: 'multipart',
    }),
    () => ({
      type: 'multipart/form-data; boundary=XYZ',
      body: '--XYZ\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nx\r\n--XYZ--',
      note: 'multipart file',
    }),
    () => ({ type: 'application/x-www-form-urlencoded', body: `${asForm()}&%ZZ=1&a=%00&a=2`, note: 'form with bad escapes' }),
    () => ({ type: 'application/xml', body: `<a>${'<b>'.repeat(40)}x${'</b>'.repeat(40)}</a>`, note: 'deep xml' }),
    () => ({ type: 'application/xml', body: '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', note: 'xml entity' }),
    () => ({ type: 'application/x-yaml', body: 'a: 1', note: 'yaml' }),
    () => ({ type: null, body: json, note: 'no content type' }),
    () => ({ type: 'application/json', body: ' '.repeat(r.int(1000)) + json, note: 'padded json' }),
    () => ({ type: 'application/json', body: JSON.stringify([value, value]), note: 'json array' }),
  ];
  return r.pick(odd)();
}

function toXml(value: unknown): string {
  const el = (name: string, v: unknown): string => {
    const tag = /^[A-Za-z_][\w.-]*$/.test(name) ? name : 'x';
    if (Array.isArray(v)) return v.map((item) => el(tag, item)).join('');
    if (v && typeof v === 'object')
      return `<${tag}>${Object.entries(v)
        .map(([k, c]) => el(k, c))
        .join('')}</${tag}>`;
    return `<${tag}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${tag}>`;
  };
  return `<?xml version="1.0"?>${el('Request', value)}`;
}

/** The path with, sometimes, a NUL, a malformed escape, an over-long segment, a trailing slash or an extra segment. */
function mutatePath(r: Random, path: string): string {
  if (!r.chance(0.2)) return path;
  return r.pick([
    () => `${path}%00`,
    () => `${path}%ZZ`,
    () => `${path}/`,
    () => `${path}/extra`,
    () => path.replace(/\/([^/]+)$/, `/${'x'.repeat(3000)}`),
    () => path.replace(/\/([^/]+)$/, '/%C0%80'),
    () => `${path}?%ZZ=1&a[b]=2&a=3`,
    () => path.replace(/^\//, '//'),
    () => `${path}/..%2F..%2F`,
  ])();
}

/** One mutation of a seed request: its values, its encoding, sometimes its method or headers. */
export function mutate(r: Random, seed: Seed): FuzzRequest {
  const value = r.chance(0.85) ? mutateObject(r, seed.body) : nastyValue(r);
  const encoded = encode(r, value, seed.encoding);
  const headers: Record<string, string> = { ...seed.headers };
  if (encoded.type) headers['content-type'] = encoded.type;
  let method = seed.method;
  if (r.chance(0.05)) method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  if (r.chance(0.1)) {
    const name = r.pick(['authorization', 'idempotency-key', 'x-request-id', 'x-omeda-appid', 'content-length-ish']);
    headers[name] = r.pick([
      '',
      'Bearer',
      'Bearer ' + 'x'.repeat(5000),
      'Bearer lgk_\u00ff',
      'Basic Zm9vOmJhcg==',
      'x'.repeat(8000),
      '..',
      '\t',
    ]);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(headers[name]!)) delete headers[name];
  }
  const path = mutatePath(r, seed.path);
  const body = method === 'GET' || method === 'HEAD' ? undefined : encoded.body;
  if (body === undefined) delete headers['content-type'];
  return { method, path, headers, body, note: `${method} ${path.slice(0, 80)} ${encoded.note}` };
}

export interface Seed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  encoding: 'json' | 'form' | 'xml';
}

/** A door: its seed requests and the shapes its replies may take. */
export interface Door {
  name: string;
  /** The paths that are the door's; a mutated path outside them may get the gateway's own JSON error. */
  paths: RegExp;
  seeds: Seed[];
  /** True when `reply` is one of the door's documented shapes. */
  shaped(reply: { status: number; type: string; text: string }, request: FuzzRequest): boolean;
}

export const json = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
export const isGraphQLErrors = (body: any) =>
  Array.isArray(body?.errors) && body.errors.every((e: any) => typeof e.message === 'string' && typeof e.extensions?.code === 'string');
