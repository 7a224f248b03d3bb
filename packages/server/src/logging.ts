import { DriverException } from '@mikro-orm/core';
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

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
/** Ten or more digits, allowing the separators phone numbers are written with. */
const PHONE = /\+?\d(?:[\s().-]*\d){9,}/g;
/** Leadgate secrets by their prefix: API keys (lgk_), source auth keys (lgs_), destination secrets (lgd_). */
const SECRET = /\blg[a-z]_[A-Za-z0-9_-]{8,}/g;

/** Masks emails, phone numbers and secrets in free text (error messages, stacks). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[digits]').replace(SECRET, '[secret]');
}

/** Fields of a driver error worth logging: none holds SQL, a bound value or a row. */
const DATABASE_FIELDS = ['code', 'errno', 'sqlState', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.]*$/;

const isDatabaseError = (error: Error): boolean =>
  error instanceof DriverException ||
  error.name === 'SqliteError' ||
  'sqlState' in error ||
  'sql' in error ||
  ('routine' in error && 'severity' in error);

/**
 * The driver's own words without the statement: knex prefixes the SQL (values inlined) and
 * MikroORM appends PostgreSQL's detail (the key's values), so keep what is between. Quoted text
 * other than identifiers (a token of a value, a value that failed to parse) is masked.
 */
function databaseMessage(message: string): string {
  const withoutDetail = message.split(/\n\s*-\s*detail:/)[0]!;
  const firstLine = withoutDetail.split('\n')[0]!;
  const driverWords = firstLine.includes(' - ') ? firstLine.slice(firstLine.lastIndexOf(' - ') + 3) : firstLine;
  return driverWords.replace(/"([^"]*)"|'([^']*)'/g, (quoted, double?: string, single?: string) =>
    IDENTIFIER.test(double ?? single ?? '') ? quoted : '"…"',
  );
}

/**
 * pino's `err` serializer for every logger of the gateway: type, message, stack and code, with
 * personal data and secrets masked. A database error keeps only the driver's message and the
 * names of what failed (table, constraint, column): never its SQL, parameters, detail or where.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrubText(error) : error;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name };
  if (isDatabaseError(error)) {
    out.message = scrubText(databaseMessage(error.message));
    for (const field of DATABASE_FIELDS) {
      const value = (error as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string' || typeof value === 'number') out[field] = value;
    }
  } else {
    out.message = scrubText(error.message);
    const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    if (typeof statusCode === 'number') out.statusCode = statusCode;
  }
  out.stack = `${out.type}: ${out.message as string}${frames ? `\n${scrubText(frames)}` : ''}`;
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < 3) out.errors = error.errors.slice(0, 5).map((e) => serializeError(e, depth + 1));
  return out;
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
      err: (error: unknown) => serializeError(error) as { type: string; message: string; stack: string },
      error: (error: unknown) => serializeError(error),
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
      }),
    },
  };
}
