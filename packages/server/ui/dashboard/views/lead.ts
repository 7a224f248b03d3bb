import { gql } from '../api.js';
import { h, replace, statusBadge, table } from '../dom.js';
import { formatDateTime, formatMoney } from '../format.js';
import type { Session } from '../session.js';

const FIELDS = [
  'first',
  'last',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'ip',
  'subId',
  'affId',
  'trustedFormCertUrl',
  'jornayaLeadId',
] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  first: 'First name',
  last: 'Last name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  ip: 'IP address',
  subId: 'Sub id',
  affId: 'Affiliate id',
  trustedFormCertUrl: 'TrustedForm',
  jornayaLeadId: 'Jornaya LeadiD',
};

const DELIVERY = `id status attemptCount maxAttempts lastError nextAttemptAt deliveredAt destination { name url }
  attempts { number outcome httpStatus durationMs error startedAt }`;

const LEAD = `query($id: ID!) { lead(id: $id) {
  id status reasonCode reasonMessage price receivedAt door isTest campaignId sourceId extra
  ${FIELDS.join(' ')}
  trace { stage outcome reasonCode message }
  sales { buyerId price createdAt }
  deliveries { ${DELIVERY} }
} }`;

interface Delivery {
  id: string;
  status: string;
  attemptCount: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  destination: { name: string; url: string };
  attempts: Array<{
    number: number;
    outcome: string;
    httpStatus: number | null;
    durationMs: number;
    error: string | null;
    startedAt: string;
  }>;
}

type Lead = Record<(typeof FIELDS)[number], string | null> & {
  id: string;
  status: string;
  reasonCode: string | null;
  reasonMessage: string;
  price: number;
  receivedAt: string;
  door: string;
  isTest: boolean;
  campaignId: string;
  sourceId: string;
  extra: Record<string, string>;
  trace: Array<{ stage: string; outcome: 'PASS' | 'REJECT'; reasonCode: string | null; message: string | null }>;
  sales: Array<{ buyerId: string; price: number; createdAt: string }>;
  deliveries: Delivery[];
};

const definitionList = (pairs: Array<[string, string]>) =>
  h(
    'dl',
    { class: 'fields' },
    pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );

/**
 * One lead: its fields (masked by the gateway for READER keys), its decision trace stage by
 * stage, its sales and deliveries; an ADMIN key can send a dead letter again.
 */
