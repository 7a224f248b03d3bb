import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { ApiKeyResolver } from './auth/api-key.resolver.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { AccountResolver } from './modules/accounts/account.resolver.js';
import { AccountService } from './modules/accounts/account.service.js';
import { CampaignResolver } from './modules/campaigns/campaign.resolver.js';
import { CampaignService } from './modules/campaigns/campaign.service.js';
import { ZipTargetingService } from './modules/campaigns/zip-targeting.service.js';
import { BlockResolver } from './modules/blocks/block.resolver.js';
import { LeadStatsResolver } from './modules/stats/lead-stats.resolver.js';
import { WebhookResolver } from './modules/webhooks/webhook.resolver.js';
import { WebhookService } from './modules/webhooks/webhook.service.js';
import { InstructionsResolver } from './modules/instructions/instructions.resolver.js';
import { InstructionsService } from './modules/instructions/instructions.service.js';
import { LeadStatsService } from './modules/stats/lead-stats.service.js';
import { BlockService } from './modules/blocks/block.service.js';
import { IntakeService, type IntakeOptions } from './modules/leads/intake.service.js';
import { IntakeCache } from './modules/leads/intake-cache.js';
import { LeadEvents } from './modules/leads/lead-events.js';
import { RedistributionService } from './modules/routing/redistribution.service.js';
import { RoutingResolver } from './modules/routing/routing.resolver.js';
import { LeadResolver } from './modules/leads/lead.resolver.js';
import { LeadService } from './modules/leads/lead.service.js';
import { SourceResolver } from './modules/sources/source.resolver.js';
import { SourceCampaignResolver } from './modules/sources/source-campaign.resolver.js';
import { SourceService } from './modules/sources/source.service.js';
import { BuyerResolver } from './modules/buyers/buyer.resolver.js';
import { BuyerService } from './modules/buyers/buyer.service.js';
import { LeadSalesResolver } from './modules/buyers/lead-sales.resolver.js';
import { PriceRuleResolver } from './modules/buyers/price-rule.resolver.js';
import {
  DialerCampaignResolver, DialerCampaignService, DialerInsertService, DialerLeadResolver, DialerLeadService, DialerListResolver,
  DialerListService, DncResolver, DncService, HopperResolver, HopperService,
} from './modules/dialer/index.js';
import {
  BrandResolver, BrandService, DeploymentTypeResolver, DeploymentTypeService, OptInAppIdResolver, OptInAppIdService, OptInResolver, OptInService,
  OptInSubmissionResolver,
} from './modules/optins/index.js';
import {
  DeliveryNotifier, DeliveryResolver, DeliveryService, DestinationResolver, DestinationService, LeadDeliveriesResolver,
} from './modules/delivery/index.js';
import { LeadFeedResolver, LiveFeed, LocalFeedBus, type FeedBus } from './modules/live-feed/index.js';
import { RateLimitService } from './rate-limit/rate-limit.service.js';
import { DEFAULT_REQUESTS_PER_MINUTE } from './rate-limit/limits.js';

/** The services behind every door; one set per app. */
export interface Services {
  accounts: AccountService;
  campaigns: CampaignService;
  zipTargeting: ZipTargetingService;
  blocks: BlockService;
  sources: SourceService;
  apiKeys: ApiKeyService;
  intake: IntakeService;
  leads: LeadService;
  stats: LeadStatsService;
  webhooks: WebhookService;
  instructions: InstructionsService;
  buyers: BuyerService;
  redistribution: RedistributionService;
  dialerCampaigns: DialerCampaignService;
  dialerLists: DialerListService;
  dialerLeads: DialerLeadService;
  dialerInserts: DialerInsertService;
  hopper: HopperService;
  dnc: DncService;
  brands: BrandService;
  deploymentTypes: DeploymentTypeService;
  optInAppIds: OptInAppIdService;
  optIns: OptInService;
  destinations: DestinationService;
  deliveries: DeliveryService;
  /** Tells delivery workers that deliveries were queued. */
  deliveryNotifier: DeliveryNotifier;
  /** Every intake decision, once committed: the live feed and metrics listen here. */
  leadEvents: LeadEvents;
  /** The live feed (`leadDecided`): every committed decision, masked, to subscribers on every gateway. */
  liveFeed: LiveFeed;
  /** The clock of every time-dependent service, default `() => new Date()` (tests pass their own). */
  now: () => Date;
  /** Per-API-key request budgets (GraphQL mutations and the REST doors count against the same one). */
  rateLimits: RateLimitService;
}

/** Options for {@link createServices}. */
export interface ServicesOptions {
  intake?: IntakeOptions;
  rateLimits?: RateLimitService;
  /** The clock, default `() => new Date()`; the intake uses it too unless `intake.now` is given. */
  now?: () => Date;
  /** Attempts of a new destination's deliveries, default `8` (DELIVERY_MAX_ATTEMPTS). */
  deliveryMaxAttempts?: number;
  /** What carries the live feed between gateways, default this process only. */
  feedBus?: FeedBus;
}

