import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
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

/**
 * Fastify's pino options, redacted: JSON lines with the request id, or with `logFormat: 'pretty'`
 * (a terminal) one readable line per entry, written synchronously so it keeps its place among
 * what the gateway prints.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(config.logFormat === 'pretty'
      ? { stream: pretty({ sync: true, colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) }
      : {}),
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        
      }),
    },
  };
}
