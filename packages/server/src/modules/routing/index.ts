export { route, type RouteResult, type RoutingCampaign } from './router.js';
export { RedistributionService, MAX_REDISTRIBUTED } from './redistribution.service.js';
export { RoutingResolver } from './routing.resolver.js';
