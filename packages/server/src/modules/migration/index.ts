export { CredentialImportService, toCredentialPlan, type CredentialPlan, type CredentialReport } from './credential-import.js';
export { migrationModule } from './migration.module.js';
