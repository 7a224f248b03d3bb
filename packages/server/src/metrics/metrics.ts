import type { MikroORM } from '@mikro-orm/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Delivery } from '../modules/delivery/delivery.entity.js';
import { DeliveryStatus } from '../modules/delivery/delivery-enums.js';
import type { LeadEvents } from '../modules/leads/index.js';

/** What the database pool reports; knex's (tarn) pool has these. */
interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** Options for {@link GatewayMetrics}. */
export interface MetricsOptions {
  orm: MikroORM;
  leadEvents: LeadEvents;
  /** The clock that says which deliveries are due, default `() => new Date()`. */
  now?: () => Date;
}

/** Latency buckets, in seconds: the doors answer in milliseconds, deliveries may take seconds. */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways can run in one
 * process): requests per door with their status and latency, intake decisions by status and
 * reason, rate-limit refusals, the delivery queue, the database pool, and Node's own (event-loop
 * lag, memory, GC) from prom-client. Queue sizes and the pool are read when scraped.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'door' | 'method' | 'status'>;
  private readonly latency: Histogram<'door'>;
  private readonly refusals: Counter<'door'>;
  private readonly attempts: Counter<'outcome'>;
  private readonly attemptLatency: Histogram;
  private readonly unsubscribe: () => void;
  private processMetrics = false;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    const now = options.now ?? (() => new Date());
    this.requests = new Counter({
      name: 'leadgate_http_requests_total',
      help: 'HTTP requests answered, by door, method and status code.',
      labelNames: ['door', 'method', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'leadgate_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by door.',
      labelNames: ['door'],
      buckets: SECONDS,
      registers,
    });
    this.refusals = new Counter({
      name: 'leadgate_rate_limit_refusals_total',
      help: 'Requests refused for a spent rate-limit budget (HTTP 429), by door.',
      labelNames: ['door'],
      registers,
    });
    const decisions = new Counter({
      name: 'leadgate_lead_decisions_total',
      help: 'Intake decisions, by door, status and reason code (none for accepted leads).',
      labelNames: ['door', 'status', 'reason'],
      registers,
    });
    this.unsubscribe = options.leadEvents.subscribe((event) => {
      decisions.inc({ door: event.door.toLowerCase(), status: event.status, reason: event.reasonCode ?? 'none' });
    });
    this.attempts = new Counter({
      name: 'leadgate_delivery_attempts_total',
      help: 'Delivery attempts made by this process, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.attemptLatency = new Histogram({
      name: 'leadgate_delivery_attempt_duration_seconds',
      help: 'Time a delivery attempt took.',
      buckets: SECONDS,
      registers,
    });

    const { orm } = options;
    const count = (where: object) => orm.em.fork().count(Delivery, where);
    new Gauge({
      name: 'leadgate_deliveries_due',
      help: 'Deliveries waiting to be sent now (pending, due, not claimed).',
      registers,
      async collect() {
        const at = now();
        this.set(
          await count({
            status: DeliveryStatus.PENDING,
            nextAttemptAt: { $lte: at },
            $or: [{ lockedUntil: null }, { lockedUntil: { $lte: at } }],
          }),
        );
      },
    });
    new Gauge({
      name: 'leadgate_deliveries_in_flight',
      help: 'Deliveries a worker holds a claim on (being sent), in every gateway.',
      registers,
      async collect() {
        this.set(await count({ status: DeliveryStatus.PENDING, lockedUntil: { $gt: now() } }));
      },
    });
    new Gauge({
      name: 'leadgate_deliveries_dead_letters',
      help: 'Deliveries dead-lettered, waiting to be replayed (retryDelivery).',
      registers,
      async collect() {
        this.set(await count({ status: DeliveryStatus.DEAD_LETTER }));
      },
    });
    const pool = (): Pool | undefined => {
      const connection = orm.em.getConnection() as unknown as { getKnex?: () => { client: { pool?: Pool } } };
      return connection.getKnex?.().client.pool;
    };
    new Gauge({
      name: 'leadgate_db_pool_connections',
      help: 'Database connections of this process, by state (used, free, pending acquires, max).',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.numUsed());
        this.set({ state: 'free' }, p.numFree());
        this.set({ state: 'pending' }, p.numPendingAcquires());
        this.set({ state: 'max' }, p.max);
      },
    });
  }

  /**
   * The metrics in Prometheus' text format. Node's own (event-loop lag, memory, GC) start at the
   * first scrape: their monitors cost nothing in a gateway nobody scrapes.
   */
  async scrape(): Promise<string> {
    if (!this.processMetrics) {
      this.processMetrics = true;
      collectDefaultMetrics({ register: this.registry, prefix: 'leadgate_', eventLoopMonitoringPrecision: 10 });
    }
    return this.registry.metrics();
  }

  /** Records one answered request. */
  observeRequest(door: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ door, method, status: String(status) });
    this.latency.observe({ door }, seconds);
    if (status === 429) this.refusals.inc({ door });
  }

  /** Records one delivery attempt (the delivery worker calls it). */
  observeAttempt(outcome: string, durationMs: number): void {
    this.attempts.inc({ outcome });
    this.attemptLatency.observe(durationMs / 1000);
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}
