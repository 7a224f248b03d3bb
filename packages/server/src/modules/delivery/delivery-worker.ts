import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import { Sale } from '../buyers/sale.entity.js';
import { STANDARD_FIELD_NAMES } from '../fields/lead-fields.js';
import { newId } from '../../shared/ids.js';
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
  /** Told of every attempt made (metrics); default nobody. */
  onAttempt?: (outcome: AttemptOutcome, durationMs: number) => void;
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
  private ticking: Promise<void> | null = null;
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

  /**
   * Stops claiming and waits for a claim under way and the deliveries being sent (each ends within
   * its destination's timeout, at most 60 s: keep SHUTDOWN_TIMEOUT_MS above it).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = this.claimAndSend().finally(() => {
      this.ticking = null;
      if (!this.stopped) this.schedule(this.again ? 0 : this.pollMs);
      this.again = false;
    });
    return this.ticking;
  }

  private async claimAndSend(): Promise<void> {
    try {
      const room = this.concurrency - this.inFlight.size;
      if (room <= 0) return;
      for (const claim of await this.claim(room)) {
        // Claimed but not sent: the claim lapses and another worker (or restart) sends it.
        if (this.stopped) return;
        const sending = this.send(claim).catch((error: unknown) =>
          this.options.log?.error({ err: error, deliveryId: claim.id }, 'delivery failed unexpectedly'),
        );
        this.inFlight.add(sending);
        // A finished delivery frees a slot: look again at once.
        void sending.finally(() => {
          this.inFlight.delete(sending);
          this.kick();
        });
      }
    } catch (error) {
      this.options.log?.error({ err: error }, 'delivery worker could not claim deliveries');
    }
  }

  /**
   * Claims up to `room` due deliveries, oldest due first. The conditional update repeats every
   * condition of the read (due, pending, not held), so a worker whose read went stale cannot take
   * a delivery another worker just released with a later retry time.
   */
  private async claim(room: number): Promise<Array<{ id: string; token: string }>> {
    const em = this.orm.em.fork();
    const now = this.now();
    const claimable = {
      status: DeliveryStatus.PENDING,
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
    };
    const due = await em.find(Delivery, claimable, {
      orderBy: { nextAttemptAt: 'asc', id: 'asc' },
      limit: room * 2,
      populate: ['destination'],
    });
    const claimed: Array<{ id: string; token: string }> = [];
    for (const delivery of due) {
      if (claimed.length >= room) break;
      const lease = new Date(now.getTime() + delivery.destination.getEntity().timeoutMs + this.leaseMarginMs);
      const token = newId('clm');
      const won = await em.nativeUpdate(
        Delivery,
        { id: delivery.id, ...claimable },
        { lockedUntil: lease, claimToken: token, updatedAt: now },
      );
      if (won === 1) claimed.push({ id: delivery.id, token });
    }
    return claimed;
  }

  private async send({ id, token }: { id: string; token: string }): Promise<void> {
    const em = this.orm.em.fork();
    const delivery = await em.findOne(Delivery, { id, claimToken: token }, { populate: ['destination', 'lead'] });
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;
    const destination = delivery.destination.getEntity();
    if (destination.deletedAt) {
      // Queued by a gateway that still had the destination cached when it was deleted.
      await em.nativeUpdate(
        Delivery,
        { id, claimToken: token },
        {
          status: DeliveryStatus.DEAD_LETTER,
          lockedUntil: null,
          claimToken: null,
          lastError: 'the destination was deleted',
          updatedAt: this.now(),
        },
      );
      return;
    }
    const lead = delivery.lead.getEntity();
    const sale = destination.buyer ? await em.findOne(Sale, { lead: lead.id, buyer: destination.buyer.id }) : null;
    const fields = Object.fromEntries(STANDARD_FIELD_NAMES.map((name) => [name, lead[name]]));
    const outbound = outboundFields(
      {
        leadId: lead.id,
        campaignId: lead.campaign.id,
        sourceId: lead.source.id,
        receivedAt: lead.receivedAt,
        status: lead.status,
        price: (sale ? sale.priceCents : lead.priceCents) / 100,
        fields,
        extra: lead.extra,
      },
      destination.fieldMapping,
    );
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
    this.options.onAttempt?.(result.outcome, durationMs);
    const secrets = [
      destination.secret,
      ...Object.values(destination.headers),
      ...urlSecrets(destination.url),
      ...Object.values(fields),
      ...Object.values(lead.extra),
    ];
    const error = result.error === null ? null : redactExcerpt(result.error, secrets);
    const attempt = {
      delivery: delivery.id,
      number,
      startedAt,
      durationMs,
      httpStatus: result.httpStatus,
      outcome: result.outcome,
      error,
      responseExcerpt: result.reply === null ? null : redactExcerpt(result.reply, secrets),
    };
    try {
      await em.transactional(async (tx) => {
        tx.create(DeliveryAttempt, attempt);
        // Read again under our claim: a replay may have raised the budget meanwhile.
        const current = await tx.findOne(Delivery, { id: delivery.id, claimToken: token });
        if (current) await tx.nativeUpdate(Delivery, { id: delivery.id, claimToken: token }, this.outcome(current, number, result, error));
      });
    } catch (failure) {
      // Recording failed: still count the attempt and settle the delivery, or its lapsed claim
      // would send it again and again without ever reaching maxAttempts.
      this.options.log?.error({ err: failure, deliveryId: delivery.id }, 'could not record a delivery attempt');
      await em.fork().nativeUpdate(
        Delivery,
        { id: delivery.id, claimToken: token },
        {
          ...this.outcome(delivery, number, result, 'the attempt could not be recorded'),
          lastError: 'the attempt could not be recorded',
        },
      );
    }
  }

  /** The delivery's new state after attempt `number` ended in `result`. */
  private outcome(delivery: Delivery, number: number, result: Result, error: string | null): Partial<Delivery> {
    const now = this.now();
    const changes: Partial<Delivery> = {
      attemptCount: number,
      lockedUntil: null,
      claimToken: null,
      updatedAt: now,
      lastError: error?.slice(0, 500) ?? null,
    };
    if (result.outcome === AttemptOutcome.DELIVERED) return { ...changes, status: DeliveryStatus.DELIVERED, deliveredAt: now };
    if (result.outcome === AttemptOutcome.REFUSED || number >= delivery.maxAttempts)
      return { ...changes, status: DeliveryStatus.DEAD_LETTER };
    // Backoff counts from the start of the current budget, so a replay starts again at the base wait.
    const wait = retryAfterMs(result.retryAfter, now) ?? retryDelayMs(number - delivery.roundStart, this.retryBaseMs, this.random);
    return { ...changes, nextAttemptAt: new Date(now.getTime() + wait) };
  }

  /** POSTs and judges the reply: 2xx meeting the success rule delivers; network errors, timeouts, 408, 429 and 5xx are worth retrying. */
  private async post(destination: Destination, body: string, headers: Record<string, string>): Promise<Result> {
    let status: number;
    let reply: string;
    let retryAfter: string | null;
    try {
      const res = await fetch(destination.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(destination.timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      reply = await readLimited(res);
    } catch (error) {
      const name = (error as Error).name;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const message =
        name === 'TimeoutError' || name === 'AbortError'
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
      return failed
        ? { ...base, outcome: AttemptOutcome.REFUSED, error: `HTTP ${status}, but ${failed}` }
        : { ...base, outcome: AttemptOutcome.DELIVERED, error: null };
    }
    const retryable = status === 408 || status === 429 || status >= 500;
    return { ...base, outcome: retryable ? AttemptOutcome.RETRYABLE : AttemptOutcome.REFUSED, error: `HTTP ${status}` };
  }
}

/** A URL's password and query values: credentials some receivers take in the URL. */
function urlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [decodeURIComponent(parsed.password), ...[...parsed.searchParams.values()]].filter((v) => v.length >= 6);
  } catch {
    return [];
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
