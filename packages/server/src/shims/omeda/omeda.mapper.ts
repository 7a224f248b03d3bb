import { AppError } from '../../errors/app-error.js';
import { formatWallClock } from '../../shared/wall-clock.js';
import { capErrors, printable } from '../../modules/optins/optin-plan.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OptInLevel, OptInQueue, OptStatus, optInMessages as msg, type OptInEntry, type OptInRequest } from '../../modules/optins/index.js';

/** A body the door cannot read (malformed JSON or XML, a DOCTYPE, another content type): a 400 in the door's shape. */
export class OmedaBodyError extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
    this.name = 'OmedaBodyError';
  }
}

/** The wire formats of the door: JSON (the default) and XML. */
export type OmedaFormat = 'json' | 'xml';

/** The deepest XML nesting read; the queue bodies need four levels. */
const MAX_XML_DEPTH = 16;

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Values stay text: the mapper reads numbers the same way from XML and from JSON strings.
  parseTagValue: false,
  trimValues: true,
  // Predefined entities and character references (&#64;) are decoded; the library only decodes
  // the latter with its HTML entity table on, whose names (&nbsp;) are then read too. Declared
  // entities cannot exist: a DOCTYPE, which could declare them, is refused before parsing.
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: MAX_XML_DEPTH,
});

const CHARACTER_REFERENCE = /&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;

/** Characters XML 1.0 allows: tab, line feed, carriage return and the rest above the control characters. */
const isXmlChar = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/**
 * The first character reference naming a character XML does not allow (`&#x1;`, `&#0;`), which
 * the parser would otherwise drop without a word (`a&#x1;b@example.com` read as `ab@example.com`).
 */
function forbiddenCharacterReference(text: string): string | undefined {
  for (const match of text.matchAll(CHARACTER_REFERENCE)) {
    const code = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number(match[2]);
    if (!isXmlChar(code)) return match[0].length > 16 ? `${match[0].slice(0, 16)}…` : match[0];
  }
  return undefined;
}

/**
 * Reads a body. JSON as usual; XML by the door's mapping: the one root element (any name) is the
 * body object, each child element is a key whose text is its value, a repeated element is a list,
 * an element with children is an object, attributes are ignored. An empty body is an empty
 * submission. A DOCTYPE or ENTITY declaration is refused (no external or expanding entities).
 */
export function parseOmedaBody(text: string, format: OmedaFormat): unknown {
  if (!text.trim()) return {};
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new OmedaBodyError(`The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new OmedaBodyError('The request body must not contain a DOCTYPE or ENTITY declaration.');
  const reference = forbiddenCharacterReference(text);
  if (reference)
    throw new OmedaBodyError(
      `The request body is not valid XML: the character reference ${reference} names a character XML does not allow.`,
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new OmedaBodyError(`The request body is not valid XML: ${valid.err.msg} (line ${valid.err.line}).`);
  let document: Record<string, unknown>;
  try {
    document = xmlParser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new OmedaBodyError(`The request body is not valid XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(document);
  if (roots.length !== 1) throw new OmedaBodyError('The request body is not valid XML: it must have exactly one root element.');
  const root = document[roots[0]!];
  return root === '' ? {} : root;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A level's elements: a list, or one element (what XML gives for a single child). */
const listOf = (value: unknown): unknown[] | null =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : isObject(value) ? [value] : null;

const text = (value: unknown): string | null | undefined =>
  value === undefined || value === null
    ? null
    : typeof value === 'string'
      ? value
      : typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : undefined;

const DEPLOYMENT_TYPE_ID = /^\d{1,10}$/;

/** The numbers in a DeploymentTypeId: a number, a numeric string ("4194" or "4194,4804"), or a list of either. */
function deploymentTypeIds(value: unknown): { ids: number[]; bad: string[] } {
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  // Sets: "46,46,…" repeated a million times is one id (and at most one error), not a million.
  const ids = new Set<number>();
  const bad = new Set<string>();
  for (const item of items) {
    const raw = typeof item === 'string' ? item.trim() : item;
    const id = typeof raw === 'number' ? raw : typeof raw === 'string' && DEPLOYMENT_TYPE_ID.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647) ids.add(id);
    else bad.add(printable(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : (JSON.stringify(raw) ?? String(raw))));
  }
  return { ids: [...ids], bad: [...bad] };
}

const DELETE_OPT_OUT = new Map<unknown, boolean>([
  [0, false],
  [1, true],
  ['0', false],
  ['1', true],
  [false, false],
  [true, true],
]);

const LEVEL_KEYS: Record<OptInQueue, Array<[OptInLevel, string]>> = {
  [OptInQueue.OPT_IN]: [
    [OptInLevel.CLIENT, 'ClientOptIn'],
    [OptInLevel.BRAND, 'BrandOptIn'],
    [OptInLevel.DEPLOYMENT_TYPE, 'DeploymentTypeOptIn'],
  ],
  [OptInQueue.OPT_OUT]: [
    [OptInLevel.CLIENT, 'ClientOptOut'],
    [OptInLevel.BRAND, 'BrandOptOut'],
    [OptInLevel.DEPLOYMENT_TYPE, 'DeploymentTypeOptOut'],
  ],
};

/**
 * Maps a queue body to the service's request. Entries whose form is wrong (a DeploymentTypeId
 * that is no number, a DeleteOptOut other than 0/1, ...) become `problems`, one per item, so the
 * reply can list every failing item; the rest are checked by the service. Unknown keys are ignored.
 */
export function toOptInRequest(queue: OptInQueue, body: unknown): OptInRequest {
  const entries: OptInEntry[] = [];
  const problems: string[] = [];
  if (!isObject(body)) return { queue, entries, problems: [msg.emptySubmission(queue)] };
  for (const [level, key] of LEVEL_KEYS[queue]) {
    const list = listOf(body[key]);
    if (list === null) {
      problems.push(msg.notAnEntry(level, queue, 1));
      continue;
    }
    for (const [index, item] of list.entries()) {
      const position = index + 1;
      if (!isObject(item)) {
        problems.push(msg.notAnEntry(level, queue, position));
        continue;
      }
      const email = text(item.EmailAddress);
      if (email === undefined) {
        problems.push(msg.emailNotText(level, queue, position));
        continue;
      }
      const shown = printable((email ?? '').trim());
      const entry: OptInEntry = { level, position, email: email ?? '' };
      const before = problems.length;
      const bad = (problem: string) => problems.push(msg.badElement(level, queue, shown, problem));

      const source = text(item.Source);
      if (source === undefined) bad('Source element must be text');
      else entry.source = source;
      const promoCode = text(item.PromoCode);
      if (promoCode === undefined) bad('PromoCode element must be text');
      else entry.promoCode = promoCode;
      if (queue === OptInQueue.OPT_IN && item.DeleteOptOut !== undefined && item.DeleteOptOut !== null) {
        const flag = DELETE_OPT_OUT.get(typeof item.DeleteOptOut === 'string' ? item.DeleteOptOut.trim() : item.DeleteOptOut);
        if (flag === undefined) bad('DeleteOptOut element must be 0 or 1');
        else entry.deleteOptOut = flag;
      }
      if (level === OptInLevel.BRAND) {
        const brands = (Array.isArray(item.BrandId) ? item.BrandId : [item.BrandId]).filter(
          (b) => b !== undefined && b !== null && b !== '',
        );
        if (brands.length === 0) bad('BrandId element is required');
        else if (brands.some((b) => text(b) === undefined)) bad('BrandId element must be a brand abbreviation or a list of them');
        else entry.brands = brands.map((b) => text(b)!.trim());
      }
      if (level === OptInLevel.DEPLOYMENT_TYPE) {
        const value = item.DeploymentTypeId;
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
          bad('DeploymentTypeId element is required');
        } else {
          const { ids, bad: wrong } = deploymentTypeIds(value);
          for (const shownId of wrong) problems.push(msg.deploymentTypeNotNumber(queue, shownId, shown));
          entry.deploymentTypeIds = ids;
        }
      }
      if (problems.length === before) entries.push(entry);
    }
  }
  return { queue, entries, problems: capErrors(problems) };
}

