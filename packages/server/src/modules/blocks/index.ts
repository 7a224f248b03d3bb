export { BlockedValue, BlockKind } from './blocked-value.entity.js';
export { BlockService, normalizeBlockValue } from './block.service.js';
export { BlockResolver } from './block.resolver.js';
