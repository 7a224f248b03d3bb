import { isEmail } from '../fields/formats.js';
import { OptInLevel, OptInQueue, OptStatus } from './optin-enums.js';
import {
  badElement,
  brandNotAuthorized,
  brandWithoutTypes,
  deploymentTypeNotAuthorized,
  emptySubmission,
  invalidEmail,
  missingEmail,
  NO_VALID_BRANDS,
  optOutKept,
  tooManyChanges,
} from './optin-messages.js';

/** Source written when an opt-in entry names none (Omeda's default). */
export const DEFAULT_OPT_IN_SOURCE = 'Optin API 2';
/** Source written when an opt-out entry names none (Omeda's default). */
export const DEFAULT_OPT_OUT_SOURCE = 'Optout API 2';
/** Longest Source kept, in characters. */
export const MAX_SOURCE_LENGTH = 255;
/** Longest PromoCode kept, in characters. */
export const MAX_PROMO_CODE_LENGTH = 50;
/** Ledger writes one submission may make, every level together; more is refused (our limit). */
export const MAX_CHANGES_PER_SUBMISSION = 100_000;

/** One entry of a submission, as either door read it. */
export interface OptInEntry {
  level: OptInLevel;
  /** Where the entry stood in its level's list, from 1 (for messages); default its place among the entries read. */
  position?: number;
  /** As submitted; compared trimmed and lower-case. Empty when the entry had none. */
  email: string;
  /** DEPLOYMENT_TYPE entries: the deployment type numbers. */
  deploymentTypeIds?: readonly number[];
  /** BRAND entries: brand abbreviations, any case. */
  brands?: readonly string[];
  /** Opt-in only: an IN replaces an existing OUT. Default false. */
  deleteOptOut?: boolean;
  /** Default {@link DEFAULT_OPT_IN_SOURCE} or {@link DEFAULT_OPT_OUT_SOURCE}. */
  source?: string | null;
  promoCode?: string | null;
}

/** What a submission asks for, before it is checked against the account. */
export interface OptInRequest {
  queue: OptInQueue;
  entries: readonly OptInEntry[];
  /** Errors the door already found in the body's form; any of them refuses the submission. */
  problems?: readonly string[];
}

export interface CatalogType {
  id: string;
  typeId: number;
  brandId: string;
  active: boolean;
}

/** The account's brands and deployment types, and which brands the caller may act on. */
export interface OptInCatalog {
  /** Every brand of the account, by upper-case abbreviation. */
  brandIdsByAbbreviation: ReadonlyMap<string, string>;
  /** Every deployment type of the account, by number. */
  typesByNumber: ReadonlyMap<number, CatalogType>;
  /** The brands the caller may act on. */
  authorizedBrandIds: ReadonlySet<string>;
}

/** One ledger write an entry asks for. */
export interface OptInTarget {
  entry: OptInEntry;
  /** Lower-case. */
  email: string;
  type: CatalogType;
}

const LEVEL_ORDER = [OptInLevel.CLIENT, OptInLevel.BRAND, OptInLevel.DEPLOYMENT_TYPE];

/** The normalized email (trimmed, lower-case), or null when it is not an email address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return isEmail(email) ? email : null;
}

/**
 * Checks every entry against the catalog and expands it to the writes it asks for: client level,
 * the active deployment types of every authorized brand; brand level, the active deployment types
 * of the named brands; deployment-type level, exactly those listed (active or not). Entries are
 * taken level by level (client, brand, deployment type), each level in the order given. Returns
 * every error (one per failing item), or the writes when there is none.
 */
