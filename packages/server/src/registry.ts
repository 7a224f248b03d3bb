import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { specifiedDirectives } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { IDEMPOTENT_DIRECTIVE, declareIdempotency } from './idempotency/index.js';
import type { GatewayModule } from './gateway-module.js';
import { accountsModule } from './modules/accounts/accounts.module.js';
import { apiKeysModule } from './modules/api-keys/api-keys.module.js';
import { blocksModule } from './modules/blocks/blocks.module.js';
import { buyersModule } from './modules/buyers/buyers.module.js';
import { campaignsModule } from './modules/campaigns/campaigns.module.js';
import { deliveryModule } from './modules/delivery/delivery.module.js';
import { DeliveryNotifier } from './modules/delivery/index.js';
import { dialerModule } from './modules/dialer/dialer.module.js';
import { dialerInsertsModule } from './modules/dialer-inserts/dialer-inserts.module.js';
import { instructionsModule } from './modules/instructions/instructions.module.js';
import { IntakeCache } from './modules/intake/index.js';
import { intakeModule } from './modules/intake/intake.module.js';
import { LeadEvents } from './modules/leads/index.js';
import { leadsModule } from './modules/leads/leads.module.js';
import { LocalFeedBus, type FeedBus } from './modules/live-feed/index.js';
import { liveFeedModule } from './modules/live-feed/live-feed.module.js';
import { migrationModule } from './modules/migration/migration.module.js';
import { optInsModule } from './modules/optins/optins.module.js';
import { routingModule } from './modules/routing/routing.module.js';
import { sourcesModule } from './modules/sources/sources.module.js';
import { statsModule } from './modules/stats/stats.module.js';
import { webhooksModule } from './modules/webhooks/webhooks.module.js';
import { DEFAULT_REQUESTS_PER_MINUTE } from './rate-limit/limits.js';
import { RateLimitService } from './rate-limit/rate-limit.service.js';
import { dialerDoor } from './shims/dialer/dialer.module.js';
import { marketplaceDoor } from './shims/marketplace/marketplace.module.js';
import { omedaDoor } from './shims/omeda/omeda.module.js';
import { optaDoor } from './shims/opta/opta.module.js';
import { webhookDoor } from './shims/webhook/webhook.module.js';

/**
 * Every module of the gateway, in the order their services are built: a module's services may
 * use those of the modules above it. Each brings its own resolvers and routes; the vendor doors
 * come after the features they serve.
 */
export const MODULES = [
  accountsModule,
  apiKeysModule,
  sourcesModule,
  campaignsModule,
  blocksModule,
  leadsModule,
  statsModule,
  liveFeedModule,
  routingModule,
  buyersModule,
  deliveryModule,
  dialerModule,
  intakeModule,
  webhooksModule,
  dialerInsertsModule,
  optInsModule,
  migrationModule,
  optaDoor,
  webhookDoor,
  marketplaceDoor,
  dialerDoor,
  omedaDoor,
  // The posting-instructions page documents the doors above.
  instructionsModule,
] as const;

/** What every module may use, made before any module. */
export interface Kernel {
  /** The clock of every time-dependent service, default `() => new Date()` (tests pass their own). */
  now: () => Date;
  /** The intake's configuration cache: the intake reads it, the services that change configuration invalidate it. */
  intakeCache: IntakeCache;
  /** The same cache, as the services that change configuration see it. */
  configChanges: IntakeCache;
  /** Tells delivery workers that deliveries were queued. */
  deliveryNotifier: DeliveryNotifier;
  /** Every intake decision, once committed: the live feed and metrics listen here. */
  leadEvents: LeadEvents;
  /** What carries the live feed between gateways. */
  feedBus: FeedBus;
  /** Per-API-key request budgets. */
  rateLimits: RateLimitService;
  /** Attempts of a new destination's deliveries before dead-lettering (DELIVERY_MAX_ATTEMPTS). */
  deliveryMaxAttempts: number;
}

type Module = (typeof MODULES)[number];
type ProvidedBy<M> = M extends GatewayModule<infer _N, infer P> ? P : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The services behind every door: the kernel and what every module provides. */
export type Services = Kernel & Intersection<ProvidedBy<Module>>;

/** Options for {@link createServices}. */
export interface ServicesOptions {
  /** Default: in memory at the default limit (createApp builds one from the configuration). */
  rateLimits?: RateLimitService;
  /** The clock, default `() => new Date()`. */
  now?: () => Date;
  /** Attempts of a new destination's deliveries, default `8` (DELIVERY_MAX_ATTEMPTS). */
  deliveryMaxAttempts?: number;
  /** The configuration cache, default a fresh one (2 s). */
  intakeCache?: IntakeCache;
  /** What carries the live feed between gateways, default this process only. */
  feedBus?: FeedBus;
}

/** Builds the kernel, then each module's services in order. */
export function createServices(options: ServicesOptions = {}): Services {
  const intakeCache = options.intakeCache ?? new IntakeCache();
  const built: Record<string, unknown> = {
    now: options.now ?? (() => new Date()),
    intakeCache,
    configChanges: intakeCache,
    deliveryNotifier: new DeliveryNotifier(),
    leadEvents: new LeadEvents(),
    feedBus: options.feedBus ?? new LocalFeedBus(),
    rateLimits: options.rateLimits ?? new RateLimitService({ defaultLimit: DEFAULT_REQUESTS_PER_MINUTE }),
    deliveryMaxAttempts: options.deliveryMaxAttempts ?? 8,
  } satisfies Kernel;
  for (const module of MODULES as readonly GatewayModule<object, object>[]) {
    Object.assign(built, module.services?.(requireBuilt(built, module.name)));
  }
  return built as Services;
}

/** The services built so far; reading one that is not there yet names the module and the service. */
function requireBuilt(built: Record<string, unknown>, moduleName: string): object {
  return new Proxy(built, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target))
        throw new Error(`Module ${moduleName} needs "${key}", which no module before it provides`);
      return target[key as string];
    },
  });
}

/** Every module's resolver instances, wired to `services`. */
export function resolversOf(services: Services): object[] {
  return (MODULES as readonly GatewayModule<object, object>[]).flatMap((module) => module.resolvers?.(services) ?? []);
}

/** The public GraphQL schema; `services` defaults to a fresh set (enough to print the schema). */
export function buildGatewaySchema(services: Services = createServices()): Promise<GraphQLSchema> {
  const instances = resolversOf(services);
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  const container: ContainerType = { get: (cls) => byClass.get(cls) };
  const resolvers = instances.map((instance) => instance.constructor) as unknown as [Function, ...Function[]];
  return buildSchema({
    resolvers,
    container,
    validate: false,
    pubSub: services.liveFeed,
    directives: [...specifiedDirectives, IDEMPOTENT_DIRECTIVE],
  }).then(declareIdempotency);
}
