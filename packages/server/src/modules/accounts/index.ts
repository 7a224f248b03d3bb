export { Account, OPT_IN_TIME_ZONE } from './account.entity.js';
export { AccountService, ACCOUNT_CODE, ACCOUNT_SLUG, slugify } from './account.service.js';
export { AccountSlugAlias, SLUG_ALIAS_DAYS } from './account-slug-alias.entity.js';
export { findSeller } from './find-seller.js';
export { AccountResolver } from './account.resolver.js';
