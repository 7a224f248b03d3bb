import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import { Sale } from '../buyers/sale.entity.js';
import { STANDARD_FIELD_NAMES } from '../campaigns/lead-fields.js';
import { retryAfterMs, retryDelayMs } from './backoff.js';
import { AttemptOutcome, DeliveryStatus } from './delivery-enums.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import type { DeliveryNotifier } from './delivery-notifier.js';
import { Delivery } from './delivery.entity.js';
import { Destination } from './destination.entity.js';
import { encodeBody, outboundFields } from './payload.js';
import { redactExcerpt } from './redact.js';
import { signatureHeader } from './signature.js';
import { failedSuccessRule } from './success-rule.js';

/** Options for {@link DeliveryWorker}; see the DELIVERY_* settings. */
export interface DeliveryWorkerOptions {
  /** The clock that schedules attempts, default `() => new Date()`. */
  now?: () => Date;
  /** How often to look for due deliveries when not told of new ones, default `1000` ms. */
  pollMs?: number;
  /** Deliveries sent at once by this process, default `4`. */
  concurrency?: number;
  /** Wait after the first failed attempt, tripled after each further one, default `60000` ms. */
  retryBaseMs?: number;
  /** How long a claim outlasts the destination's timeout, default `5000` ms: a crashed worker's deliveries are taken over after that. */
  leaseMarginMs?: number;
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** Jitter source, default `Math.random`. */
  random?: () => number;
}

/** Most of a reply read back, in bytes; the rest is not needed to judge it. */
const MAX_REPLY_BYTES = 64 * 1024;

interface Result {
  outcome: AttemptOutcome;
  httpStatus: number | null;
  error: string | null;
  reply: string | null;
  retryAfter: string | null;
}

/**
 * Sends queued deliveries. Each due delivery is claimed with a conditional update (a lease that
 * lapses if this process dies), so any number of workers, in any number of gateways sharing a
 * PostgreSQL database, never send one delivery at the same time; a delivery interrupted by a
 * crash is sent again once its lease lapses (at least once: receivers drop repeats by
 * `X-Leadgate-Delivery-Id`). Every attempt is recorded; failures are retried with exponential
 * backoff and jitter (or the receiver's Retry-After) until the attempts run out, then dead-lettered.
 */
