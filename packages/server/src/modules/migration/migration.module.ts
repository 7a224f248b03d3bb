import { defineModule } from '../../gateway-module.js';
import { CredentialImportService, type CredentialImportDeps } from './credential-import.js';
import { DncImportService } from './dnc-import.js';
import { ImportResolver } from './import.resolver.js';
import { OptInImportService } from './optin-import.js';
import { LeadImportService } from './lead-import.js';

/** Moving to Leadgate: importing the credentials and ids vendors hold, and the history of past leads, DNC numbers and opt-ins. */
export const migrationModule = defineModule({
  name: 'migration',
  services: (deps: CredentialImportDeps) => ({
    credentialImport: new CredentialImportService(deps),
    leadImport: new LeadImportService(),
    dncImport: new DncImportService(),
    optInImport: new OptInImportService(),
  }),
  resolvers: ({ leadImport, dncImport, optInImport }) => [new ImportResolver(leadImport, dncImport, optInImport)],
});
