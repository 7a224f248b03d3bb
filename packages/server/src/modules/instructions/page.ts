import { ListMode, RuleKind } from '../campaigns/requirement-enums.js';
import { html, trusted, type SafeHtml } from './html.js';
import type { DialerInstructions, InstructionsField, PostingInstructions } from './instructions.types.js';
import { PAGE_SCRIPT } from './page.script.js';
import { PAGE_CSS } from './page.styles.js';

const TABS = [
  ['overview', 'Overview'],
  ['fields', 'Fields'],
  ['requirements', 'Requirements'],
  ['responses', 'Responses'],
  ['testing', 'Testing'],
] as const;

type TabName = (typeof TABS)[number][0];

const TYPE_LABELS: Record<InstructionsField['type'], string> = {
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
const INPUT_HINTS: Record<string, { inputmode?: string; autocomplete?: string }> = {
  first: { autocomplete: 'off' },
  last: { autocomplete: 'off' },
  email: { inputmode: 'email', autocomplete: 'off' },
  phone: { inputmode: 'tel', autocomplete: 'off' },
  zip: { inputmode: 'numeric', autocomplete: 'off' },
  ip: { inputmode: 'decimal', autocomplete: 'off' },
  trustedform_cert_url: { inputmode: 'url' },
};

function document(title: string, nonce: string, body: SafeHtml): string {
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

function panel(name: TabName, title: string, intro: SafeHtml | string, content: SafeHtml): SafeHtml {
  return html`<section class="panel" id="${name}" role="tabpanel" aria-labelledby="tab-${name}" tabindex="0">
<h2 id="h-${name}">${title}</h2>
<p class="lead">${intro}</p>
${content}
</section>`;
}

function copyButton(target: string, what: string): SafeHtml {
  return html`<button type="button" class="btn ghost copy" data-copy="${target}" aria-label="Copy ${what}">Copy</button>`;
}

function codeBlock(id: string, title: string, code: string): SafeHtml {
  return html`<div class="code-head"><h4 id="${id}-title">${title}</h4>${copyButton(id, title)}</div>
<pre aria-labelledby="${id}-title"><code id="${id}">${code}</code></pre>`;
}

function overview(d: PostingInstructions): SafeHtml {
  const { credentials: c, endpoints } = d;
  const webhook = endpoints.webhook;
  return html`
<div class="card">
  <h3>Endpoints</h3>
  <p>There are two ways to send leads: the JSON API (preferred) or a webhook.</p>
  <h4 class="spaced">JSON API <span class="tag">Preferred</span></h4>
  <div class="endpoint"><span class="method">POST</span><code id="url-json">${endpoints.jsonApi.url}</code>${copyButton('url-json', 'the JSON API URL')}</div>
  <p class="small muted">Send a JSON object of fields with <code>Content-Type: application/json</code> (required) and
  <code>Accept: application/json</code> (optional). A form post (<code>application/x-www-form-urlencoded</code>) with the same keys works too.</p>
  <h4 class="spaced">Webhook</h4>
  ${
    webhook
      ? html`<div class="endpoint"><span class="method">POST</span><code id="url-webhook">${webhook.url}</code>${copyButton('url-webhook', 'the webhook URL')}</div>
  <p class="small muted">For systems that cannot send these exact parameter names, or to connect a form: post a test with your own
  parameter names and sample data, and your client maps them to the fields of this campaign.
  ${
    webhook.mapped
      ? html`<span class="badge ok">Mapping done</span>`
      : html`Until then each post is answered <code>{"message":"Test webhook received successfully."}</code>. <span class="badge opt">Waiting for your first test post</span>`
  }</p>`
      : html`<p class="small muted">No webhook URL is set up for your source; ask your client if you need one.</p>`
  }
</div>
<div class="card">
  <h3>Your credentials</h3>
  <p>Send these four values with every lead, as they are.</p>
  <div class="table-wrap"><table class="stack creds">
    <thead><tr><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Description</th></tr></thead>
    <tbody>
      <tr><td data-label="Parameter"><code>compid</code></td><td data-label="Value"><code id="cred-compid">${c.compid}</code></td><td data-label="Description">Your client's company id.</td></tr>
      <tr><td data-label="Parameter"><code>sourceid</code></td><td data-label="Value"><code id="cred-sourceid">${c.sourceid}</code></td><td data-label="Description">Your source id (${d.source.name}).</td></tr>
      <tr><td data-label="Parameter"><code>campid</code></td><td data-label="Value"><code id="cred-campid">${c.campid}</code></td><td data-label="Description">The campaign id (${d.campaign.name}).</td></tr>
      <tr><td data-label="Parameter"><code>auth</code></td><td data-label="Value"><code id="cred-auth">${c.authPreview}</code> <span class="badge opt">masked</span></td><td data-label="Description">${c.authNote}</td></tr>
      <tr><td data-label="Parameter"><code>test</code></td><td data-label="Value"><code>"true"</code> / <code>"false"</code></td><td data-label="Description"><code>"true"</code> while testing: test leads are never delivered. Use <code>"false"</code> (or leave it out) for live leads once your client approves you.</td></tr>
    </tbody>
  </table></div>
</div>
<div class="card">
  <h3>Example request</h3>
  <p>A complete test lead for this campaign. Replace <code>YOUR_AUTH_KEY</code> with your auth key; the field list is on the
  <a href="#fields" data-goto="fields">Fields</a> tab.</p>
  ${codeBlock('sample-json', 'JSON body', JSON.stringify(d.sample, null, 2))}
  ${codeBlock('sample-curl', 'With curl', d.curl)}
</div>
<div class="card">
  <h3>Going live</h3>
  <ol class="steps">
    <li>Review the <a href="#requirements" data-goto="requirements">requirements</a>: schedule, states, ZIP codes and the rest.</li>
    <li>Send a test lead with <code>"test": "true"</code>, from your system or from the <a href="#testing" data-goto="testing">Testing</a> tab.</li>
    <li>Check the reply: <code>"leadStatus":true</code> with <code>"testLead":true</code>.</li>
    <li>Wait for your client to approve you.</li>
    <li>Change <code>test</code> to <code>"false"</code> and start sending live leads.</li>
  </ol>
</div>`;
}

function requiredBadge(f: InstructionsField): SafeHtml {
  if (!f.required) return html`<span class="badge opt">Optional</span>`;
  return f.requiredBy === 'source'
    ? html`<span class="badge req">Required</span> <span class="aka">for your source</span>`
    : html`<span class="badge req">Required</span>`;
}

function fields(d: PostingInstructions): SafeHtml {
  const required = d.fields.filter((f) => f.required).map((f) => f.name);
  return html`<div class="card">
  <div class="table-wrap"><table class="stack" id="fields-table">
    <caption class="visually-hidden">Lead fields</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
    <tbody>
    ${d.fields.map(
      (f) => html`<tr data-field="${f.name}">
      <th scope="row" data-label="Field"><code>${f.name}</code>${f.aliases.length ? html`<span class="aka">also ${f.aliases.map((a, i) => html`${i ? ', ' : ''}<code>${a}</code>`)}</span>` : ''}</th>
      <td data-label="Type" class="nowrap">${TYPE_LABELS[f.type]}${f.custom ? html`<span class="aka">custom</span>` : ''}</td>
      <td data-label="Required">${requiredBadge(f)}</td>
      <td data-label="Description">${f.description}</td>
      <td data-label="Example"><code>${f.example}</code></td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <p class="small muted">${
    required.length
      ? html`A lead without ${required.length === 1 ? 'this required field' : `one of these ${required.length} required fields`} is rejected with "Missing …" naming every missing one.`
      : 'No field is required by this campaign, but leads are still checked for format.'
  }
  Every value may be sent as a string. Fields not listed here are kept with the lead as custom fields.</p>
</div>`;
}

function requirements(d: PostingInstructions): SafeHtml {
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

function responses(d: PostingInstructions): SafeHtml {
  const groups = [...new Set(d.rejectionReasons.map((r) => r.group))];
  return html`<div class="grid2">
  ${d.responses.map((r, i) => html`<div class="card"><h3>${r.title}</h3><p class="small muted">${r.description}</p><pre class="reply"><code id="reply-${i}">${r.body}</code></pre></div>`)}
</div>
<div class="card" id="reasons">
  <h3>Rejection reasons</h3>
  <p>A rejected lead's <code>message</code> is exactly one of these.</p>
  ${groups.map(
    (group) => html`<h4 class="spaced">${group}</h4>
  <div class="table-wrap"><table class="compact">
    <thead><tr><th scope="col">Message</th><th scope="col">What it means</th></tr></thead>
    <tbody>${d.rejectionReasons.filter((r) => r.group === group).map((r) => html`<tr data-code="${r.code}"><td data-label="Message" class="nowrap"><code>${r.message}</code></td><td data-label="Meaning">${r.meaning}</td></tr>`)}</tbody>
  </table></div>`,
  )}
</div>`;
}

function input(
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

function testing(d: PostingInstructions): SafeHtml {
  const c = d.credentials;
  return html`<div class="card">
<form id="test-form" action="/ca/submit" method="post" novalidate>
  <fieldset>
    <legend>Credentials</legend>
    <div class="fields">
      <div class="field wide key-field">
        <label for="t-auth"><code>auth</code> Your auth key</label>
        <div class="key-row">
          <input type="password" id="t-auth" name="auth" value="" autocomplete="off" spellcheck="false" aria-describedby="t-auth-hint" placeholder="${c.authPreview}">
          <button type="button" class="btn ghost" id="reveal-auth" aria-pressed="false" aria-controls="t-auth" hidden>Show</button>
        </div>
        <span class="hint" id="t-auth-hint">Paste the auth key your client gave you when they created your source (it starts with ${c.authPreview}). It is sent only with this test and is not stored by this page.</span>
      </div>
      ${input('t-compid', 'compid', c.compid, html`<code>compid</code> Company id`, 'Prefilled for you.')}
      ${input('t-sourceid', 'sourceid', c.sourceid, html`<code>sourceid</code> Source id`, 'Prefilled for you.')}
      ${input('t-campid', 'campid', c.campid, html`<code>campid</code> Campaign id`, 'Prefilled for you.')}
    </div>
  </fieldset>
  <fieldset class="spaced">
    <legend>Lead</legend>
    <p class="small muted">Sample values that pass this campaign's rules are filled in; change them to see how a lead is judged. Empty fields are not sent.</p>
    <div class="fields">
      ${d.fields.map((f) =>
        input(
          `t-${f.name}`,
          f.name,
          d.sample[f.name] ?? '',
          html`<code>${f.name}</code>${f.required ? html`<span class="badge req">Required</span>` : ''}`,
          f.description,
          { placeholder: d.sample[f.name] === undefined ? `e.g. ${f.example}` : undefined, wide: f.type === 'url' || f.type === 'uuid' },
        ),
      )}
    </div>
  </fieldset>
  <input type="hidden" name="test" value="true">
  <div class="form-foot">
    <button type="submit" class="btn" id="send-test">Send test lead</button>
    <span class="small muted">Always sent with <code>"test": "true"</code>: nothing is delivered to your client.</span>
  </div>
</form>
</div>
<div class="card result">
  <h3 id="response-title">Response</h3>
  <p class="status" id="response-status">No test sent yet.</p>
  <pre class="reply" aria-live="polite" aria-labelledby="response-title"><code id="response"></code></pre>
  <details class="spaced"><summary>Request sent</summary><pre><code id="request-sent"></code></pre></details>
</div>`;
}

/** The posting-instructions page. `nonce` must match the Content-Security-Policy header. */
export function renderInstructionsPage(d: PostingInstructions, nonce: string): string {
  const alerts = [
    !d.source.approved
      ? html`<div class="alert bad" role="status"><strong>Your source is suspended on this campaign.</strong> Every lead, test or live, is rejected with "Invalid source" until your client approves you again.</div>`
      : '',
    !d.campaign.active
      ? html`<div class="alert warn" role="status"><strong>This campaign is ${d.campaign.status.toLowerCase()}.</strong> Live leads are rejected with "Campaign inactive" until it is active again; test leads still work.</div>`
      : '',
  ];
  const body = html`<header class="top">
  <div class="wrap">
    <p class="eyebrow">Posting instructions</p>
    <h1>${d.campaign.name}</h1>
    <div class="meta">
      <span>For <strong>${d.source.name}</strong></span>
      <span aria-hidden="true">·</span>
      <span>${d.campaign.category}</span>
      <span class="chip ${d.campaign.active ? 'ok' : 'off'}">Campaign ${d.campaign.active ? 'active' : d.campaign.status.toLowerCase()}</span>
      <span class="chip ${d.source.approved ? 'ok' : 'off'}">Source ${d.source.approved ? 'approved' : 'suspended'}</span>
    </div>
  </div>
</header>
<div class="tabbar">
  <div class="wrap tabs" role="tablist" aria-label="Sections" hidden>
    ${TABS.map(([name, label], i) => html`<button type="button" role="tab" class="tab" id="tab-${name}" data-tab="${name}" aria-controls="${name}" aria-selected="${i === 0 ? 'true' : 'false'}" tabindex="${i === 0 ? '0' : '-1'}">${label}</button>`)}
  </div>
</div>
<main class="wrap" id="main">
${alerts}
${
  d.dialer
    ? dialerPanels(d, d.dialer)
    : html`${panel('overview', 'Overview', 'Where to send leads, your credentials, and a request to start from.', overview(d))}
${panel('fields', 'Fields', html`Post these fields as top-level keys next to your credentials. Required fields are marked.`, fields(d))}
${panel('requirements', 'Requirements', 'Leads that do not meet these are rejected automatically, with the message shown.', requirements(d))}
${panel('responses', 'Responses', html`Every reply has the same JSON shape and, unless the request cannot be read, HTTP status 200. Use <code>leadStatus</code> to tell accepted leads from rejected ones.`, responses(d))}
${panel('testing', 'Testing', html`Send a test lead to <code>${d.endpoints.jsonApi.url}</code> from this page and see the exact reply. Test leads stop here: they are never delivered, and count toward no cap, duplicate check or report.`, testing(d))}`
}
</main>
<footer>
  <div class="wrap">
    <p>Questions about these instructions? Ask your client. The same content as data: <a href="${d.links.json}">JSON</a>.</p>
  </div>
</footer>`;
  return document(`Posting instructions: ${d.campaign.name} (${d.source.name})`, nonce, body);
}

/** The tabs of a dialer campaign's source: the dialer insert door, its fields, replies and a test form. */
function dialerPanels(d: PostingInstructions, x: DialerInstructions): SafeHtml {
  return html`${panel('overview', 'Overview', 'Where to insert leads, your credentials, and a request to start from.', dialerOverview(d, x))}
${panel('fields', 'Fields', html`Send these parameters in the query string, as form fields or as a flat JSON object (the body wins over the query string). Required ones are marked.`, dialerFields(x))}
${panel('requirements', 'Requirements', 'Leads that do not meet these are refused, with code 6100 and the reason as the text unless a code below says otherwise.', requirements(d))}
${panel('responses', 'Responses', html`Every reply is JSON with HTTP status 200: <code>"success":true</code> with the lead id, or <code>"success":false</code> with a <code>code</code> and a <code>text</code>.`, dialerResponses(x))}
${panel('testing', 'Testing', html`Insert a lead into one of your lists from this page and see the exact reply.`, dialerTesting(x))}`;
}

function dialerOverview(d: PostingInstructions, x: DialerInstructions): SafeHtml {
  return html`
<div class="card">
  <h3>Endpoint</h3>
  <p>Insert each lead with one request to the dialer insert API (<strong>${x.dialerCampaign.name}</strong>).</p>
  <div class="endpoint"><span class="method">POST</span><code id="url-dialer">${x.endpoint.url}</code>${copyButton('url-dialer', 'the insert URL')}</div>
  <p class="small muted">GET with every parameter in the query string works the same. A POST may carry the parameters as form fields
  (<code>application/x-www-form-urlencoded</code>), a flat JSON object, or only the query string (an empty body, whatever its content type).
  No nested parameters or arrays.</p>
</div>
<div class="card">
  <h3>Your credentials</h3>
  <div class="table-wrap"><table class="stack creds">
    <thead><tr><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Description</th></tr></thead>
    <tbody>
      <tr><td data-label="Parameter"><code>auth_token</code></td><td data-label="Value"><code>YOUR_API_TOKEN</code></td><td data-label="Description">The API token your client gave you. It is never shown here; if you lost it, ask your client for a new one.</td></tr>
      <tr><td data-label="Parameter"><code>list_id</code></td><td data-label="Value">${
        x.lists.length
          ? html`${x.lists.map((l, i) => html`${i ? html`<br>` : ''}<code class="list-id">${String(l.id)}</code> ${l.name}`)}`
          : html`<span class="badge opt">no open list</span>`
      }</td><td data-label="Description">The list each lead goes into; your client tells you which one. ${x.lists.length ? '' : 'This campaign has no open list yet: ask your client.'}</td></tr>
    </tbody>
  </table></div>
</div>
<div class="card">
  <h3>Example request</h3>
  <p>A lead for this campaign. Replace <code>YOUR_API_TOKEN</code> with your token; the field list is on the
  <a href="#fields" data-goto="fields">Fields</a> tab.</p>
  ${codeBlock('sample-json', 'Parameters (JSON)', JSON.stringify(x.sample, null, 2))}
  ${codeBlock('sample-curl', 'With curl', x.curl)}
</div>
${d.source.approved ? '' : html`<div class="card"><p>Your source is suspended on this campaign: every insert is refused with code 403 until your client approves it again.</p></div>`}`;
}

function dialerFields(x: DialerInstructions): SafeHtml {
  return html`<div class="card">
  <h3>Lead fields</h3>
  <div class="table-wrap"><table class="stack" id="fields-table">
    <caption class="visually-hidden">Lead fields</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
    <tbody>
    <tr data-field="auth_token"><th scope="row" data-label="Field"><code>auth_token</code></th><td data-label="Type">Text</td><td data-label="Required"><span class="badge req">Required</span></td><td data-label="Description">Your API token.</td><td data-label="Example"><code>YOUR_API_TOKEN</code></td></tr>
    <tr data-field="list_id"><th scope="row" data-label="Field"><code>list_id</code></th><td data-label="Type">Number</td><td data-label="Required"><span class="badge req">Required</span></td><td data-label="Description">The list the lead goes into.</td><td data-label="Example"><code>${x.sample.list_id ?? ''}</code></td></tr>
    ${x.fields.map(
      (f) => html`<tr data-field="${f.name}">
      <th scope="row" data-label="Field"><code>${f.name}</code></th>
      <td data-label="Type" class="nowrap">${TYPE_LABELS[f.type]}${f.custom ? html`<span class="aka">custom</span>` : ''}</td>
      <td data-label="Required">${requiredBadge(f)}</td>
      <td data-label="Description">${f.description}</td>
      <td data-label="Example">${f.example ? html`<code>${f.example}</code>` : ''}</td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <p class="small muted">Other parameters are kept with the lead as custom fields. Empty values, and 0 for ids and hopper_expires_in, count as not sent.</p>
</div>
<div class="card">
  <h3>Options</h3>
  <div class="table-wrap"><table class="compact" id="options-table">
    <thead><tr><th scope="col">Parameter</th><th scope="col">Values</th><th scope="col">What it does</th></tr></thead>
    <tbody>${x.options.map((o) => html`<tr><td data-label="Parameter"><code>${o.name}</code></td><td data-label="Values" class="nowrap">${o.values}</td><td data-label="What it does">${o.description}</td></tr>`)}</tbody>
  </table></div>
</div>`;
}

function dialerResponses(x: DialerInstructions): SafeHtml {
  return html`<div class="grid2">
  ${x.replies.map((r, i) => html`<div class="card"><h3>${r.title}</h3><p class="small muted">${r.description}</p><pre class="reply"><code id="reply-${i}">${r.body}</code></pre></div>`)}
</div>
<div class="card" id="reasons">
  <h3>Codes</h3>
  <div class="table-wrap"><table class="compact" id="codes-table">
    <thead><tr><th scope="col">Code</th><th scope="col">Text</th><th scope="col">What it means</th></tr></thead>
    <tbody>${x.codes.map((c) => html`<tr data-code="${String(c.code)}"><td data-label="Code"><code>${String(c.code)}</code></td><td data-label="Text" class="nowrap"><code>${c.text}</code></td><td data-label="Meaning">${c.meaning}</td></tr>`)}</tbody>
  </table></div>
  <p class="small muted">Code 6100 carries the campaign's reason as its text, e.g. "Campaign schedule"; rate limits answer HTTP 429 with code 429.</p>
</div>`;
}

function dialerTesting(x: DialerInstructions): SafeHtml {
  return html`<div class="card">
<form id="test-form" action="${new URL(x.endpoint.url).pathname}" method="post" data-door="dialer" data-secret="auth_token" novalidate>
  <p class="alert warn" role="note"><strong>This inserts a real lead.</strong> The dialer API has no test mode: the lead goes into the list you choose, as any insert does. Use a number you may call, and ask your client to remove it afterwards.</p>
  <fieldset>
    <legend>Credentials</legend>
    <div class="fields">
      <div class="field wide key-field">
        <label for="t-auth"><code>auth_token</code> Your API token</label>
        <div class="key-row">
          <input type="password" id="t-auth" name="auth_token" value="" autocomplete="off" spellcheck="false" aria-describedby="t-auth-hint">
          <button type="button" class="btn ghost" id="reveal-auth" aria-pressed="false" aria-controls="t-auth" hidden>Show</button>
        </div>
        <span class="hint" id="t-auth-hint">The API token your client gave you. It is sent only with this request and is not stored by this page.</span>
      </div>
      <div class="field">
        <label for="t-list_id"><code>list_id</code> List</label>
        <select id="t-list_id" name="list_id" aria-describedby="t-list_id-hint">${x.lists.map((l) => html`<option value="${String(l.id)}">${String(l.id)}: ${l.name}</option>`)}</select>
        <span class="hint" id="t-list_id-hint">The list the lead goes into.</span>
      </div>
    </div>
  </fieldset>
  <fieldset class="spaced">
    <legend>Lead</legend>
    <div class="fields">
      ${x.fields.map((f) =>
        input(
          `t-${f.name}`,
          f.name,
          x.sample[f.name] ?? '',
          html`<code>${f.name}</code>${f.required ? html`<span class="badge req">Required</span>` : ''}`,
          f.description,
          { placeholder: x.sample[f.name] === undefined && f.example ? `e.g. ${f.example}` : undefined, wide: f.type === 'url' },
        ),
      )}
    </div>
  </fieldset>
  <div class="form-foot">
    <button type="submit" class="btn" id="send-test">Insert lead</button>
    <span class="small muted">Sent as form fields; empty fields are not sent.</span>
  </div>
</form>
</div>
<div class="card result">
  <h3 id="response-title">Response</h3>
  <p class="status" id="response-status">Nothing sent yet.</p>
  <pre class="reply" aria-live="polite" aria-labelledby="response-title"><code id="response"></code></pre>
  <details class="spaced"><summary>Request sent</summary><pre><code id="request-sent"></code></pre></details>
</div>`;
}

/** The page for an unknown or revoked link. */
export function renderNotFoundPage(nonce: string): string {
  const body = html`<header class="top"><div class="wrap"><p class="eyebrow">Posting instructions</p><h1>These posting instructions are not available</h1></div></header>
<main class="wrap">
  <div class="card">
    <p>The link may be mistyped, or your client may have replaced or withdrawn it.</p>
    <p>Ask your client for the current link to your posting instructions.</p>
  </div>
</main>`;
  return document('Posting instructions not found', nonce, body);
}
