import { defineModule } from '../../gateway-module.js';
import type { IntakeService } from '../intake/index.js';
import { DialerInsertResolver } from './dialer-insert.resolver.js';
import { DialerInsertService } from './dialer-insert.service.js';

/** Inserts into dialer lists (the dialer door and insertDialerLead), over the intake. */
export const dialerInsertsModule = defineModule({
  name: 'dialer-inserts',
  services: ({ intake, now }: { intake: IntakeService; now: () => Date }) => ({ dialerInserts: new DialerInsertService(intake, now) }),
  resolvers: ({ dialerInserts }) => [new DialerInsertResolver(dialerInserts)],
});
