import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * Header and body paths that can hold secrets or contact data. Request bodies and query
 * values are never logged at all (see `req` below); these catch anything logged by hand.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-omeda-appid"]',
  'headers.authorization',
  '*.authorization',
  '*.password',
  '*.auth',
  '*.authKey',
  '*.apiKey',
  '*.key',
  '*.sourceAuth',
  '*.auth_token',
  '*.email',
  '*.phone',
  '*.phone_number',
];

/** Path segments that are secrets themselves: webhook ids and instructions tokens. */
const SECRET_PATH = /^(\/(?:webhook|instructions)\/)[^/?]+/;

/**
 * The URL with every query value replaced and secret path segments masked, so tokens, phones and
 * emails in a URL never reach a log.
 */
export function redactUrl(url: string): string {
  url = url.replace(SECRET_PATH, '$1*');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const keys = [...new Set(params.keys())];
  return `${url.slice(0, q)}?${keys.map((k) => `${encodeURIComponent(k)}=*`).join('&')}`;
}

/** Fastify's pino options: JSON lines with the request id, redacted. */
export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        
      }),
    },
  };
}
