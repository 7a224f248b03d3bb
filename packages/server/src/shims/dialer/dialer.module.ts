import { defineModule } from '../../gateway-module.js';
import { dialerRoutes, type DialerServices } from './dialer.routes.js';

/** The dialer doors, `/v1/leads/insert` and `/v1/dnc/*`. */
export const dialerDoor = defineModule<DialerServices>({
  name: 'dialer door',
  routes: (app, { orm, services }) => dialerRoutes(app, { orm, services }),
});
