import { createTenant, gqlOk, PLATFORM_KEY } from './helpers.js';

/** Brands of the opt-in fixture: deployment type numbers, and which are inactive. */
export const LAYOUT = {
  XXG: { types: [4194, 4804], inactive: [] as number[] },
  XXH: { types: [4807], inactive: [] as number[] },
  XXL: { types: [4900, 4901], inactive: [4900] },
  XXM: { types: [4950], inactive: [] as number[] },
  // Not among the app id's brands.
  NOPE: { types: [46], inactive: [] as number[] },
} as const;

/** The active deployment types the fixture's app id reaches at client level. */
export const CLIENT_TYPES = [4194, 4804, 4807, 4901, 4950];

export interface OptInTenant {
  url: string;
  accountId: string;
  slug: string;
  code: string;
  adminKey: string;
  readerKey: string;
  sourceKey: string;
  brandIds: Record<keyof typeof LAYOUT, string>;
  typeIds: Record<number, string>;
  /** The x-omeda-appid value, authorized for XXG, XXH, XXL and XXM. */
  appId: string;
  appIdRecord: string;
}

/** An account with the {@link LAYOUT} brands and deployment types, and an app id for all but NOPE. */
export async function optInTenant(url: string): Promise<OptInTenant> {
  const t = await createTenant(url);
  const { account } = await gqlOk(url, `query($id: ID!) { account(id: $id) { slug code } }`, { id: t.accountId }, t.adminKey);
  const { createApiKey } = await gqlOk(
    url,
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
    {
      i: { accountId: t.accountId, role: 'READER' },
    },
    PLATFORM_KEY,
  );
  const brandIds = {} as Record<keyof typeof LAYOUT, string>;
  const typeIds: Record<number, string> = {};
  for (const [abbreviation, { types, inactive }] of Object.entries(LAYOUT) as Array<
    [keyof typeof LAYOUT, (typeof LAYOUT)[keyof typeof LAYOUT]]
  >) {
    const { createBrand } = await gqlOk(
      url,
      `mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }`,
      {
        i: { abbreviation: abbreviation.toLowerCase(), name: `Brand ${abbreviation}` },
      },
      t.adminKey,
    );
    brandIds[abbreviation] = createBrand.id;
    for (const typeId of types) {
      const { createDeploymentType } = await gqlOk(
        url,
        `mutation($i: CreateDeploymentTypeInput!) { createDeploymentType(input: $i) { id } }`,
        {
          i: {
            brandId: createBrand.id,
            deploymentTypeId: typeId,
            name: `Type ${typeId}`,
            active: !(inactive as readonly number[]).includes(typeId),
          },
        },
        t.adminKey,
      );
      typeIds[typeId] = createDeploymentType.id;
    }
  }
  const { createOptInAppId } = await gqlOk(
    url,
    `mutation($i: CreateOptInAppIdInput!) { createOptInAppId(input: $i) { appId optInAppId { id } } }`,
    {
      i: { name: 'vendor', brandIds: [brandIds.XXG, brandIds.XXH, brandIds.XXL, brandIds.XXM] },
    },
    t.adminKey,
  );
  return {
    url,
    accountId: t.accountId,
    slug: account.slug,
    code: account.code,
    adminKey: t.adminKey,
    readerKey: createApiKey.key,
    sourceKey: t.sourceKey,
    brandIds,
    typeIds,
    appId: createOptInAppId.appId,
    appIdRecord: createOptInAppId.optInAppId.id,
  };
}

export type Queue = 'optinfilterqueue' | 'optoutfilterqueue';

/** POSTs a queue body; a string body is sent as is. */
export async function postQueue(
  t: Pick<OptInTenant, 'url' | 'slug' | 'appId'>,
  queue: Queue,
  body: unknown,
  options: { appId?: string | null; contentType?: string | null; suffix?: string; client?: string; method?: string } = {},
) {
  const headers: Record<string, string> = {};
  const appId = options.appId === undefined ? t.appId : options.appId;
  if (appId !== null) headers['x-omeda-appid'] = appId;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const res = await fetch(`${t.url}/webservices/rest/client/${options.client ?? t.slug}/${queue}${options.suffix ?? '/*'}`, {
    method: options.method ?? 'POST',
    headers,
    // Bytes, not a string: fetch would add a text/plain content type to a string body.
    body: body === undefined ? undefined : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    type: res.headers.get('content-type'),
    allow: res.headers.get('allow'),
    json: () => JSON.parse(text) as Record<string, any>,
  };
}

/** GETs the lookup door. */
export async function lookup(
  t: Pick<OptInTenant, 'url' | 'appId'>,
  brand: string,
  email: string,
  options: { appId?: string | null; contentType?: string; method?: string; suffix?: string } = {},
) {
  const headers: Record<string, string> = {};
  const appId = options.appId === undefined ? t.appId : options.appId;
  if (appId !== null) headers['x-omeda-appid'] = appId;
  if (options.contentType) headers['content-type'] = options.contentType;
  const res = await fetch(`${t.url}/webservices/rest/brand/${brand}/filter/email/${encodeURIComponent(email)}${options.suffix ?? '/*'}`, {
    method: options.method ?? 'GET',
    headers,
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    type: res.headers.get('content-type'),
    allow: res.headers.get('allow'),
    json: () => JSON.parse(text) as Record<string, any>,
  };
}

export const STATUS_QUERY = `query($email: String!, $brand: String) { optInStatus(email: $email, brand: $brand) { email deploymentTypeId brandAbbreviation status source promoCode submissionId } }`;
export const HISTORY_QUERY = `query($email: String!, $last: Int) { optInHistory(email: $email, last: $last) { seq email deploymentTypeId previousStatus status source promoCode level submissionId } }`;

/** `{ deploymentTypeId: status }` of an email in the account. */
export async function statuses(t: OptInTenant, email: string, brand?: string): Promise<Record<number, string>> {
  const { optInStatus } = await gqlOk(t.url, STATUS_QUERY, { email, brand }, t.adminKey);
  return Object.fromEntries(
    (optInStatus as Array<{ deploymentTypeId: number; status: string }>).map((s) => [s.deploymentTypeId, s.status]),
  );
}

/** A lower-case v4 uuid, as Omeda's Submission values are. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** The opt-in example of Omeda's documentation, verbatim. */
export const OPT_IN_EXAMPLE = {
  DeploymentTypeOptIn: [
    { EmailAddress: 'test66@omeda.com', DeploymentTypeId: [4194, 4804], DeleteOptOut: 1, PromoCode: 'test' },
    { EmailAddress: 'test77@omeda.com', DeploymentTypeId: [4807], Source: 'Company MNO' },
  ],
};

/** The opt-in summary error, two spaces and all. */
export const IN_SUMMARY = 'There were errors with your submission.  None of the OptIns submitted in your request were created.';
