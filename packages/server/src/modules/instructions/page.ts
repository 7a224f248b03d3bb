import { html, type SafeHtml } from './html.js';
import type { PostingInstructions } from './instructions.types.js';
import { dialerPanels } from './page.dialer.js';
import { codeBlock, copyButton, document, input, panel, requiredBadge, requirements, TABS, TYPE_LABELS } from './page.parts.js';

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
