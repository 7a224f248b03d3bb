export { CredentialImportService, toCredentialPlan, type CredentialPlan, type CredentialReport } from './credential-import.js';
export { LeadImportService, IMPORT_SOURCE_NAME, parseReceivedAt, type ImportOptions, type ImportSummary, type LeadImportTarget } from './lead-import.js';
export { importRows, formatOfName, type ImportFormat, type ImportRow } from './import-rows.js';
export { parseMapping } from './column-map.js';
export { migrationModule } from './migration.module.js';
