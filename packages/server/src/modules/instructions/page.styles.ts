/** The page's stylesheet: inlined, no build step. Mobile first; tables stack into cards on narrow screens. */
export const PAGE_CSS = `
:root {
  --bg: #f4f6f9; --card: #ffffff; --text: #1b2433; --muted: #5b6678; --border: #dfe4ec; --soft: #eef2f7;
  --accent: #2452d6; --accent-ink: #1b3fa8; --accent-soft: #e8eefc; --ok: #15703c; --ok-soft: #e3f4ea;
  --bad: #b42318; --bad-soft: #fdecea; --warn: #8a5a00; --warn-soft: #fff6df; --code-bg: #eff2f7; --pre-bg: #111827; --pre-text: #e5e9f0;
  --radius: 10px; --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word;
}
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-ink); }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h2 { font-size: 1.45rem; font-weight: 700; letter-spacing: -0.01em; }
h3 { font-size: 1.05rem; font-weight: 650; }
p { margin: 0.5rem 0 0; }
code, pre, kbd { font-family: var(--mono); font-size: 0.875em; }
code { background: var(--code-bg); border-radius: 5px; padding: 0.1em 0.4em; overflow-wrap: anywhere; }
pre {
  margin: 0.75rem 0 0; padding: 14px 16px; background: var(--pre-bg); color: var(--pre-text); border-radius: 8px;
  overflow-x: auto; max-width: 100%; line-height: 1.5; font-size: 0.83rem; tab-size: 2;
}
pre code { background: none; padding: 0; font-size: inherit; overflow-wrap: normal; }
.wrap { width: 100%; max-width: 1080px; margin: 0 auto; padding: 0 16px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }

/* Header */
.top { background: linear-gradient(160deg, #0f1b3d 0%, #18306b 100%); color: #fff; padding: 28px 0 26px; }
.eyebrow { margin: 0 0 6px; font-size: 0.78rem; letter-spacing: 0.09em; text-transform: uppercase; color: #a9c1ff; font-weight: 600; }
.top h1 { font-size: 1.65rem; font-weight: 750; letter-spacing: -0.015em; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 10px; align-items: center; margin-top: 12px; color: #d5def5; font-size: 0.93rem; }
.meta strong { color: #fff; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; background: rgba(255,255,255,0.12); color: #fff; }
.chip::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: currentColor; opacity: 0.9; }
.chip.ok { color: #9ff0bd; }
.chip.off { color: #ffc9a8; }

/* Tabs */
.tabbar { background: var(--card); border-bottom: 1px solid var(--border); }
.tabs { display: flex; flex-wrap: wrap; gap: 0 4px; }
.tab {
  appearance: none; background: none; border: 0; border-bottom: 3px solid transparent; margin: 0; padding: 13px 12px 10px;
  font: inherit; font-size: 0.95rem; font-weight: 600; color: var(--muted); cursor: pointer;
}
.tab:hover { color: var(--text); }
.tab[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
.tab:focus-visible, button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #8fb0ff; outline-offset: 2px; }

/* Panels and cards */
main.wrap { padding-top: 28px; padding-bottom: 56px; }
.panel + .panel { margin-top: 40px; }
.js .panel + .panel { margin-top: 0; }
.panel > h2 { margin-bottom: 4px; }
.lead { color: var(--muted); margin: 6px 0 18px; max-width: 70ch; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: 20px; margin-top: 16px; min-width: 0; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.card > h3 { margin-bottom: 6px; }
.card > p:first-of-type { margin-top: 4px; }
.muted { color: var(--muted); }
.small { font-size: 0.875rem; }
.grid2 { display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr); }
.grid2 > .card { margin-top: 0; }
.spaced { margin-top: 16px; }

.alert { border-radius: var(--radius); padding: 14px 16px; margin-bottom: 16px; border: 1px solid; }
.alert.warn { background: var(--warn-soft); border-color: #f2d48a; color: #5c3d00; }
.alert.bad { background: var(--bad-soft); border-color: #f4b8b2; color: #7a1a12; }

/* Endpoint rows */
.endpoint { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; margin-top: 10px; padding: 10px 12px; background: var(--soft); border-radius: 8px; }
.endpoint code { background: none; padding: 0; font-size: 0.92rem; flex: 1 1 14rem; min-width: 0; }
.method { font: 700 0.75rem/1 var(--mono); background: var(--accent); color: #fff; padding: 5px 7px; border-radius: 5px; letter-spacing: 0.04em; }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 650; padding: 2px 8px; border-radius: 999px; background: var(--accent-soft); color: var(--accent-ink); vertical-align: 2px; margin-left: 6px; }

/* Buttons */
.btn {
  appearance: none; display: inline-flex; align-items: center; justify-content: center; gap: 6px; border-radius: 8px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; font: inherit; font-weight: 650; padding: 10px 18px; cursor: pointer;
}
.btn:hover { background: var(--accent-ink); }
.btn[disabled] { opacity: 0.6; cursor: progress; }
.btn.ghost { background: var(--card); color: var(--accent); border-color: var(--border); padding: 5px 10px; font-size: 0.82rem; }
.btn.ghost:hover { border-color: var(--accent); }
.copy { display: none; }
.js .copy { display: inline-flex; }
.code-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 16px; }
.code-head h4 { margin: 0; font-size: 0.9rem; }

/* Tables */
.table-wrap { margin-top: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 10px 12px; border-bottom: 1px solid var(--border); }
thead th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); background: var(--soft); font-weight: 650; border-bottom: 1px solid var(--border); }
thead th:first-child { border-top-left-radius: 8px; }
thead th:last-child { border-top-right-radius: 8px; }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 0; }
tbody th { font-weight: 600; }
td.nowrap, th.nowrap { white-space: nowrap; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; padding: 2px 8px; border-radius: 999px; white-space: nowrap; }
.badge.req { background: var(--bad-soft); color: var(--bad); }
.badge.opt { background: var(--soft); color: var(--muted); }
.badge.ok { background: var(--ok-soft); color: var(--ok); }
.badge.kind { background: var(--accent-soft); color: var(--accent-ink); }
.aka { display: block; margin-top: 4px; font-size: 0.8rem; color: var(--muted); }

/* Requirements */
.reqs { margin: 0; }
.reqrow { display: grid; grid-template-columns: minmax(0, 1fr); gap: 4px 24px; padding: 16px 0; border-bottom: 1px solid var(--border); }
.reqrow:first-child { padding-top: 4px; }
.reqrow:last-child { border-bottom: 0; padding-bottom: 0; }
.reqrow dt { font-weight: 650; }
.reqrow dd { margin: 0; min-width: 0; }
.reqrow dd > :first-child { margin-top: 0; }
.states { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 0; padding: 0; list-style: none; }
.states li { font: 600 0.8rem/1 var(--mono); padding: 6px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--soft); }
.windows { margin: 10px 0 0; padding: 0; list-style: none; }
.windows li { padding: 6px 0; border-top: 1px dashed var(--border); }
.windows li:first-child { border-top: 0; }
.rule-list { margin: 10px 0 0; padding: 0; list-style: none; display: grid; gap: 10px; }
.rule-list li { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; }
.rule-list code { display: inline; }

/* Checklist */
.steps { margin: 8px 0 0; padding-left: 1.3rem; }
.steps li { margin: 6px 0; padding-left: 4px; }

/* Form */
form fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
form legend { font-weight: 700; font-size: 1.05rem; padding: 0; margin-bottom: 4px; }
.fields { display: grid; gap: 14px 18px; grid-template-columns: minmax(0, 1fr); margin-top: 12px; }
.field { min-width: 0; }
.field label { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; font-weight: 600; font-size: 0.92rem; }
.field label code { font-size: 0.88rem; }
.hint { display: block; margin-top: 4px; font-size: 0.8rem; color: var(--muted); }
input[type="text"], input[type="password"], .field select {
  display: block; width: 100%; margin-top: 6px; padding: 10px 12px; font: inherit; font-size: 0.95rem; color: var(--text);
  background: #fff; border: 1px solid #c9d1de; border-radius: 8px;
}
input:focus, .field select:focus { border-color: var(--accent); }
input[readonly] { background: var(--soft); }
.key-row { display: flex; gap: 8px; align-items: stretch; margin-top: 6px; }
.key-row input { margin-top: 0; flex: 1 1 auto; min-width: 0; }
.key-field { border: 1px solid #c8d6fb; background: var(--accent-soft); border-radius: var(--radius); padding: 14px; }
.form-foot { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; margin-top: 20px; }
.result { margin-top: 24px; }
.status { margin-top: 8px; font-weight: 600; }
.status.ok { color: var(--ok); }
.status.bad { color: var(--bad); }
pre.reply { white-space: pre-wrap; overflow-wrap: anywhere; }
pre.reply code { overflow-wrap: anywhere; }
#response:empty::before { content: "The reply appears here, as the server sends it."; color: #9aa5b8; }

footer { border-top: 1px solid var(--border); padding: 20px 0 32px; color: var(--muted); font-size: 0.875rem; }

/* Narrow screens: tables become stacked cards. */
@media (max-width: 719px) {
  .top { padding: 22px 0 20px; }
  .top h1 { font-size: 1.4rem; }
  h2 { font-size: 1.25rem; }
  .card { padding: 16px; }
  .tab { padding: 11px 9px 8px; font-size: 0.9rem; }
  .stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); }
  .stack, .stack tbody, .stack tr, .stack td, .stack th { display: block; width: 100%; }
  .stack tr { border: 1px solid var(--border); border-radius: 8px; padding: 8px 12px; margin-top: 10px; }
  .stack td, .stack tbody th { border: 0; padding: 5px 0 5px 6.75rem; position: relative; min-height: 1.9em; }
  .stack td::before, .stack tbody th::before {
    content: attr(data-label); position: absolute; left: 0; top: 7px; width: 6rem;
    font-size: 0.72rem; font-weight: 650; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
  }
  .stack td.nowrap { white-space: normal; }
  .compact thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); }
  .compact, .compact tbody, .compact tr, .compact td { display: block; width: 100%; }
  .compact tr { padding: 10px 0; border-bottom: 1px solid var(--border); }
  .compact tr:last-child { border-bottom: 0; }
  .compact td { border: 0; padding: 2px 0; }
  .compact td + td { color: var(--muted); font-size: 0.9rem; }
  .stack tbody th { padding-left: 0; padding-bottom: 8px; }
  .stack tbody th::before { display: none; }
  .endpoint .copy { margin-left: auto; }
  .endpoint code { order: 3; flex-basis: 100%; }
}
@media (min-width: 720px) {
  .top h1 { font-size: 1.9rem; }
  .tabbar { position: sticky; top: 0; z-index: 5; box-shadow: 0 1px 3px rgba(16, 24, 40, 0.05); }
  .grid2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .creds th:first-child { width: 8.5rem; }
  .creds td:nth-child(2) code { white-space: nowrap; }
  #fields-table tbody th code, #fields-table .aka code { white-space: nowrap; }
  #fields-table td:last-child { max-width: 17rem; }
  .fields { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .reqrow { grid-template-columns: 13rem minmax(0, 1fr); }
  .field.wide { grid-column: 1 / -1; }
}
@media (min-width: 1000px) {
  .fields { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
@media print {
  .tabbar, .copy, #test-form, .result { display: none !important; }
  .panel[hidden] { display: block !important; }
  body { background: #fff; }
}
`;
