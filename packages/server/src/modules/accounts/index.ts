export { Account } from './account.entity.js';
export { AccountService, slugify } from './account.service.js';
export { AccountResolver } from './account.resolver.js';
