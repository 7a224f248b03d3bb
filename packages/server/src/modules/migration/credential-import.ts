import type { RequestContext } from '../../context.js';
import { AppError, badInput } from '../../errors/app-error.js';
import { hashSecret } from '../../auth/secrets.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { Account, findSeller, type AccountService } from '../accounts/index.js';
import { ApiKey, type ApiKeyService } from '../api-keys/index.js';
import { Campaign, type CampaignService, type CreateCampaignInput } from '../campaigns/index.js';
import { DialerCampaign, DialerList, type DialerCampaignService, type DialerListService } from '../dialer/index.js';
import { Source, SourceCampaign, type SourceService } from '../sources/index.js';

/**
 * The credentials and ids vendors already hold, to recreate in Leadgate unchanged (the file of
 * `leadgate import credentials`). Every entry is optional but `account`; each list entry takes
 * the same fields as the GraphQL input that creates it.
 */
export interface CredentialPlan {
  /** The account: its id, slug or code. */
  account: string;
  /** The account's code as vendors send it (an Opta compid). */
  accountCode?: string;
  /** CreateCampaignInput, with `id` the vendor's campaign id (an Opta campid). */
  campaigns?: Array<Omit<CreateCampaignInput, 'accountId'>>;
  /** Sources with the ids and auth keys vendors post with, and the campaigns to approve them for. */
  sources?: Array<{ id?: string; name: string; authKey?: string; campaignIds?: string[] }>;
  /** Dialer campaigns (found by name, else created) and their lists with the list_ids vendors insert into. */
  dialerCampaigns?: Array<{ name: string; campaignId?: string; lists?: Array<{ listId?: number; name: string }> }>;
  /** API tokens vendors send (a dialer auth_token), with the role they act with. */
  apiKeys?: Array<{ key: string; role: ApiKeyRole; sourceId?: string; name?: string }>;
}

/** What an import did, entry by entry: `created`, or `kept` when the same entry was already there. */
export interface CredentialReport {
  accountId: string;
  lines: Array<{ what: string; outcome: 'created' | 'kept' | 'changed' }>;
}

/** The services an import creates through, so it checks and stores exactly what GraphQL would. */
export interface CredentialImportDeps {
  accounts: AccountService;
  campaigns: CampaignService;
  sources: SourceService;
  apiKeys: ApiKeyService;
  dialerCampaigns: DialerCampaignService;
  dialerLists: DialerListService;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `value` read as a {@link CredentialPlan}: the shape only; the services check every value. */
export function toCredentialPlan(value: unknown): CredentialPlan {
  if (!isObject(value)) throw badInput('The credentials file must hold one JSON object');
  if (typeof value.account !== 'string' || !value.account.trim()) throw badInput("account (the account's id, slug or code) is required");
  for (const list of ['campaigns', 'sources', 'dialerCampaigns', 'apiKeys'] as const) {
    const entries = value[list];
    if (entries !== undefined && (!Array.isArray(entries) || !entries.every(isObject))) throw badInput(`${list} must be a list of objects`);
  }
  if (value.accountCode !== undefined && typeof value.accountCode !== 'string') throw badInput('accountCode must be a string');
  return value as unknown as CredentialPlan;
}

/**
 * Recreates the credentials and ids of a {@link CredentialPlan} in one transaction, all or
 * nothing: created through the same services (and checks) as GraphQL, with the platform key's
 * rights. Running a plan again keeps what it made (`kept`); an id or key that another account
 * holds is refused.
 */
export class CredentialImportService {
  constructor(private readonly deps: CredentialImportDeps) {}

  async run(ctx: RequestContext, plan: CredentialPlan, now = new Date()): Promise<CredentialReport> {
    return ctx.em.transactional(async (em) => {
      const tx: RequestContext = { ...ctx, em };
      const account = (await em.findOne(Account, { id: plan.account.trim() })) ?? (await findSeller(em, plan.account, now));
      if (!account) throw badInput(`No account "${plan.account}" (give its id, slug or code)`);
      const report: CredentialReport = { accountId: account.id, lines: [] };
      const step = async (what: string, fn: () => Promise<CredentialReport['lines'][number]['outcome']>) => {
        try {
          report.lines.push({ what, outcome: await fn() });
        } catch (error) {
          if (error instanceof AppError) throw new AppError(error.code, `${what}: ${error.message}`, error.details);
          throw error;
        }
      };
      if (plan.accountCode !== undefined) {
        await step(`account code ${plan.accountCode}`, async () => {
          if (plan.accountCode!.trim().toUpperCase() === account.code) return 'kept';
          await this.deps.accounts.update(tx, account.id, { code: plan.accountCode });
          return 'changed';
        });
      }
      for (const [i, input] of (plan.campaigns ?? []).entries()) {
        await step(`campaigns[${i}] ${input.id ?? input.name}`, async () => {
          if (input.id && (await em.findOne(Campaign, { id: input.id.trim(), account: account.id }))) return 'kept';
          await this.deps.campaigns.create(tx, { ...input, accountId: account.id } as CreateCampaignInput);
          return 'created';
        });
      }
      for (const [i, input] of (plan.sources ?? []).entries()) {
        await step(`sources[${i}] ${input.id ?? input.name}`, async () => {
          let source = input.id ? await em.findOne(Source, { id: input.id.trim(), account: account.id }) : null;
          const outcome = source ? 'kept' : 'created';
          source ??= (await this.deps.sources.create(tx, { accountId: account.id, name: input.name, id: input.id, authKey: input.authKey }))
            .source;
          for (const campaignId of input.campaignIds ?? []) {
            if (!(await em.findOne(SourceCampaign, { source: source.id, campaign: campaignId })))
              await this.deps.sources.approve(tx, { sourceId: source.id, campaignId });
          }
          return outcome;
        });
      }
      for (const [i, input] of (plan.dialerCampaigns ?? []).entries()) {
        await step(`dialerCampaigns[${i}] ${input.name}`, async () => {
          let dialerCampaign = await em.findOne(DialerCampaign, { account: account.id, name: input.name?.trim() });
          const outcome = dialerCampaign ? 'kept' : 'created';
          dialerCampaign ??= await this.deps.dialerCampaigns.create(tx, {
            accountId: account.id,
            name: input.name,
            campaignId: input.campaignId,
          });
          for (const [j, list] of (input.lists ?? []).entries()) {
            await step(`dialerCampaigns[${i}].lists[${j}] ${list.listId ?? list.name}`, async () => {
              const existing = list.listId != null ? await em.findOne(DialerList, { id: list.listId, account: account.id }) : null;
              if (existing) return 'kept';
              await this.deps.dialerLists.create(tx, {
                dialerCampaignId: String(dialerCampaign!.id),
                name: list.name,
                listId: list.listId,
              });
              return 'created';
            });
          }
          return outcome;
        });
      }
      for (const [i, input] of (plan.apiKeys ?? []).entries()) {
        await step(`apiKeys[${i}] ${input.name ?? input.role}`, async () => {
          if (typeof input.key === 'string' && (await em.findOne(ApiKey, { keyHash: hashSecret(input.key.trim()), account: account.id })))
            return 'kept';
          if (!Object.values(ApiKeyRole).includes(input.role))
            throw badInput(`role must be one of ${Object.values(ApiKeyRole).join(', ')}`, { field: 'role' });
          await this.deps.apiKeys.create(tx, {
            accountId: account.id,
            role: input.role,
            sourceId: input.sourceId,
            name: input.name,
            key: input.key,
          });
          return 'created';
        });
      }
      return report;
    });
  }
}
