export { LeadStats, StatBucket, StatCounts, StatInterval, StatPoint, StatTotals } from './lead-stats.types.js';
export { LeadStatsService, type LeadStatsOptions } from './lead-stats.service.js';
export { LeadStatsResolver } from './lead-stats.resolver.js';
export { statCounters, StatCounters } from './stat-counters.js';
