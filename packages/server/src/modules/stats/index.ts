export { LeadStats, StatBucket } from './lead-stats.types.js';
export { LeadStatsService } from './lead-stats.service.js';
export { LeadStatsResolver } from './lead-stats.resolver.js';
