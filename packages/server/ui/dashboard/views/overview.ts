import { gql } from '../api.js';
import { stackedBars } from '../chart.js';
import { h, replace, table } from '../dom.js';
import { formatCount, formatMoney, formatPercent, formatRate, zoneName } from '../format.js';
import type { Session } from '../session.js';
import { loadOverview, type Group } from '../stats.js';
import { customRange, isoDate, namedRange, RANGE_IDS, type TimeRange } from '../time.js';
import type { Route } from '../router.js';

/** A number with its label, big. */
const kpi = (label: string, value: string, note?: string, id?: string) =>
  h(
    'div',
    { class: 'kpi', 'data-kpi': id },
    h('span', { class: 'kpi-label' }, label),
    h('strong', { class: 'kpi-value' }, value),
    note ? h('span', { class: 'kpi-note' }, note) : null,
  );

/** Bars as wide as each group's share of the largest, for a top list. */
function topList(title: string, groups: Group[], empty: string): HTMLElement {
  const max = Math.max(1, ...groups.map((g) => g.count));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    groups.length === 0
      ? h('p', { class: 'empty' }, empty)
      : h(
          'ol',
          { class: 'top-list' },
          groups.slice(0, 8).map((g) => {
            const bar = h('span', { class: 'bar' });
            // CSSOM, not a style attribute: the page's Content-Security-Policy forbids inline styles.
            bar.style.width = `${(g.count / max) * 100}%`;
            return h(
              'li',
              {},
              h('span', { class: 'top-name' }, g.name),
              h('span', { class: 'top-count' }, formatCount(g.count)),
              h('span', { class: 'bar-track' }, bar),
            );
          }),
        ),
  );
}

function groupTable(title: string, groups: Group[], empty = 'Nothing in this range.'): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    table(
      title,
      ['Name', 'Leads', 'Accepted', 'Rate', 'Revenue'],
      groups.map((g) => [
        g.name,
        formatCount(g.count),
        formatCount(g.accepted ?? 0),
        g.acceptanceRate == null ? '–' : formatPercent(g.acceptanceRate),
        formatMoney(g.revenue ?? 0),
      ]),
      { numeric: [1, 2, 3, 4], empty },
    ),
  );
}

function buyerTable(groups: Group[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'By buyer'),
    table(
      'By buyer',
      ['Buyer', 'Sold', 'Revenue'],
      groups.map((g) => [g.name, formatCount(g.count), formatMoney(g.revenue ?? 0)]),
      { numeric: [1, 2], empty: 'No sales to buyers in this range.' },
    ),
  );
}

/** The range a route asks for (`?range=7d`, or `?from=…&to=…` local dates), default the last 30 days. */
function rangeOf(route: Route, timeZone: string): TimeRange {
  const from = route.params.get('from');
  const to = route.params.get('to');
  if (from && to) return customRange(from, to, timeZone) ?? namedRange('30d', timeZone);
  return namedRange(route.params.get('range') ?? '30d', timeZone);
}

/** The overview: range picker, headline numbers, leads over time by status, top reasons, groups. */
export async function renderOverview(root: HTMLElement, session: Session, route: Route, navigate: (hash: string) => void): Promise<void> {
  const tz = session.account.timeZone;
  const range = rangeOf(route, tz);
  const campaignId = route.params.get('campaign') ?? undefined;
  const go = (params: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ range: range.id === 'custom' ? undefined : range.id, campaign: campaignId, ...params }))
      if (v) next.set(k, v);
    navigate(`#/overview?${next}`);
  };
  const select = h(
    'select',
    {
      id: 'range',
      onchange: (e: Event) => {
        const id = (e.target as HTMLSelectElement).value;
        if (id !== 'custom') go({ range: id, from: undefined, to: undefined });
        else custom.hidden = false;
      },
    },
    [
      ...RANGE_IDS.map((id) => h('option', { value: id, selected: id === range.id }, namedRange(id, tz).label)),
      h('option', { value: 'custom', selected: range.id === 'custom' }, 'Custom…'),
    ],
  );
  const fromInput = h('input', { type: 'date', id: 'range-from', value: isoDate(range.from, tz) });
  const toInput = h('input', { type: 'date', id: 'range-to', value: isoDate(new Date(range.to.getTime() - 1), tz) });
  const custom = h(
    'form',
    {
      class: 'custom-range',
      hidden: range.id !== 'custom',
      onsubmit: (e: Event) => {
        e.preventDefault();
        go({ range: undefined, from: fromInput.value, to: toInput.value });
      },
    },
    h('label', { for: 'range-from' }, 'From'),
    fromInput,
    h('label', { for: 'range-to' }, 'To'),
    toInput,
    h('button', { type: 'submit' }, 'Apply'),
  );
  const campaignSelect = h(
    'select',
    { id: 'campaign', onchange: (e: Event) => go({ campaign: (e.target as HTMLSelectElement).value || undefined }) },
    h('option', { value: '' }, 'Every campaign'),
  );
  const names = session.platform
    ? gql<{ campaigns: Array<{ id: string; name: string }> }>(session.key, 'query($a: ID) { campaigns(accountId: $a) { id name } }', {
        a: session.account.id,
      })
    : gql<{ campaigns: Array<{ id: string; name: string }> }>(session.key, '{ campaigns { id name } }');
  names.then(
    ({ campaigns }) => {
      for (const c of campaigns) campaignSelect.append(h('option', { value: c.id, selected: c.id === campaignId }, c.name));
    },
    () => undefined,
  );
  const body = h('div', { class: 'overview-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  replace(
    root,
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'range' }, 'Range'),
      select,
      custom,
      h('label', { for: 'campaign' }, 'Campaign'),
      campaignSelect,
      h('span', { class: 'zone', title: tz }, `Times in ${zoneName(tz)} (${tz})`),
    ),
    body,
  );

  const data = await loadOverview(session, { range, campaignId });
  body.removeAttribute('aria-busy');
  replace(
    body,
    h(
      'div',
      { class: 'kpis' },
      kpi('Leads', formatCount(data.total), range.label, 'total'),
      kpi(
        'Acceptance rate',
        data.acceptanceRate === null ? '–' : formatPercent(data.acceptanceRate),
        `${formatCount(data.accepted)} accepted`,
        'acceptance',
      ),
      kpi('Rejected', formatCount(data.rejected), formatRate(data.rejected, data.total), 'rejected'),
      kpi('Revenue', formatMoney(data.revenue), `${formatCount(data.sold)} sold · ${formatCount(data.pending)} pending`, 'revenue'),
    ),
    h('section', { class: 'card chart-card' }, stackedBars(`Leads per ${range.bucket === 'DAY' ? 'day' : 'hour'} by status`, data.series)),
    h(
      'div',
      { class: 'grid-2' },
      topList('Top rejection reasons', data.byReason, 'No rejections in this range.'),
      buyerTable(data.byBuyer),
    ),
    groupTable('By campaign', data.byCampaign),
    groupTable('By source', data.bySource),
  );
}
