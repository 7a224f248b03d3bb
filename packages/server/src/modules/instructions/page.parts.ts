import { ListMode, RuleKind } from '../campaigns/requirement-enums.js';
import { html, trusted, type SafeHtml } from './html.js';
import type { InstructionsField, PostingInstructions } from './instructions.types.js';
import { PAGE_SCRIPT } from './page.script.js';
import { PAGE_CSS } from './page.styles.js';

// The building blocks both pages are made of (a campaign's own door and a dialer campaign's),
// and the requirements panel they share.

export const TABS = [
  ['overview', 'Overview'],
  ['fields', 'Fields'],
  ['requirements', 'Requirements'],
  ['responses', 'Responses'],
  ['testing', 'Testing'],
] as const;

export type TabName = (typeof TABS)[number][0];

export const TYPE_LABELS: Record<InstructionsField['type'], string> = {
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
  state: 'State code',
  zip: 'ZIP code',
  ip: 'IP address',
  url: 'URL',
  uuid: 'UUID',
};

/** Form-field hints for phones: the right keyboard, and the browser's autofill where it helps. */
export const INPUT_HINTS: Record<string, { inputmode?: string; autocomplete?: string }> = {
  first: { autocomplete: 'off' },
  last: { autocomplete: 'off' },
  email: { inputmode: 'email', autocomplete: 'off' },
  phone: { inputmode: 'tel', autocomplete: 'off' },
  zip: { inputmode: 'numeric', autocomplete: 'off' },
  ip: { inputmode: 'decimal', autocomplete: 'off' },
  trustedform_cert_url: { inputmode: 'url' },
};