export class DeliveryWorker {
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly leaseMarginMs: number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly notifier: DeliveryNotifier,
    private readonly options: DeliveryWorkerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 60_000;
    this.leaseMarginMs = options.leaseMarginMs ?? 5000;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.notifier.subscribe(() => this.kick());
    this.schedule(0);
  }

  /** Looks for due deliveries now instead of at the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Stops claiming and waits for the deliveries being sent (each ends within its timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      const room = this.concurrency - this.inFlight.size;
      if (room > 0) {
        for (const id of await this.claim(room)) {
          const sending = this.send(id).catch((error: unknown) => this.options.log?.error({ err: error, deliveryId: id }, 'delivery failed unexpectedly'));
          this.inFlight.add(sending);
          // A finished delivery frees a slot: look again at once.
          void sending.finally(() => {
            this.inFlight.delete(sending);
            this.kick();
          });
        }
      }
    } catch (error) {
      this.options.log?.error({ err: error }, 'delivery worker could not claim deliveries');
    } finally {
      this.ticking = false;
      if (!this.stopped) this.schedule(this.again ? 0 : this.pollMs);
      this.again = false;
    }
  }

  /** Claims up to `room` due deliveries, oldest due first; returns their ids. */
  private async claim(room: number): Promise<string[]> {
    const em = this.orm.em.fork();
    const now = this.now();
    const free = { $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] };
    const due = await em.find(Delivery, { status: DeliveryStatus.PENDING, nextAttemptAt: { $lte: now }, ...free }, {
      orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: room * 2, populate: ['destination'],
    });
    const claimed: string[] = [];
    for (const delivery of due) {
      if (claimed.length >= room) break;
      const lease = new Date(now.getTime() + delivery.destination.getEntity().timeoutMs + this.leaseMarginMs);
      // Conditional: of two workers that read it free, only one updates it.
      const won = await em.nativeUpdate(Delivery, { id: delivery.id, status: DeliveryStatus.PENDING, ...free }, { lockedUntil: lease, updatedAt: now });
      if (won === 1) claimed.push(delivery.id);
    }
    return claimed;
  }

  private async send(id: string): Promise<void> {
    const em = this.orm.em.fork();
    const delivery = await em.findOne(Delivery, { id }, { populate: ['destination', 'lead'] });
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;
    const destination = delivery.destination.getEntity();
    const lead = delivery.lead.getEntity();
    const sale = destination.buyer ? await em.findOne(Sale, { lead: lead.id, buyer: destination.buyer.id }) : null;
    const fields = Object.fromEntries(STANDARD_FIELD_NAMES.map((name) => [name, lead[name]]));
    const outbound = outboundFields({
      leadId: lead.id, campaignId: lead.campaign.id, sourceId: lead.source.id, receivedAt: lead.receivedAt, status: lead.status,
      price: (sale ? sale.priceCents : lead.priceCents) / 100, fields, extra: lead.extra,
    }, destination.fieldMapping);
    const { body, contentType } = encodeBody(outbound, destination.format);
    const number = delivery.attemptCount + 1;
    const startedAt = this.now();
    const started = performance.now();
    const result = await this.post(destination, body, {
      ...destination.headers,
      'content-type': contentType,
      'user-agent': 'Leadgate-Delivery/1',
      'x-leadgate-delivery-id': delivery.id,
      'x-leadgate-attempt': String(number),
      'x-leadgate-signature': signatureHeader(destination.secret, body, startedAt),
    });
    const durationMs = Math.round(performance.now() - started);
    const secrets = [destination.secret, ...Object.values(destination.headers), ...Object.values(fields), ...Object.values(lead.extra)];
    const now = this.now();
    await em.transactional(async (tx) => {
      tx.create(DeliveryAttempt, {
        delivery: delivery.id, number, startedAt, durationMs, httpStatus: result.httpStatus, outcome: result.outcome,
        error: result.error ? redactExcerpt(result.error, secrets) : null,
        responseExcerpt: result.reply === null ? null : redactExcerpt(result.reply, secrets),
      });
      const changes: Partial<Delivery> = { attemptCount: number, lockedUntil: null, updatedAt: now, lastError: result.error?.slice(0, 500) ?? null };
      if (result.outcome === AttemptOutcome.DELIVERED) {
        Object.assign(changes, { status: DeliveryStatus.DELIVERED, deliveredAt: now });
      } else if (result.outcome === AttemptOutcome.REFUSED || number >= delivery.maxAttempts) {
        changes.status = DeliveryStatus.DEAD_LETTER;
      } else {
        const wait = retryAfterMs(result.retryAfter, now) ?? retryDelayMs(number, this.retryBaseMs, this.random);
        changes.nextAttemptAt = new Date(now.getTime() + wait);
      }
      await tx.nativeUpdate(Delivery, { id: delivery.id }, changes);
    });
  }

  /** POSTs and judges the reply: 2xx meeting the success rule delivers; network errors, timeouts, 408, 429 and 5xx are worth retrying. */
  private async post(destination: Destination, body: string, headers: Record<string, string>): Promise<Result> {
    let status: number;
    let reply: string;
    let retryAfter: string | null;
    try {
      const res = await fetch(destination.url, {
        method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(destination.timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      reply = await readLimited(res);
    } catch (error) {
      const name = (error as Error).name;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const message = name === 'TimeoutError' || name === 'AbortError'
        ? `timed out after ${destination.timeoutMs} ms`
        : `network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
      return { outcome: AttemptOutcome.RETRYABLE, httpStatus: null, error: message, reply: null, retryAfter: null };
    }
    const base = { httpStatus: status, reply, retryAfter };
    if (status >= 200 && status < 300) {
      const failed = failedSuccessRule(
        { jsonPath: destination.successJsonPath, jsonEquals: destination.successJsonEquals, substring: destination.successSubstring },
        reply,
      );
      return failed ? { ...base, outcome: AttemptOutcome.REFUSED, error: `HTTP ${status}, but ${failed}` } : { ...base, outcome: AttemptOutcome.DELIVERED, error: null };
    }
    const retryable = status === 408 || status === 429 || status >= 500;
    return { ...base, outcome: retryable ? AttemptOutcome.RETRYABLE : AttemptOutcome.REFUSED, error: `HTTP ${status}` };
  }
}

/** The reply body as text, at most {@link MAX_REPLY_BYTES}. */
async function readLimited(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_REPLY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES).toString('utf8');
}