/** `Success` and `Messages` of an accepted opt-in: `Messages` first when present, as Omeda orders them. */
export function optInSuccessBody(submissionId: string, messages: readonly string[]): Record<string, unknown> {
  const base = { Submission: submissionId, Success: msg.SUCCESS_TEXT };
  return messages.length > 0 ? { Messages: messages.map((Message) => ({ Message })), ...base } : base;
}

/** An accepted opt-out: note the key `SubmissionId`, unlike opt-in. */
export const optOutSuccessBody = (submissionId: string): Record<string, unknown> => ({
  SubmissionId: submissionId,
  Success: msg.SUCCESS_TEXT,
});

/** A refused request, either queue or the lookup: one `Error` per message, in order. */
export const errorBody = (submissionId: string, errors: readonly string[]): Record<string, unknown> => ({
  Submission: submissionId,
  Errors: errors.map((Error) => ({ Error })),
});

/** One stored status as the lookup door shows it. */
export interface LookupFilter {
  source: string;
  typeId: number;
  status: OptStatus;
  brand: string;
  createdAt: Date;
  changedAt: Date;
}

/**
 * Omeda's datetime form, `2026-11-23 08:05:09`, on the wall clock of `timeZone`: Omeda writes
 * US Central time without a zone, and its clients parse the dates so (America/Chicago).
 */
export const omedaDate = (date: Date, timeZone: string): string => formatWallClock(date, timeZone);

/** The lookup door's reply: `Filters` (dates in `timeZone`), then the email as submitted and the request's uuid. */
export const lookupBody = (
  submissionId: string,
  email: string,
  filters: readonly LookupFilter[],
  timeZone: string,
): Record<string, unknown> => ({
  Filters: filters.map((f) => ({
    Source: f.source,
    DeploymentTypeId: f.typeId,
    Status: f.status,
    Brand: f.brand,
    CreatedDate: omedaDate(f.createdAt, timeZone),
    ChangedDate: omedaDate(f.changedAt, timeZone),
  })),
  EmailAddress: email,
  Submission: submissionId,
});

/** The root element of XML replies. */
export const XML_REPLY_ROOT = 'Response';

// Characters XML 1.0 cannot carry at all; replaced so a stray one in echoed input cannot break the reply.
const XML_INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapeXml = (value: string) =>
  value.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xmlElements(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => xmlElements(name, item)).join('');
  if (isObject(value))
    return `<${name}>${Object.entries(value)
      .map(([key, child]) => xmlElements(key, child))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A reply body in the request's format: JSON, or XML by the same mapping as requests (under `<Response>`). */
export function renderReply(body: Record<string, unknown>, format: OmedaFormat): string {
  if (format === 'json') return JSON.stringify(body);
  return `<?xml version="1.0" encoding="UTF-8"?>${xmlElements(XML_REPLY_ROOT, body)}`;
}
