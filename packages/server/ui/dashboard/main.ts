import './dashboard.css';
import { whenUnauthenticated } from './api.js';
import { h, replace } from './dom.js';
import { currentRoute } from './router.js';
import { chooseAccount, forget, signIn, storedKey, type Session } from './session.js';
import { renderFeed } from './views/feed.js';
import { renderLead } from './views/lead.js';
import { renderLeads } from './views/leads.js';
import { renderOverview } from './views/overview.js';
import { renderSignIn } from './views/sign-in.js';

const app = document.getElementById('app')!;
const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'feed', label: 'Live feed' },
  { id: 'leads', label: 'Leads' },
] as const;

let session: Session | undefined;
let leaveView: (() => void) | undefined;
let main: HTMLElement | undefined;
let nav: HTMLElement | undefined;

function signOut(message?: string): void {
  forget();
  session = undefined;
  leaveView?.();
  leaveView = undefined;
  main = undefined;
  renderSignIn(app, start, message);
}

whenUnauthenticated(() => signOut('The gateway refused the key (revoked or unknown): sign in again.'));

function navigate(hash: string): void {
  if (window.location.hash === hash) void show();
  else window.location.hash = hash;
}

/** The header, the tabs and the view the location names. */
function shell(s: Session): void {
  const accountPicker =
    s.accounts.length > 1
      ? h(
          'select',
          {
            'aria-label': 'Account',
            onchange: (e: Event) => {
              chooseAccount((e.target as HTMLSelectElement).value);
              signIn(s.key).then(start, (error: Error) => signOut(error.message));
            },
          },
          s.accounts.map((a) => h('option', { value: a.id, selected: a.id === s.account.id }, a.name)),
        )
      : h('span', { class: 'account' }, s.account.name);
  nav = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Dashboard' },
    TABS.map((t) => h('a', { href: `#/${t.id}`, 'data-tab': t.id }, t.label)),
  );
  main = h('main', { id: 'view', tabindex: '-1' });
  replace(
    app,
    h(
      'header',
      { class: 'top' },
      h('a', { class: 'brand', href: '#/overview' }, 'Leadgate'),
      accountPicker,
      h('span', { class: `badge role role-${s.role.toLowerCase()}`, title: 'The role of the key you signed in with' }, s.role),
      h('span', { class: 'spacer' }),
      h('a', { class: 'header-link', href: '/graphql' }, 'GraphQL'),
      h('button', { type: 'button', class: 'link', onclick: () => signOut() }, 'Sign out'),
    ),
    nav,
    main,
  );
}

async function show(): Promise<void> {
  if (!session || !main || !nav) return;
  leaveView?.();
  leaveView = undefined;
  const route = currentRoute();
  const tab = TABS.find((t) => t.id === route.path[0])?.id ?? 'overview';
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a')) {
    if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const view = main;
  try {
    if (tab === 'feed') leaveView = renderFeed(view, session);
    else if (tab === 'leads' && route.path[1]) await renderLead(view, session, route.path[1]);
    else if (tab === 'leads') await renderLeads(view, session, route, navigate);
    else await renderOverview(view, session, route, navigate);
  } catch (error) {
    if (view === main) replace(view, h('p', { class: 'error-text', role: 'alert' }, (error as Error).message));
  }
}

function start(s: Session): void {
  session = s;
  shell(s);
  void show();
}

window.addEventListener('hashchange', () => void show());

const key = storedKey();
if (key) {
  signIn(key).then(start, (error: Error) => signOut(error.message));
} else {
  renderSignIn(app, start);
}