export function createServices(options: ServicesOptions = {}): Services {
  const now = options.now ?? (() => new Date());
  // One configuration cache: the intake reads it, the services that change configuration invalidate it.
  const cache = options.intake?.cache ?? new IntakeCache();
  const deliveryNotifier = new DeliveryNotifier();
  const leadEvents = new LeadEvents();
  const liveFeed = new LiveFeed(options.feedBus ?? new LocalFeedBus());
  liveFeed.listen(leadEvents);
  const intake = new IntakeService({ now, deliveries: deliveryNotifier, events: leadEvents, ...options.intake, cache });
  const dialerCampaigns = new DialerCampaignService();
  const dialerLists = new DialerListService(dialerCampaigns);
  const redistribution = new RedistributionService(undefined, now, deliveryNotifier);
  const brands = new BrandService();
  return {
    accounts: new AccountService(),
    campaigns: new CampaignService(cache),
    zipTargeting: new ZipTargetingService(cache),
    blocks: new BlockService(cache),
    sources: new SourceService(cache),
    apiKeys: new ApiKeyService(),
    intake,
    leads: new LeadService(),
    stats: new LeadStatsService(),
    webhooks: new WebhookService(intake),
    instructions: new InstructionsService(cache),
    // A buyer that appears, resumes or gets room is offered the account's pending leads at once.
    buyers: new BuyerService((em, accountId) => redistribution.forAccount(em, accountId).then(() => undefined)),
    redistribution,
    dialerCampaigns,
    dialerLists,
    dialerLeads: new DialerLeadService(dialerLists),
    dialerInserts: new DialerInsertService(intake, now),
    hopper: new HopperService(now, dialerLists),
    dnc: new DncService(dialerCampaigns),
    brands,
    deploymentTypes: new DeploymentTypeService(brands),
    optInAppIds: new OptInAppIdService(),
    optIns: new OptInService(now),
    destinations: new DestinationService(options.deliveryMaxAttempts ?? 8, cache),
    deliveries: new DeliveryService(now, deliveryNotifier),
    deliveryNotifier,
    leadEvents,
    liveFeed,
    now,
    // In memory at the default limit unless given one (createApp builds it from the configuration).
    rateLimits: options.rateLimits ?? new RateLimitService({ defaultLimit: DEFAULT_REQUESTS_PER_MINUTE }),
  };
}

const RESOLVERS = [AccountResolver, CampaignResolver, SourceResolver, SourceCampaignResolver, ApiKeyResolver, LeadResolver, BlockResolver, LeadStatsResolver, WebhookResolver, InstructionsResolver, BuyerResolver, PriceRuleResolver, LeadSalesResolver, RoutingResolver,
  DialerCampaignResolver, DialerListResolver, DialerLeadResolver, HopperResolver, DncResolver,
  BrandResolver, DeploymentTypeResolver, OptInAppIdResolver, OptInResolver, OptInSubmissionResolver,
  DestinationResolver, DeliveryResolver, LeadDeliveriesResolver, LeadFeedResolver] as const;

/** Resolver instances wired to `services` (type-graphql asks the container for each class). */
function containerFor(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [AccountResolver, new AccountResolver(services.accounts)],
    [CampaignResolver, new CampaignResolver(services.campaigns, services.zipTargeting)],
    [BlockResolver, new BlockResolver(services.blocks)],
    [LeadStatsResolver, new LeadStatsResolver(services.stats)],
    [WebhookResolver, new WebhookResolver(services.webhooks)],
    [InstructionsResolver, new InstructionsResolver(services.instructions)],
    [SourceResolver, new SourceResolver(services.sources)],
    [SourceCampaignResolver, new SourceCampaignResolver()],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
    [LeadResolver, new LeadResolver(services.intake, services.leads)],
    [BuyerResolver, new BuyerResolver(services.buyers)],
    [PriceRuleResolver, new PriceRuleResolver()],
    [LeadSalesResolver, new LeadSalesResolver()],
    [RoutingResolver, new RoutingResolver(services.redistribution)],
    [DialerCampaignResolver, new DialerCampaignResolver(services.dialerCampaigns)],
    [DialerListResolver, new DialerListResolver(services.dialerLists, services.now)],
    [DialerLeadResolver, new DialerLeadResolver(services.dialerInserts, services.dialerLeads)],
    [HopperResolver, new HopperResolver(services.hopper)],
    [DncResolver, new DncResolver(services.dnc)],
    [BrandResolver, new BrandResolver(services.brands)],
    [DeploymentTypeResolver, new DeploymentTypeResolver(services.deploymentTypes)],
    [OptInAppIdResolver, new OptInAppIdResolver(services.optInAppIds)],
    [OptInResolver, new OptInResolver(services.optIns)],
    [OptInSubmissionResolver, new OptInSubmissionResolver(services.optIns)],
    [DestinationResolver, new DestinationResolver(services.destinations, services.now)],
    [DeliveryResolver, new DeliveryResolver(services.deliveries)],
    [LeadDeliveriesResolver, new LeadDeliveriesResolver()],
    [LeadFeedResolver, new LeadFeedResolver()],
  ]);
  return { get: (cls) => instances.get(cls) };
}

/** The public GraphQL schema; `services` defaults to a fresh set (enough to print the schema). */
export function buildGatewaySchema(services: Services = createServices()): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, container: containerFor(services), validate: false, pubSub: services.liveFeed });
}
