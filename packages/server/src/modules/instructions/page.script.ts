/**
 * The page's only script, inlined (no build step, no framework): tabs (WAI-ARIA tabs pattern,
 * with arrow keys and #hash deep links), copy buttons, and the test form, which posts JSON to
 * /ca/submit (or, on a dialer source's page, form fields to the dialer insert) and shows the
 * reply text exactly as received. Without it every section is shown in one page and the test
 * form still posts (form-encoded) to its door.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');

  var tablist = document.querySelector('[role="tablist"]');
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function panelOf(tab) { return document.getElementById(tab.getAttribute('aria-controls')); }
  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    });
    if (focus) tab.focus();
  }
  function byName(name) {
    for (var i = 0; i < tabs.length; i++) if (tabs[i].getAttribute('data-tab') === name) return tabs[i];
    return null;
  }
  function remember(tab) {
    if (history.replaceState) history.replaceState(null, '', '#' + tab.getAttribute('data-tab'));
  }
  if (tablist && tabs.length) {
    tablist.hidden = false;
    tabs.forEach(function (tab, i) {
      tab.addEventListener('click', function () { select(tab, false); remember(tab); });
      tab.addEventListener('keydown', function (e) {
        var j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
        if (j === null) return;
        e.preventDefault();
        var next = tabs[(j + tabs.length) % tabs.length];
        select(next, true);
        remember(next);
      });
    });
    select(byName(location.hash.slice(1)) || tabs[0], false);
    window.addEventListener('hashchange', function () {
      var tab = byName(location.hash.slice(1));
      if (tab) select(tab, false);
    });
    Array.prototype.forEach.call(document.querySelectorAll('a[data-goto]'), function (a) {
      a.addEventListener('click', function (e) {
        var tab = byName(a.getAttribute('data-goto'));
        if (!tab) return;
        e.preventDefault();
        select(tab, true);
        remember(tab);
        window.scrollTo(0, 0);
      });
    });
  }

  // Copy buttons: data-copy names the element whose text is copied.
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      return;
    }
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.setAttribute('aria-hidden', 'true');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    done(ok);
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    var label = button.textContent;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source) return;
      copyText(source.textContent, function (ok) {
        button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
        setTimeout(function () { button.textContent = label; }, 1600);
      });
    });
  });

  // Show / hide the auth key.
  var reveal = document.getElementById('reveal-auth');
  var auth = document.getElementById('t-auth');
  if (reveal && auth) {
    reveal.hidden = false;
    reveal.addEventListener('click', function () {
      var show = auth.type === 'password';
      auth.type = show ? 'text' : 'password';
      reveal.setAttribute('aria-pressed', show ? 'true' : 'false');
      reveal.textContent = show ? 'Hide' : 'Show';
    });
  }

  // The test form: JSON to /ca/submit (form fields to the dialer door), the reply shown as received.
  var form = document.getElementById('test-form');
  var dialer = form && form.getAttribute('data-door') === 'dialer';
  var secret = (form && form.getAttribute('data-secret')) || 'auth';
  var out = document.getElementById('response');
  var status = document.getElementById('response-status');
  var sent = document.getElementById('request-sent');
  var button = document.getElementById('send-test');
  if (!form || !out || !status) return;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'submit' || el.type === 'button') return;
      var value = String(el.value).trim();
      if (value !== '') body[el.name] = value;
    });
    if (!dialer) body.test = 'true';
    var shown = {};
    Object.keys(body).forEach(function (k) { shown[k] = k === secret ? '•••••• (hidden)' : body[k]; });
    if (sent) sent.textContent = JSON.stringify(shown, null, 2);
    status.className = 'status';
    status.textContent = 'Sending…';
    out.textContent = '';
    if (button) button.disabled = true;
    var encoded = new URLSearchParams();
    Object.keys(body).forEach(function (k) { encoded.append(k, body[k]); });
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: dialer ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' } : { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: dialer ? encoded.toString() : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (res) {
      return res.text().then(function (text) {
        var reply = null;
        try { reply = JSON.parse(text); } catch (err) { reply = null; }
        var ok = !!reply && (dialer ? reply.success === true : reply.leadStatus === true);
        var verdict = !reply ? '' : dialer
          ? (ok ? ': inserted, lead_id ' + reply.id : ': refused (' + reply.code + ' ' + reply.text + ')')
          : reply.leadStatus ? (reply.testLead ? ': test lead accepted' : ': accepted') : ': rejected' + (reply.message ? ' (' + reply.message + ')' : '');
        status.textContent = 'HTTP ' + res.status + verdict;
        status.className = 'status ' + (ok ? 'ok' : 'bad');
        out.textContent = text;
      });
    }).catch(function (err) {
      status.className = 'status bad';
      status.textContent = 'The request did not reach the server: ' + (err && err.message ? err.message : err);
    }).then(function () {
      if (button) button.disabled = false;
    });
  });
})();
`;