export async function renderLead(root: HTMLElement, session: Session, id: string): Promise<void> {
  const tz = session.account.timeZone;
  replace(root, h('p', { class: 'loading' }, 'Loading…'));
  const accountArg = session.platform ? '(accountId: $a)' : '';
  const [{ lead }, names] = await Promise.all([
    gql<{ lead: Lead }>(session.key, LEAD, { id }),
    gql<{
      campaigns: Array<{ id: string; name: string }>;
      sources: Array<{ id: string; name: string }>;
      buyers: Array<{ id: string; name: string }>;
    }>(
      session.key,
      `query${session.platform ? '($a: ID)' : ''} { campaigns${accountArg} { id name } sources${accountArg} { id name } buyers${accountArg} { id name } }`,
      session.platform ? { a: session.account.id } : {},
    ),
  ]);
  const nameOf = (list: Array<{ id: string; name: string }>, key: string) => list.find((x) => x.id === key)?.name ?? key;

  const trace = h(
    'ol',
    { class: 'trace', 'aria-label': 'Decision trace' },
    lead.trace.map((t) =>
      h(
        'li',
        { class: `stage ${t.outcome === 'PASS' ? 'pass' : 'reject'}` },
        h('span', { class: 'stage-mark', 'aria-hidden': 'true' }, t.outcome === 'PASS' ? '✓' : '✕'),
        h('span', { class: 'stage-name' }, t.stage),
        h('span', { class: 'stage-outcome' }, t.outcome === 'PASS' ? 'passed' : `rejected: ${t.message ?? t.reasonCode ?? ''}`),
      ),
    ),
  );

  const deliveries = h('div', { class: 'deliveries' });
  const renderDeliveries = (list: Delivery[]) =>
    replace(
      deliveries,
      list.length === 0
        ? h('p', { class: 'empty' }, 'No deliveries: this lead was not sent anywhere.')
        : list.map((d) => {
            const note = h('p', { class: 'retry-status', role: 'status' });
            const retry =
              session.role === 'ADMIN' && d.status === 'DEAD_LETTER'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: async (e: Event) => {
                        const button = e.currentTarget as HTMLButtonElement;
                        button.disabled = true;
                        try {
                          const { retryDelivery } = await gql<{ retryDelivery: Delivery }>(
                            session.key,
                            `mutation($id: ID!) { retryDelivery(id: $id) { ${DELIVERY} } }`,
                            { id: d.id },
                          );
                          renderDeliveries(list.map((x) => (x.id === d.id ? retryDelivery : x)));
                        } catch (error) {
                          note.textContent = (error as Error).message;
                          button.disabled = false;
                        }
                      },
                    },
                    'Retry delivery',
                  )
                : null;
            return h(
              'article',
              { class: 'delivery', 'data-delivery-id': d.id },
              h(
                'header',
                {},
                h('strong', {}, d.destination.name),
                statusBadge(d.status),
                h('span', { class: 'muted' }, `${d.attemptCount} of ${d.maxAttempts} attempts`),
                retry,
              ),
              d.lastError ? h('p', { class: 'error-text' }, d.lastError) : null,
              note,
              table(
                'Attempts',
                ['#', 'When', 'Outcome', 'HTTP', 'Time'],
                d.attempts.map((a) => [
                  String(a.number),
                  formatDateTime(a.startedAt, tz),
                  a.outcome,
                  a.httpStatus === null ? '–' : String(a.httpStatus),
                  `${a.durationMs} ms`,
                ]),
                { numeric: [0, 3, 4], empty: 'Not attempted yet.' },
              ),
            );
          }),
    );
  renderDeliveries(lead.deliveries);

  const extra = Object.entries(lead.extra ?? {});
  replace(
    root,
    h('p', {}, h('a', { href: '#/leads', class: 'back' }, '← Leads')),
    h(
      'header',
      { class: 'lead-head' },
      h('h2', {}, [lead.first, lead.last].filter(Boolean).join(' ') || 'Lead'),
      statusBadge(lead.isTest ? 'TEST' : lead.status),
      h('span', { class: 'muted' }, `${lead.id} · ${formatDateTime(lead.receivedAt, tz)} · ${lead.door}`),
    ),
    lead.reasonMessage ? h('p', { class: 'reason-banner' }, `Rejected: ${lead.reasonMessage}`) : null,
    session.role === 'READER' ? h('p', { class: 'note' }, 'Contact fields are masked for READER keys.') : null,
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'card' },
        h('h3', {}, 'Fields'),
        definitionList([
          ['Campaign', nameOf(names.campaigns, lead.campaignId)],
          ['Source', nameOf(names.sources, lead.sourceId)],
          ['Price', formatMoney(lead.price)],
          ...FIELDS.filter((f) => lead[f] !== null).map((f): [string, string] => [LABELS[f], lead[f]!]),
          ...extra.map(([k, v]): [string, string] => [k, v]),
        ]),
      ),
      h('section', { class: 'card' }, h('h3', {}, 'Decision trace'), trace),
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', {}, 'Sales'),
      table(
        'Sales',
        ['Buyer', 'Price', 'When'],
        lead.sales.map((s) => [nameOf(names.buyers, s.buyerId), formatMoney(s.price), formatDateTime(s.createdAt, tz)]),
        { numeric: [1], empty: 'Not sold to a buyer.' },
      ),
    ),
    h('section', { class: 'card' }, h('h3', {}, 'Deliveries'), deliveries),
  );
}
