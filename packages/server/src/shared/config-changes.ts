/**
 * What services that change configuration tell the intake's configuration cache, so the change
 * applies at once on this gateway (implemented by the intake's `IntakeCache`; declared here so
 * the services that change configuration need not depend on the intake).
 */
export interface ConfigChanges {
  invalidateCampaign(id: string): void;
  invalidateSource(accountId: string, sourceId: string): void;
  invalidateApproval(sourceId: string, campaignId: string): void;
  invalidateBlocks(accountId: string): void;
  /** The account's buyers or their destinations changed. */
  invalidateBuyers(accountId: string): void;
  /** An account's code or slug changed: the codes and slugs sellers are found by. */
  invalidateSellers(): void;
}
