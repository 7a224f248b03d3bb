import { requireAdmin, requireKey, requireReadAccess, resolveAccountId } from '../../auth/caller.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { newSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors/app-error.js';
import { isPublicId } from '../../shared/ids.js';
import { requireIntRange, requireText } from '../../shared/validate.js';
import { Buyer } from '../buyers/buyer.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { CUSTOM_FIELD_NAME, isStandardField } from '../fields/lead-fields.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { Delivery } from './delivery.entity.js';
import { DeliveryStatus, DestinationFormat } from './delivery-enums.js';
import { Destination } from './destination.entity.js';
import type { CreateDestinationInput, DestinationSettingsInput, UpdateDestinationInput } from './destination.inputs.js';
import type { FieldMap } from './field-map.js';
import { META_FIELDS } from './payload.js';

/** Headers the gateway sets itself; a destination cannot send its own. */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'host', 'user-agent', 'connection', 'transfer-encoding']);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

/** Prefix of destination signing secrets. */
export const DESTINATION_SECRET_PREFIX = 'lgd_';

function validateUrl(raw: string): string {
  const url = requireText(raw, 'url', 2000);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput('url must be an absolute http or https URL', { field: 'url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw badInput('url must be an absolute http or https URL', { field: 'url' });
  return url;
}

function validateMapping(entries: readonly FieldMap[]): FieldMap[] {
  if (entries.length > 200) throw badInput('fieldMapping may have at most 200 entries', { field: 'fieldMapping' });
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const field = `fieldMapping.${i}`;
    const to = requireText(entry.to, `${field}.to`, 100);
    if (seen.has(to)) throw badInput(`${field}.to: "${to}" is mapped twice`, { field });
    seen.add(to);
    const from = entry.from?.trim() || null;
    const value = entry.value ?? null;
    if ((from === null) === (value === null)) throw badInput(`${field}: give exactly one of from and value`, { field });
    if (from !== null && !isStandardField(from) && !(META_FIELDS as readonly string[]).includes(from) && !CUSTOM_FIELD_NAME.test(from)) {
      throw badInput(`${field}.from: "${from}" is not a field name`, { field });
    }
    if (value !== null && value.length > 1000) throw badInput(`${field}.value must be at most 1000 characters`, { field });
    return { to, from, value, format: entry.format ?? null };
  });
}

function validateHeaders(raw: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(raw);
  if (entries.length > 20) throw badInput('headers may have at most 20 entries', { field: 'headers' });
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw badInput(`headers: "${name}" is not a header name`, { field: 'headers' });
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('x-leadgate-'))
      throw badInput(`headers: ${name} is set by Leadgate`, { field: 'headers' });
    if (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 2000) {
      throw badInput(`headers.${name} must be a single-line string of at most 2000 characters`, { field: 'headers' });
    }
    out[lower] = value;
  }
  return out;
}

const optionalText = (value: string | null | undefined, field: string) =>
  value == null || value === '' ? null : requireText(value, field, 200);

/** Destinations: ADMIN keys of the account manage them, ADMIN and READER keys read them. */
export class DestinationService {
  constructor(
    private readonly defaultMaxAttempts = 8,
    private readonly cache?: ConfigChanges,
  ) {}

  async create(ctx: RequestContext, input: CreateDestinationInput): Promise<{ destination: Destination; secret: string }> {
    if (!input.campaignId === !input.buyerId) throw badInput('Give exactly one of campaignId and buyerId', { field: 'campaignId' });
    const owner = input.campaignId
      ? await ctx.em.findOne(Campaign, { id: input.campaignId })
      : await ctx.em.findOne(Buyer, { id: input.buyerId! });
    if (!owner) throw notFound(input.campaignId ? 'Campaign' : 'Buyer');
    requireReadAccess(ctx.caller, owner.account.id, input.campaignId ? 'Campaign' : 'Buyer');
    requireAdmin(ctx.caller, owner.account.id);
    const secret = newSecret(DESTINATION_SECRET_PREFIX);
    const destination = ctx.em.create(Destination, {
      account: owner.account,
      campaign: input.campaignId ? (owner as Campaign) : null,
      buyer: input.buyerId ? (owner as Buyer) : null,
      name: requireText(input.name, 'name', 200),
      url: validateUrl(input.url ?? ''),
      secret,
      secretPreview: secretPreview(secret),
      maxAttempts: this.defaultMaxAttempts,
    });
    this.apply(destination, input);
    await ctx.em.flush();
    this.invalidate(destination);
    return { destination, secret };
  }