export function document(title: string, nonce: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<style nonce="${nonce}">${trusted(PAGE_CSS)}</style>
</head>
<body>
${body}
<script nonce="${nonce}">${trusted(PAGE_SCRIPT)}</script>
</body>
</html>
`.value;
}

export function panel(name: TabName, title: string, intro: SafeHtml | string, content: SafeHtml): SafeHtml {
  return html`<section class="panel" id="${name}" role="tabpanel" aria-labelledby="tab-${name}" tabindex="0">
<h2 id="h-${name}">${title}</h2>
<p class="lead">${intro}</p>
${content}
</section>`;
}

export function copyButton(target: string, what: string): SafeHtml {
  return html`<button type="button" class="btn ghost copy" data-copy="${target}" aria-label="Copy ${what}">Copy</button>`;
}

export function codeBlock(id: string, title: string, code: string): SafeHtml {
  return html`<div class="code-head"><h4 id="${id}-title">${title}</h4>${copyButton(id, title)}</div>
<pre aria-labelledby="${id}-title"><code id="${id}">${code}</code></pre>`;
}

export function requiredBadge(f: InstructionsField): SafeHtml {
  if (!f.required) return html`<span class="badge opt">Optional</span>`;
  return f.requiredBy === 'source'
    ? html`<span class="badge req">Required</span> <span class="aka">for your source</span>`
    : html`<span class="badge req">Required</span>`;
}

export function input(
  id: string,
  name: string,
  value: string,
  label: SafeHtml,
  hint: string,
  options: { readonly?: boolean; placeholder?: string; wide?: boolean } = {},
): SafeHtml {
  const hints = INPUT_HINTS[name] ?? {};
  return html`<div class="field${options.wide ? ' wide' : ''}">
  <label for="${id}">${label}</label>
  <input type="text" id="${id}" name="${name}" value="${value}" aria-describedby="${id}-hint"${options.readonly ? trusted(' readonly') : ''}
    ${options.placeholder ? html`placeholder="${options.placeholder}"` : ''} ${hints.inputmode ? html`inputmode="${hints.inputmode}"` : ''}
    autocomplete="${hints.autocomplete ?? 'off'}" spellcheck="false">
  <span class="hint" id="${id}-hint">${hint}</span>
</div>`;
}

export function requirements(d: PostingInstructions): SafeHtml {
  const r = d.requirements;
  const item = (title: string, body: SafeHtml, id: string) =>
    html`<div class="reqrow" id="req-${id}"><dt>${title}</dt><dd>${body}</dd></div>`;
  return html`<div class="card"><dl class="reqs">
  ${item(
    'Schedule',
    html`<p>${r.schedule.text}</p>${
      r.schedule.windows.length ? html`<ul class="windows">${r.schedule.windows.map((w) => html`<li>${w.text}</li>`)}</ul>` : ''
    }<p class="small muted">Time zone: ${r.schedule.timeZoneName === r.schedule.timeZone ? r.schedule.timeZone : `${r.schedule.timeZoneName} (${r.schedule.timeZone})`}.</p>`,
    'schedule',
  )}
  ${item('Campaign period', html`<p>${r.period.text}</p>`, 'period')}
  ${item(
    'States',
    r.states
      ? html`<p>${r.states.text}</p><ul class="states" aria-label="${r.states.mode === ListMode.INCLUDE ? 'Accepted' : 'Excluded'} states">${r.states.states.map((s) => html`<li>${s}</li>`)}</ul>`
      : html`<p>Leads from every state are accepted.</p>`,
    'states',
  )}
  ${item(
    'ZIP codes',
    r.zips
      ? html`<p>${r.zips.text}</p><p><a href="${r.zips.csvUrl}" download>Download the ZIP code list (CSV)</a></p>`
      : html`<p>No ZIP code list: every ZIP code is accepted.</p>`,
    'zips',
  )}
  ${item('Caps', html`<p>${r.caps.source.text}</p><p>${r.caps.campaign.text}</p><p class="small muted">Caps count accepted live leads per calendar day, week (starting Monday), month or in total, on the campaign's clock. Over a cap, leads are rejected with "Daily cap", "Weekly cap", "Monthly cap", "Total cap" or "Campaign cap".</p>`, 'caps')}
  ${item('Duplicates', html`<p>${r.duplicates.text}</p>`, 'duplicates')}
  ${item('Consent', html`<p>${r.consent.text}</p>`, 'consent')}
  ${item(
    'IP address',
    html`<p>${
      r.usIpOnly
        ? html`US IP addresses only: a lead whose <code>ip</code> is not in the US is rejected with "Non-US IP".`
        : 'Any IP address is accepted; a value that is not an IP address is rejected with "IP verification".'
    }</p>`,
    'ip',
  )}
  ${item(
    'Conditions and filters',
    r.rules.length
      ? html`<p>Checked in this order. A lead that does not meet a condition, or matches a filter, is rejected with the message shown.</p>
      <ul class="rule-list">${r.rules.map(
        (
          rule,
        ) => html`<li><strong>${rule.name}</strong> <span class="badge kind">${rule.kind === RuleKind.CONDITION ? 'Condition: must hold' : 'Filter: must not match'}</span>
      <p><code>${rule.description}</code></p><p class="small muted">Rejected with "${rule.rejectMessage}".</p></li>`,
      )}</ul>`
      : html`<p>None.</p>`,
    'rules',
  )}
  ${
    r.blocked.subIds.length || r.blocked.affIds.length
      ? item(
          'Blocked ids',
          html`${r.blocked.subIds.length ? html`<p>These sub ids are refused ("SubID blocked"): ${r.blocked.subIds.slice(0, 50).map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}${r.blocked.subIds.length > 50 ? ` and ${r.blocked.subIds.length - 50} more` : ''}.</p>` : ''}
      ${r.blocked.affIds.length ? html`<p>These affiliate ids are refused ("AffID blocked"): ${r.blocked.affIds.slice(0, 50).map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}${r.blocked.affIds.length > 50 ? ` and ${r.blocked.affIds.length - 50} more` : ''}.</p>` : ''}`,
          'blocked',
        )
      : ''
  }
</dl></div>`;
}
