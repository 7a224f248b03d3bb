import { defineModule } from '../../gateway-module.js';
import { marketplaceRoutes, type MarketplaceServices } from './leads.route.js';

/** The lead marketplace door, `POST /api/leads`. */
export const marketplaceDoor = defineModule<MarketplaceServices>({
  name: 'marketplace door',
  routes: (app, { orm, services }) => marketplaceRoutes(app, { orm, services }),
});
