import { html, type SafeHtml } from './html.js';
import type { DialerInstructions, PostingInstructions } from './instructions.types.js';
import { codeBlock, copyButton, input, panel, requiredBadge, requirements, TYPE_LABELS } from './page.parts.js';

/** The tabs of a dialer campaign's source: the dialer insert door, its fields, replies and a test form. */
export function dialerPanels(d: PostingInstructions, x: DialerInstructions): SafeHtml {
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
