import { createClient, type Client } from 'graphql-ws';
import { h, replace, statusBadge } from '../dom.js';
import { formatMoney, formatTime } from '../format.js';
import type { Session } from '../session.js';
import { humanize } from '../stats.js';
import { gql, keyRefused } from '../api.js';

/** Rows the feed keeps on screen, newest first. */
const MAX_ROWS = 200;

const FEED = `subscription($filter: LeadFeedFilter) { leadDecided(filter: $filter) {
  kind leadId campaignId sourceId status reasonCode message price receivedAt decidedAt door isTest
  contact { first last email phone city state }
} }`;

interface FeedEvent {
  kind: 'DECIDED' | 'SOLD_LATER';
  leadId: string | null;
  campaignId: string;
  sourceId: string | null;
  status: string;
  reasonCode: string | null;
  message: string;
  price: number;
  decidedAt: string;
  door: string;
  isTest: boolean;
  contact: {
    first: string | null;
    last: string | null;
    email: string | null;
    phone: string | null;
    city: string | null;
    state: string | null;
  };
}

/**
 * The live feed: a graphql-ws subscription to `leadDecided` (the key travels in connection_init,
 * never in the URL); each decision is added on top as it is committed, on any gateway.
 * Returns the function that closes the socket when the view is left.
 */
export function renderFeed(root: HTMLElement, session: Session): () => void {
  const tz = session.account.timeZone;
  const names = new Map<string, string>();
  gql<{ campaigns: Array<{ id: string; name: string }>; sources: Array<{ id: string; name: string }> }>(
    session.key,
    session.platform
      ? `query($a: ID) { campaigns(accountId: $a) { id name } sources(accountId: $a) { id name } }`
      : `{ campaigns { id name } sources { id name } }`,
    session.platform ? { a: session.account.id } : {},
  )
    .then((data) => {
      for (const item of [...data.campaigns, ...data.sources]) names.set(item.id, item.name);
      for (const cell of root.querySelectorAll<HTMLElement>('[data-name-of]'))
        cell.textContent = names.get(cell.dataset.nameOf!) ?? cell.textContent;
    })
    .catch(() => undefined);

  const state = h('span', { class: 'live-state', role: 'status', 'data-state': 'connecting' }, 'Connecting…');
  const counter = h('span', { class: 'live-count' }, '0 decisions');
  const list = h('ol', { class: 'feed', 'aria-live': 'polite', 'aria-label': 'Decisions, newest first' });
  const empty = h('p', { class: 'empty feed-empty' }, 'Waiting for leads… every decision on this account appears here as it is made.');
  const tests = h('input', { type: 'checkbox', id: 'feed-tests' });
  replace(
    root,
    h('div', { class: 'toolbar' }, state, counter, h('label', { class: 'check', for: 'feed-tests' }, tests, 'Show test leads')),
    h('section', { class: 'card' }, empty, list),
  );

  let seen = 0;
  const row = (e: FeedEvent) => {
    const who = [e.contact.first, e.contact.last].filter(Boolean).join(' ') || 'Unnamed lead';
    const where = [e.contact.city, e.contact.state].filter(Boolean).join(', ');
    const named = (id: string | null, fallback: string) =>
      h('span', { 'data-name-of': id ?? undefined }, id ? (names.get(id) ?? id) : fallback);
    const title = e.leadId ? h('a', { href: `#/leads/${encodeURIComponent(e.leadId)}` }, who) : h('span', {}, who);
    return h(
      'li',
      { class: `feed-row${e.kind === 'SOLD_LATER' ? ' sold-later' : ''}`, 'data-lead-id': e.leadId ?? undefined },
      h('time', { datetime: e.decidedAt }, formatTime(e.decidedAt, tz)),
      statusBadge(e.isTest ? 'TEST' : e.status),
      h('span', { class: 'feed-who' }, title, h('span', { class: 'muted' }, [e.contact.email, where].filter(Boolean).join(' · '))),
      h('span', { class: 'feed-where' }, named(e.campaignId, ''), ' · ', named(e.sourceId, 'refused credentials')),
      h(
        'span',
        { class: 'feed-outcome' },
        e.status === 'REJECTED'
          ? h('span', { class: 'reason', title: e.reasonCode ? humanize(e.reasonCode) : '' }, e.message)
          : e.kind === 'SOLD_LATER'
            ? `sold later · ${formatMoney(e.price)}`
            : formatMoney(e.price),
      ),
    );
  };

  let client: Client | undefined;
  let unsubscribe: (() => void) | undefined;
  const setState = (name: string, text: string) => {
    state.dataset.state = name;
    state.textContent = text;
  };
  const subscribe = () => {
    unsubscribe?.();
    unsubscribe = client!.subscribe<{ leadDecided: FeedEvent }>(
      {
        query: FEED,
        variables: { filter: { includeTest: tests.checked, ...(session.platform ? { accountId: session.account.id } : {}) } },
      },
      {
        next: (result) => {
          if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) keyRefused();
          const event = result.data?.leadDecided;
          if (!event) return;
          empty.hidden = true;
          list.prepend(row(event));
          while (list.children.length > MAX_ROWS) list.lastElementChild!.remove();
          seen++;
          counter.textContent = `${seen} decision${seen === 1 ? '' : 's'}`;
        },
        error: (error) => {
          if (Array.isArray(error) && error.some((e: { extensions?: { code?: unknown } }) => e.extensions?.code === 'UNAUTHENTICATED'))
            keyRefused();
          const message = Array.isArray(error) ? error[0]?.message : error instanceof Error ? error.message : 'The live feed stopped';
          setState('error', message ?? 'The live feed stopped');
        },
        complete: () => undefined,
      },
    );
  };
  const socketUrl = new URL('/graphql', window.location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  client = createClient({
    url: socketUrl.href,
    connectionParams: { authorization: `Bearer ${session.key}` },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connected: () => setState('live', 'Live'),
      closed: () => setState('connecting', 'Reconnecting…'),
    },
  });
  tests.addEventListener('change', subscribe);
  subscribe();
  return () => {
    unsubscribe?.();
    void client?.dispose();
  };
}
