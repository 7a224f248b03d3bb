import { download, gql } from '../api.js';
import { h, replace, statusBadge, table } from '../dom.js';
import { formatDateTime, formatMoney } from '../format.js';
import type { Route } from '../router.js';
import type { Session } from '../session.js';
import { humanize } from '../stats.js';
import { namedRange, RANGE_IDS } from '../time.js';

const PAGE = 50;
const STATUSES = ['ACCEPTED', 'SOLD', 'PENDING', 'REJECTED', 'TEST'];

interface LeadRow {
  id: string;
  status: string;
  reasonCode: string | null;
  reasonMessage: string;
  price: number;
  receivedAt: string;
  first: string | null;
  last: string | null;
  email: string | null;
  phone: string | null;
  state: string | null;
  campaignId: string;
  sourceId: string;
}

const LEADS = `query($filter: LeadFilter, $first: Int, $after: String) { leads(filter: $filter, first: $first, after: $after) {
  nodes { id status reasonCode reasonMessage price receivedAt first last email phone state campaignId sourceId }
  pageInfo { hasNextPage endCursor }
} }`;

/** The leads list: filters in the URL (`#/leads?status=REJECTED&range=7d`), pages of 50, CSV export of the same filter. */
export async function renderLeads(root: HTMLElement, session: Session, route: Route, navigate: (hash: string) => void): Promise<void> {
  const tz = session.account.timeZone;
  const p = route.params;
  const rangeId = p.get('range') ?? '30d';
  const range = rangeId === 'all' ? null : namedRange(rangeId, tz);
  const accountVars = session.platform ? { accountId: session.account.id } : {};
  const names = await gql<{ campaigns: Array<{ id: string; name: string }>; sources: Array<{ id: string; name: string }> }>(
    session.key,
    session.platform
      ? `query($a: ID) { campaigns(accountId: $a) { id name } sources(accountId: $a) { id name } }`
      : `{ campaigns { id name } sources { id name } }`,
    session.platform ? { a: session.account.id } : {},
  );
  const nameOf = (id: string) => [...names.campaigns, ...names.sources].find((n) => n.id === id)?.name ?? id;

  const filter = {
    ...accountVars,
    ...(p.get('status') ? { status: p.get('status') } : {}),
    ...(p.get('campaign') ? { campaignId: p.get('campaign') } : {}),
    ...(p.get('source') ? { sourceId: p.get('source') } : {}),
    ...(range ? { from: range.from.toISOString(), to: range.to.toISOString() } : {}),
    ...(p.get('status') === 'TEST' ? { includeTest: true } : {}),
  };

  const update = (name: string) => (e: Event) => {
    const next = new URLSearchParams(p);
    const value = (e.target as HTMLSelectElement).value;
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`#/leads?${next}`);
  };
  const choice = (id: string, label: string, param: string, options: Array<[string, string]>, all: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, onchange: update(param) },
        h('option', { value: '' }, all),
        options.map(([value, text]) => h('option', { value, selected: p.get(param) === value }, text)),
      ),
    );

  const status = h('p', { class: 'export-status', role: 'status' });
  const exportCsv = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        const query = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]));
        status.textContent = 'Preparing the export…';
        try {
          await download(session.key, `/leads.csv?${query}`, `leads-${new Date().toISOString().slice(0, 10)}.csv`);
          status.textContent = 'Export downloaded.';
        } catch (error) {
          status.textContent = (error as Error).message;
        }
      },
    },
    'Export CSV',
  );

  const results = h('div', { class: 'leads-results', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  replace(
    root,
    h(
      'form',
      { class: 'toolbar filters', onsubmit: (e: Event) => e.preventDefault() },
      choice(
        'f-range',
        'Received',
        'range',
        [...RANGE_IDS.map((id): [string, string] => [id, namedRange(id, tz).label]), ['all', 'Any time']],
        'Last 30 days',
      ),
      choice(
        'f-status',
        'Status',
        'status',
        STATUSES.map((s): [string, string] => [s, humanize(s)]),
        'Any status',
      ),
      choice(
        'f-campaign',
        'Campaign',
        'campaign',
        names.campaigns.map((c): [string, string] => [c.id, c.name]),
        'Every campaign',
      ),
      choice(
        'f-source',
        'Source',
        'source',
        names.sources.map((s): [string, string] => [s.id, s.name]),
        'Every source',
      ),
      h('div', { class: 'field export' }, exportCsv, status),
    ),
    h('section', { class: 'card' }, results),
  );

  const rows: LeadRow[] = [];
  const more = h('button', { type: 'button', class: 'secondary' }, 'Load more');
  let after: string | null = null;
  const load = async () => {
    const { leads } = await gql<{ leads: { nodes: LeadRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
      session.key,
      LEADS,
      { filter, first: PAGE, after },
    );
    rows.push(...leads.nodes);
    after = leads.pageInfo.endCursor;
    results.removeAttribute('aria-busy');
    replace(
      results,
      table(
        'Leads, newest first',
        ['Received', 'Status', 'Name', 'Contact', 'Campaign', 'Source', 'Price', 'Reason'],
        rows.map((l) => [
          h('a', { href: `#/leads/${encodeURIComponent(l.id)}` }, formatDateTime(l.receivedAt, tz)),
          statusBadge(l.status),
          [l.first, l.last].filter(Boolean).join(' ') || '–',
          [l.email, l.phone].filter(Boolean).join(' · ') || '–',
          nameOf(l.campaignId),
          nameOf(l.sourceId),
          formatMoney(l.price),
          l.reasonMessage || '',
        ]),
        { numeric: [6], empty: 'No leads match these filters.' },
      ),
      leads.pageInfo.hasNextPage ? more : null,
    );
  };
  more.addEventListener('click', () => {
    more.disabled = true;
    load().finally(() => (more.disabled = false));
  });
  await load();
}
