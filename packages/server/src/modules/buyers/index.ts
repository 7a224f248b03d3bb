export { Buyer } from './buyer.entity.js';
export { BuyerStatus } from './buyer-status.js';
export { Sale } from './sale.entity.js';
export { PriceRule, PriceRuleInput } from './price-rule.js';
export { BuyerService, type BuyersChanged } from './buyer.service.js';
export { BuyerResolver } from './buyer.resolver.js';
export { PriceRuleResolver } from './price-rule.resolver.js';
export { LeadSalesResolver, salesOfLead } from './lead-sales.resolver.js';
export { buyerAdmits, buyerPriceCents, type BuyerRules, type LeadFieldGetter } from './buyer-match.js';
export { inSchedule } from './schedule.js';
/** Seller lookup lives with accounts; re-exported for the marketplace door. */
export { findSeller } from '../accounts/find-seller.js';
