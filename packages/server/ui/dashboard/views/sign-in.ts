import { h, replace } from '../dom.js';
import { signIn, type Session } from '../session.js';

/** The sign-in form: a READER or ADMIN key, checked with the gateway, kept for this tab only. */
export function renderSignIn(root: HTMLElement, done: (session: Session) => void, message?: string): void {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: false,
    required: true,
    placeholder: 'lgk_…',
  });
  const error = h('p', { class: 'error-text', role: 'alert' }, message ?? '');
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'sign-in card',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        error.textContent = '';
        try {
          done(await signIn(input.value.trim()));
        } catch (err) {
          error.textContent = (err as Error).message;
          button.disabled = false;
        }
      },
    },
    h('h1', {}, 'Leadgate dashboard'),
    h(
      'p',
      {},
      'Sign in with a READER or ADMIN API key of your account. The key stays in this browser tab (sessionStorage) and is sent only to this gateway, as a Bearer header.',
    ),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    error,
    button,
  );
  replace(root, h('main', { class: 'center' }, form));
  input.focus();
}
