import { ApiKey } from './modules/api-keys/api-key.entity.js';
import { Account } from './modules/accounts/account.entity.js';
import { AccountSlugAlias } from './modules/accounts/account-slug-alias.entity.js';
import { Buyer } from './modules/buyers/buyer.entity.js';
import { Sale } from './modules/buyers/sale.entity.js';
import { Campaign } from './modules/campaigns/campaign.entity.js';
import { BlockedValue } from './modules/blocks/blocked-value.entity.js';
import { CampaignZip } from './modules/campaigns/campaign-zip.entity.js';
import { CapCounter, DedupeKey, IdempotencyRecord } from './modules/ledger/ledger.entities.js';
import { Lead } from './modules/leads/lead.entity.js';
import { DialerCampaign, DialerLead, DialerList, DncNumber, HopperEntry } from './modules/dialer/index.js';
import { Brand, DeploymentType, OptInAppId, OptInChange, OptInStatus, OptInSubmission } from './modules/optins/index.js';
import { Delivery, DeliveryAttempt, Destination } from './modules/delivery/index.js';
import { WebhookSample } from './modules/webhooks/webhook-sample.entity.js';
import { SourceCampaign } from './modules/sources/source-campaign.entity.js';
import { Source } from './modules/sources/source.entity.js';

/** Every entity the ORM knows; migrations are generated from these. */
export const entities = [
  Account,
  Campaign,
  CampaignZip,
  Source,
  SourceCampaign,
  ApiKey,
  Lead,
  BlockedValue,
  DedupeKey,
  CapCounter,
  IdempotencyRecord,
  WebhookSample,
  AccountSlugAlias,
  Buyer,
  Sale,
  DialerCampaign,
  DialerList,
  DialerLead,
  HopperEntry,
  DncNumber,
  Brand,
  DeploymentType,
  OptInAppId,
  OptInStatus,
  OptInChange,
  OptInSubmission,
  Destination,
  Delivery,
  DeliveryAttempt,
];