  async update(ctx: RequestContext, id: string, input: UpdateDestinationInput): Promise<Destination> {
    const destination = await this.get(ctx, id);
    requireAdmin(ctx.caller, destination.account.id);
    if (input.name != null) destination.name = requireText(input.name, 'name', 200);
    if (input.url != null) destination.url = validateUrl(input.url);
    this.apply(destination, input);
    await ctx.em.flush();
    this.invalidate(destination);
    return destination;
  }

  /** A new signing secret (shown once); the old one stops signing at once. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<{ destination: Destination; secret: string }> {
    const destination = await this.get(ctx, id);
    requireAdmin(ctx.caller, destination.account.id);
    const secret = newSecret(DESTINATION_SECRET_PREFIX);
    destination.secret = secret;
    destination.secretPreview = secretPreview(secret);
    await ctx.em.flush();
    return { destination, secret };
  }

  /**
   * Deletes a destination (returns its id): it gets no new deliveries and its pending ones are
   * dead-lettered. The row is kept, hidden, for its deliveries' history and for leads being
   * accepted at this moment by gateways that still have it cached.
   */
  async delete(ctx: RequestContext, id: string, now: Date): Promise<string> {
    const destination = await this.get(ctx, id);
    requireAdmin(ctx.caller, destination.account.id);
    destination.deletedAt = now;
    destination.active = false;
    await ctx.em.flush();
    await ctx.em.nativeUpdate(
      Delivery,
      { destination, status: DeliveryStatus.PENDING },
      { status: DeliveryStatus.DEAD_LETTER, lastError: 'the destination was deleted', updatedAt: now },
    );
    this.invalidate(destination);
    return id;
  }

  async get(ctx: RequestContext, id: string): Promise<Destination> {
    const destination = isPublicId(id) ? await ctx.em.findOne(Destination, { id, deletedAt: null }) : null;
    if (!destination) throw notFound('Destination');
    const key = requireReadAccess(ctx.caller, destination.account.id, 'Destination');
    if (key.role === ApiKeyRole.SOURCE) throw notFound('Destination');
    return destination;
  }

  async list(
    ctx: RequestContext,
    filter: { accountId?: string | null; campaignId?: string | null; buyerId?: string | null },
  ): Promise<Destination[]> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) throw forbidden('A SOURCE key cannot read destinations');
    const where: Record<string, unknown> =
      key.accountId === null && !filter.accountId ? {} : { account: resolveAccountId(ctx.caller, filter.accountId) };
    where.deletedAt = null;
    if (filter.campaignId) where.campaign = filter.campaignId;
    if (filter.buyerId) where.buyer = filter.buyerId;
    return ctx.em.find(Destination, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private apply(destination: Destination, input: DestinationSettingsInput): void {
    if (input.format !== undefined) destination.format = input.format ?? DestinationFormat.JSON;
    if (input.fieldMapping !== undefined) destination.fieldMapping = validateMapping(input.fieldMapping ?? []);
    if (input.headers !== undefined) destination.headers = validateHeaders(input.headers ?? {});
    if (input.timeoutMs !== undefined) destination.timeoutMs = requireIntRange(input.timeoutMs ?? 10_000, 'timeoutMs', 100, 60_000);
    if (input.successJsonPath !== undefined) destination.successJsonPath = optionalText(input.successJsonPath, 'successJsonPath');
    if (input.successJsonEquals !== undefined)
      destination.successJsonEquals = input.successJsonEquals == null ? null : input.successJsonEquals.slice(0, 200);
    if (input.successSubstring !== undefined) destination.successSubstring = optionalText(input.successSubstring, 'successSubstring');
    if (destination.successJsonEquals !== null && destination.successJsonPath === null) {
      throw badInput('successJsonEquals needs successJsonPath', { field: 'successJsonEquals' });
    }
    if (input.maxAttempts !== undefined)
      destination.maxAttempts = requireIntRange(input.maxAttempts ?? this.defaultMaxAttempts, 'maxAttempts', 1, 20);
    if (input.active !== undefined) destination.active = input.active ?? true;
  }

  private invalidate(destination: Destination): void {
    // Campaign destinations ride along with the cached campaign the intake reads.
    if (destination.campaign) this.cache?.invalidateCampaign(destination.campaign.id);
    // Buyer destinations ride along with the cached buyers routing reads.
    if (destination.buyer) this.cache?.invalidateBuyers(destination.account.id);
  }
}