export function planTargets(request: OptInRequest, catalog: OptInCatalog): { errors: string[]; targets: OptInTarget[] } {
  const { queue } = request;
  const errors = [...(request.problems ?? [])];
  if (request.entries.length === 0 && errors.length === 0) return { errors: [emptySubmission(queue)], targets: [] };
  const activeByBrand = new Map<string, CatalogType[]>();
  for (const type of [...catalog.typesByNumber.values()].sort((a, b) => a.typeId - b.typeId)) {
    if (!type.active) continue;
    const list = activeByBrand.get(type.brandId) ?? [];
    list.push(type);
    activeByBrand.set(type.brandId, list);
  }
  const clientTypes = [...catalog.authorizedBrandIds].flatMap((id) => activeByBrand.get(id) ?? []).sort((a, b) => a.typeId - b.typeId);

  const targets: OptInTarget[] = [];
  let reportedNoBrands = false;
  const entries = LEVEL_ORDER.flatMap((level) =>
    request.entries.filter((e) => e.level === level).map((entry, index) => ({ entry, position: entry.position ?? index + 1 })),
  );
  for (const { entry, position } of entries) {
    // Echoed values lose control characters: PostgreSQL cannot store NUL, and a reply should not carry them.
    const shown = printable(entry.email.trim());
    if (!shown) {
      errors.push(missingEmail(entry.level, queue, position));
      continue;
    }
    const email = normalizeEmail(entry.email);
    if (email === null) {
      errors.push(invalidEmail(entry.level, queue, shown));
      continue;
    }
    if (CONTROL.test(entry.email) || CONTROL.test(entry.source ?? '') || CONTROL.test(entry.promoCode ?? '')) {
      errors.push(badElement(entry.level, queue, shown, 'EmailAddress, Source and PromoCode elements must not contain control characters'));
      continue;
    }
    if ((entry.source?.trim().length ?? 0) > MAX_SOURCE_LENGTH) {
      errors.push(badElement(entry.level, queue, shown, `Source element must be at most ${MAX_SOURCE_LENGTH} characters`));
      continue;
    }
    if ((entry.promoCode?.trim().length ?? 0) > MAX_PROMO_CODE_LENGTH) {
      errors.push(badElement(entry.level, queue, shown, `PromoCode element must be at most ${MAX_PROMO_CODE_LENGTH} characters`));
      continue;
    }
    const types = new Map<string, CatalogType>();
    switch (entry.level) {
      case OptInLevel.CLIENT:
        if (clientTypes.length === 0) {
          if (!reportedNoBrands) errors.push(NO_VALID_BRANDS);
          reportedNoBrands = true;
        }
        for (const type of clientTypes) types.set(type.id, type);
        break;
      case OptInLevel.BRAND:
        if (!entry.brands?.length) errors.push(badElement(entry.level, queue, shown, 'BrandId element is required'));
        // A brand named twice is one brand: checked, and reported, once.
        for (const abbreviation of [...new Set((entry.brands ?? []).map((b) => printable(b)))]) {
          const brandId = catalog.brandIdsByAbbreviation.get(abbreviation.trim().toUpperCase());
          if (brandId === undefined || !catalog.authorizedBrandIds.has(brandId)) {
            errors.push(brandNotAuthorized(queue, abbreviation, shown));
            continue;
          }
          const active = activeByBrand.get(brandId) ?? [];
          if (active.length === 0) errors.push(brandWithoutTypes(queue, abbreviation, shown));
          for (const type of active) types.set(type.id, type);
        }
        break;
      case OptInLevel.DEPLOYMENT_TYPE:
        if (!entry.deploymentTypeIds?.length) errors.push(badElement(entry.level, queue, shown, 'DeploymentTypeId element is required'));
        for (const typeId of new Set(entry.deploymentTypeIds ?? [])) {
          const type = catalog.typesByNumber.get(typeId);
          if (type === undefined || !catalog.authorizedBrandIds.has(type.brandId)) {
            errors.push(deploymentTypeNotAuthorized(queue, typeId, shown));
            continue;
          }
          types.set(type.id, type);
        }
        break;
    }
    for (const type of types.values()) targets.push({ entry, email, type });
  }
  if (errors.length === 0 && targets.length > MAX_CHANGES_PER_SUBMISSION) errors.push(tooManyChanges(MAX_CHANGES_PER_SUBMISSION));
  return errors.length > 0 ? { errors: capErrors(errors), targets: [] } : { errors, targets };
}

/** The ledger's current state of one (deployment type, email). */
export interface CurrentStatus {
  status: OptStatus;
  createdAt: Date;
}

/** The state a (deployment type, email) ends in after a submission. */
export interface NextStatus {
  type: CatalogType;
  email: string;
  status: OptStatus;
  source: string;
  promoCode: string | null;
  createdAt: Date;
  /** False when the email had no status for this deployment type before the submission. */
  existed: boolean;
}

/** One history row to write. */
export interface PlannedChange {
  type: CatalogType;
  email: string;
  level: OptInLevel;
  previousStatus: OptStatus | null;
  status: OptStatus;
  source: string;
  promoCode: string | null;
}

/** Key of a (deployment type, email) in the maps of {@link applyTargets}. */
export const statusKey = (typeRowId: string, email: string) => `${typeRowId}\u0000${email}`;

/**
 * Applies the writes in order over the current statuses: an opt-out always writes OUT; an opt-in
 * writes IN unless the email has an OUT and the entry did not set DeleteOptOut, which keeps the
 * OUT and adds a message. Later writes see earlier ones of the same submission.
 */
export function applyTargets(
  queue: OptInQueue,
  targets: readonly OptInTarget[],
  current: ReadonlyMap<string, CurrentStatus>,
  now: Date,
): { statuses: Map<string, NextStatus>; changes: PlannedChange[]; messages: string[] } {
  const statuses = new Map<string, NextStatus>();
  const changes: PlannedChange[] = [];
  const messages: string[] = [];
  const defaultSource = queue === OptInQueue.OPT_IN ? DEFAULT_OPT_IN_SOURCE : DEFAULT_OPT_OUT_SOURCE;
  for (const { entry, email, type } of targets) {
    const key = statusKey(type.id, email);
    const before = statuses.get(key) ?? current.get(key);
    const previousStatus = before?.status ?? null;
    if (queue === OptInQueue.OPT_IN && previousStatus === OptStatus.OUT && !entry.deleteOptOut) {
      messages.push(optOutKept(entry.level, entry.email.trim(), type.typeId));
      continue;
    }
    const status = queue === OptInQueue.OPT_IN ? OptStatus.IN : OptStatus.OUT;
    const source = entry.source?.trim() || defaultSource;
    const promoCode = entry.promoCode?.trim() || null;
    statuses.set(key, { type, email, status, source, promoCode, createdAt: before?.createdAt ?? now, existed: current.has(key) });
    changes.push({ type, email, level: entry.level, previousStatus, status, source, promoCode });
  }
  return { statuses, changes, messages };
}

/** Control characters, refused in text elements. */
const CONTROL = /[\u0000-\u001F\u007F]/;

/** A value as an error message may repeat it: control characters become "?". */
export const printable = (value: string): string => value.replace(/[\u0000-\u001F\u007F]/g, '?');

/** Most errors one refusal lists; a 1 MB body could otherwise produce a reply of many megabytes. */
export const MAX_LISTED_ERRORS = 100;

/** The first {@link MAX_LISTED_ERRORS} errors, then one line counting the rest (ours: Omeda names no limit). */
export function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  return [...errors.slice(0, MAX_LISTED_ERRORS), `${errors.length - MAX_LISTED_ERRORS} more errors were not listed.`];
}
