import { defineModule } from '../../gateway-module.js';
import { omedaRoutes, type OmedaServices } from './omeda.routes.js';

/** The opt-in queue doors (Omeda-compatible) and the lookup. */
export const omedaDoor = defineModule<OmedaServices>({
  name: 'opt-in doors',
  routes: (app, { orm, services, authenticate }) => omedaRoutes(app, { orm, authenticate, rateLimits: services.rateLimits, services }),
});
