export { CredentialImportService, toCredentialPlan, type CredentialPlan, type CredentialReport } from './credential-import.js';
export { LeadImportService, IMPORT_SOURCE_NAME, type LeadImportTarget } from './lead-import.js';
export { runRows, type ImportOptions, type ImportSummary } from './import-runner.js';
export { importRows, formatOfName, type ImportFormat, type ImportRow } from './import-rows.js';
export { parseMapping } from './column-map.js';
export { DncImportService } from './dnc-import.js';
export { OptInImportService } from './optin-import.js';
export { migrationModule } from './migration.module.js';
