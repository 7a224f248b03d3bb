import { Migration } from '@mikro-orm/migrations';

/**
 * Leads keep only their composite indexes: (account, received_at), (campaign, received_at) and
 * (source, received_at) serve every lookup the single-column ones did, and each index costs every
 * insert a b-tree write. (PostgreSQL never had the single-column ones.)
 */
export class Migration20261127200000_lean_lead_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists `leads_account_id_index`;');
    this.addSql('drop index if exists `leads_campaign_id_index`;');
    this.addSql('drop index if exists `leads_source_id_index`;');
  }

  override async down(): Promise<void> {
    this.addSql('create index `leads_account_id_index` on `leads` (`account_id`);');
    this.addSql('create index `leads_campaign_id_index` on `leads` (`campaign_id`);');
    this.addSql('create index `leads_source_id_index` on `leads` (`source_id`);');
  }
}
