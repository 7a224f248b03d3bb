/** Attributes of {@link h}: properties or attributes, `on*` listeners, `class`, `dataset`. */
export type Attrs = Record<string, unknown>;
export type Child = Node | string | number | null | undefined | false | Child[];

/**
 * Makes an element: `h('button', { class: 'primary', onclick: go }, 'Sign in')`. Text children
 * are text nodes, never HTML, so values from the API cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value as EventListener);
    } else if (name === 'class') {
      el.className = String(value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name in el && typeof value !== 'string') {
      (el as unknown as Record<string, unknown>)[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A table with a caption (for screen readers), headers and rows; `data-label` lets phones stack cells. */
export function table(
  caption: string,
  headers: string[],
  rows: Child[][],
  options: { numeric?: number[]; empty?: string } = {},
): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, options.empty ?? 'Nothing in this range.');
  const numeric = new Set(options.numeric ?? []);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((text, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : undefined }, text)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((cell, i) => h('td', { 'data-label': headers[i], class: numeric.has(i) ? 'num' : undefined }, cell)),
          ),
        ),
      ),
    ),
  );
}

/** A status badge, coloured by status. */
export const statusBadge = (status: string): HTMLElement => h('span', { class: `badge status-${status.toLowerCase()}` }, status);
