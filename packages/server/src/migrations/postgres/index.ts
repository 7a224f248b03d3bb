import { Migration20261127193000_drop_import_ledger_keys } from './Migration20261127193000_drop_import_ledger_keys.js';
import { Migration20261127191742_import_ledger_keys } from './Migration20261127191742_import_ledger_keys.js';
import { Migration20261127170000_idempotency_claims } from './Migration20261127170000_idempotency_claims.js';
import { Migration20261127180000_stat_counters } from './Migration20261127180000_stat_counters.js';
import { Migration20261127160512_optin_time_zone } from './Migration20261127160512_optin_time_zone.js';
import { Migration20261127153434_dnc_numeric_ids } from './Migration20261127153434_dnc_numeric_ids.js';
import { Migration20261123124046_delivery } from './Migration20261123124046_delivery.js';
import { Migration20261123121941_optins } from './Migration20261123121941_optins.js';
import { Migration20261123120651_dialer } from './Migration20261123120651_dialer.js';
import { Migration20261123112442_buyers } from './Migration20261123112442_buyers.js';
import { Migration20261123112356_rate_limit } from './Migration20261123112356_rate_limit.js';
import { Migration20261123105003_webhooks } from './Migration20261123105003_webhooks.js';
import { Migration20261123101902_rules_ledger } from './Migration20261123101902_rules_ledger.js';
import { Migration20261123100252_init } from './Migration20261123100252_init.js';
import type { MigrationObject } from '@mikro-orm/core';

/** postgres migrations in the order they apply (listed, so they run from source and from dist alike). */
export const postgresMigrations: MigrationObject[] = [
  { name: 'Migration20261123100252_init', class: Migration20261123100252_init },
  { name: 'Migration20261123101902_rules_ledger', class: Migration20261123101902_rules_ledger },
  { name: 'Migration20261123105003_webhooks', class: Migration20261123105003_webhooks },
  { name: 'Migration20261123112356_rate_limit', class: Migration20261123112356_rate_limit },
  { name: 'Migration20261123112442_buyers', class: Migration20261123112442_buyers },
  { name: 'Migration20261123120651_dialer', class: Migration20261123120651_dialer },
  { name: 'Migration20261123121941_optins', class: Migration20261123121941_optins },
  { name: 'Migration20261123124046_delivery', class: Migration20261123124046_delivery },
  { name: 'Migration20261127153434_dnc_numeric_ids', class: Migration20261127153434_dnc_numeric_ids },
  { name: 'Migration20261127160512_optin_time_zone', class: Migration20261127160512_optin_time_zone },
  { name: 'Migration20261127170000_idempotency_claims', class: Migration20261127170000_idempotency_claims },
  { name: 'Migration20261127180000_stat_counters', class: Migration20261127180000_stat_counters },
  { name: 'Migration20261127191742_import_ledger_keys', class: Migration20261127191742_import_ledger_keys },
  { name: 'Migration20261127193000_drop_import_ledger_keys', class: Migration20261127193000_drop_import_ledger_keys },
];
