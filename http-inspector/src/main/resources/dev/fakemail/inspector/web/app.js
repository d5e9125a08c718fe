'use strict';
// The fakemail web page: plain DOM, no framework. Message data is only ever put into the page as
// text (textContent), never as markup; the HTML body goes into a sandboxed frame served by the API
// under a policy that runs no script and loads nothing remote. The message checks read the HTML with
// DOMParser, whose document is inert (no script runs, nothing loads) and is never shown.
(function () {
  const API = 'api/v1/';
  const GMAIL_CLIP_BYTES = 102 * 1024;
  const VIEWS = ['messages', 'mailboxes', 'sessions', 'deliveries', 'dns', 'faults'];
  const $ = (id) => document.getElementById(id);
  let view = 'messages';
  let selectedId = null;
  let selectedSession = null;
  let known = new Set();
  let currentTab = 'text';
  const timers = {};

  // ---- API access: token asked once (in-page dialog), kept in sessionStorage for the tab ----
  function token() { return sessionStorage.getItem('fakemail.token'); }

  function withToken(url) {
    const t = token();
    return t ? url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(t) : url;
  }

  let tokenAsked = null;
  function askToken() {
    if (!tokenAsked) {
      tokenAsked = new Promise((resolve) => {
        const dlg = $('token-dialog');
        $('token-input').value = '';
        $('token-form').onsubmit = (e) => {
          e.preventDefault();
          const t = $('token-input').value.trim();
          if (!t) { return; }
          sessionStorage.setItem('fakemail.token', t);
          dlg.close();
          tokenAsked = null;
          connectEvents();
          resolve();
        };
        dlg.showModal();
        $('token-input').focus();
      });
    }
    return tokenAsked;
  }

  async function call(path, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = Object.assign({}, opts.headers || {});
    // the server refuses state-changing requests without it (CSRF: no other site can send it without a preflight)
    opts.headers['X-FakeMail-Request'] = '1';
    const t = token();
    if (t) { opts.headers['Authorization'] = 'Bearer ' + t; }
    const res = await fetch(API + path, opts);
    if (res.status === 401) {
      await askToken();
      return call(path, options);
    }
    if (!res.ok && res.status !== 204) {
      let msg = res.status + ' ' + res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return res;
  }

  const getJson = async (path) => (await call(path)).json();
  const sendJson = (method, path, body) => call(path, {
    method: method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  });

  // ---- small DOM helpers (text only) ----
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function link(text, hash) {
    const a = el('a', null, text);
    a.href = hash;
    return a;
  }

  function tr(cells) {
    const row = el('tr');
    for (const c of cells) {
      const td = el('td');
      if (c instanceof Node) { td.append(c); } else { td.textContent = c === undefined || c === null ? '' : String(c); }
      row.append(td);
    }
    return row;
  }

  function addresses(list) {
    return (list || []).map((a) => a.name ? a.name + ' <' + a.address + '>' : a.address).join(', ');
  }

  function time(iso) {
    if (!iso) { return ''; }
    const d = new Date(iso);
    const today = new Date();
    return d.toDateString() === today.toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
  }

  function bytes(n) {
    return n < 1024 ? n + ' B' : (n / 1024).toFixed(1) + ' KB';
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === '') { return; }
    const dd = el('dd');
    if (value instanceof Node) { dd.append(value); } else { dd.textContent = String(value); }
    dl.append(el('dt', null, name), dd);
  }

  function later(name, fn, ms) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(fn, ms === undefined ? 100 : ms);
  }

  // ---- routing: #/view[/id] ----
  function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/');
    const v = VIEWS.includes(parts[0]) ? parts[0] : 'messages';
    const id = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null;
    view = v;
    for (const name of VIEWS) { $('page-' + name).hidden = name !== v; }
    for (const a of document.querySelectorAll('#views a')) {
      if (a.dataset.view === v) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
    }
    document.title = 'fakemail \u2013 ' + v;
    if (v === 'messages') {
      loadList();
      if (id && id !== selectedId) { openMessage(id); } else if (!id && selectedId) { closeView(); }
    } else if (v === 'sessions') {
      selectedSession = id;
      loadSessions();
    } else {
      refresh(v);
    }
  }

  function refresh(v) {
    if (v === 'messages') { return loadList(); }
    if (v === 'mailboxes') { return loadMailboxes(); }
    if (v === 'sessions') { return loadSessions(); }
    if (v === 'deliveries') { return loadDeliveries(); }
    if (v === 'dns') { return loadDns(); }
    if (v === 'faults') { return loadFaults(); }
  }

  // ---- Messages ----
  async function loadList() {
    const q = $('search').value.trim();
    const params = new URLSearchParams({ order: 'newest', limit: '500' });
    if (q) { params.set('q', q); }
    let body;
    try {
      body = await getJson('messages?' + params);
    } catch (e) {
      $('count').textContent = 'error: ' + e.message;
      return;
    }
    const ul = $('messages');
    const focusedId = document.activeElement && document.activeElement.closest('#messages li')
      ? document.activeElement.closest('li').dataset.id : null;
    const fresh = new Set();
    ul.replaceChildren();
    for (const m of body.messages) {
      const li = el('li');
      li.dataset.id = m.id;
      if (known.size && !known.has(m.id)) { li.classList.add('fresh'); }
      fresh.add(m.id);
      const a = el('a', 'item');
      a.href = '#/messages/' + encodeURIComponent(m.id);
      if (m.id === selectedId) { li.classList.add('selected'); a.setAttribute('aria-current', 'true'); }
      const top = el('span', 'li-top');
      const from = addresses(m.from) || m.envelope.from || '(no sender)';
      top.append(el('span', 'li-from', from), el('span', 'li-time', time(m.receivedAt)));
      a.append(top, el('span', 'li-subject', m.subject || '(no subject)'),
        el('span', 'li-to', 'to ' + m.envelope.to.join(', ') + (m.attachments ? '  \u00b7  ' + m.attachments + ' attachment(s)' : '')));
      if (m.verdicts) {
        const v = el('span', 'li-auth');
        for (const k of ['spf', 'dkim', 'dmarc']) { v.append(authBadge(k, m.verdicts[k]), ' '); }
        a.append(v);
      }
      li.append(a);
      ul.append(li);
      if (m.id === focusedId) { a.focus(); }
    }
    known = fresh;
    $('empty').hidden = body.messages.length > 0;
    $('count').textContent = body.total + (body.total === 1 ? ' message' : ' messages');
  }

  function showTab(name) {
    currentTab = name;
    for (const b of document.querySelectorAll('.tabs button')) {
      const on = b.dataset.tab === name;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
    }
    for (const p of document.querySelectorAll('.panel')) { p.classList.toggle('active', p.dataset.panel === name); }
    if (name === 'raw' && selectedId && !$('raw').dataset.loaded) { loadRaw(selectedId); }
  }

  async function loadRaw(id) {
    const text = await (await call('messages/' + encodeURIComponent(id) + '/raw')).text();
    if (id === selectedId) { $('raw').textContent = text; $('raw').dataset.loaded = '1'; }
  }

  async function openMessage(id) {
    selectedId = id;
    for (const li of $('messages').children) { li.classList.toggle('selected', li.dataset.id === id); }
    let m;
    try {
      m = await getJson('messages/' + encodeURIComponent(id));
    } catch (e) {
      $('placeholder').textContent = 'Could not open message ' + id + ': ' + e.message;
      $('placeholder').hidden = false;
      $('view').hidden = true;
      return;
    }
    if (id !== selectedId) { return; }
    const base = API + 'messages/' + encodeURIComponent(id);
    $('placeholder').hidden = true;
    $('view').hidden = false;
    $('subject').textContent = m.subject || '(no subject)';
    const dl = $('summary');
    dl.replaceChildren();
    row(dl, 'From', addresses(m.from));
    row(dl, 'To', addresses(m.to));
    row(dl, 'Cc', addresses(m.cc));
    row(dl, 'Bcc', (m.bcc || []).join(', '));
    row(dl, 'Reply-To', addresses(m.replyTo));
    row(dl, 'Date', m.date ? new Date(m.date).toLocaleString() : '');
    row(dl, 'Received', new Date(m.receivedAt).toLocaleString() + ' on '
        + (m.session.provider ? m.session.provider + ' API (key ' + m.session.authUser + ')' : m.listener));
    row(dl, 'Envelope', 'MAIL FROM:<' + m.envelope.from + '>  RCPT TO: ' + m.envelope.to.join(', '));
    row(dl, 'Size', m.size + ' bytes');
    row(dl, 'Parse error', m.parseError);
    const atts = $('attachments');
    atts.replaceChildren();
    for (const a of m.attachments) {
      const dl2 = el('a', null, (a.filename || 'attachment-' + a.index) + ' (' + a.contentType + ', ' + a.size + ' bytes)');
      dl2.href = withToken(base + '/attachments/' + a.index);
      dl2.setAttribute('download', a.filename || 'attachment-' + a.index);
      atts.append(dl2);
    }
    $('text').textContent = m.text || '(no text body)';
    const frame = $('html');
    if (m.html) {
      frame.hidden = false;
      $('no-html').hidden = true;
      frame.src = withToken(base + '/html');
    } else {
      frame.hidden = true;
      frame.removeAttribute('src');
      $('no-html').hidden = false;
    }
    const tbody = $('headers').tBodies[0];
    tbody.replaceChildren();
    for (const h of m.headers) { tbody.append(tr([h.name, h.value])); }
    const s = $('session');
    s.replaceChildren();
    const sid = m.session.sessionId;
    // a provider message's session id is the provider's message id: there is no SMTP transcript to link
    row(s, 'Session', sid && sid !== 'relay' && !m.session.provider ? link(sid, '#/sessions/' + encodeURIComponent(sid)) : sid);
    row(s, 'Client', m.session.clientAddress);
    row(s, 'HELO', m.session.helo);
    row(s, 'Auth user', m.session.authUser);
    row(s, 'Provider', m.session.provider ? m.session.provider + ' HTTP API, key ' + m.session.authUser : '');
    row(s, 'TLS', m.session.tls ? m.session.tlsProtocol + ' ' + m.session.tlsCipher : 'no');
    $('raw').textContent = '';
    delete $('raw').dataset.loaded;
    $('download-raw').href = withToken(base + '/eml');
    $('download-raw').setAttribute('download', 'message-' + id + '.eml');
    showAuthentication(m);
    showChecks(m);
    showTab(currentTab === 'html' && !m.html ? 'text' : currentTab);
  }

  // ---- sender authentication: a badge per method whose text says the verdict (colour only repeats it) ----
  const AUTH_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'];
  function authBadge(method, result) {
    const r = AUTH_RESULTS.includes(result) ? result : 'none';
    const b = el('span', 'auth auth-' + r, method.toUpperCase() + ' ' + (result || 'none'));
    b.dataset.method = method;
    return b;
  }

  function authCheck(check, label) {
    const d = el('details', 'auth-check');
    d.dataset.method = check.method;
    const s = el('summary');
    s.append(authBadge(check.method, check.result), ' ' + label);
    d.append(s);
    const dl = el('dl');
    for (const [k, v] of Object.entries(check.properties || {})) { row(dl, k, v); }
    row(dl, 'Reason', check.reason || '(none given)');
    d.append(dl);
    return d;
  }

  function showAuthentication(m) {
    const box = $('auth');
    box.replaceChildren();
    const a = m.authentication;
    if (!a) { box.hidden = true; return; }
    box.hidden = false;
    box.append(el('h3', null, 'Sender authentication'));
    const spfId = a.spf.properties && (a.spf.properties['smtp.mailfrom'] || a.spf.properties['smtp.helo']);
    box.append(authCheck(a.spf, spfId ? 'for ' + spfId : ''));
    if (a.dkim.length) {
      a.dkim.forEach((c, i) => {
        const d = c.properties && (c.properties['header.d'] || c.properties['header.i']);
        box.append(authCheck(c, 'signature ' + (i + 1) + ' of ' + a.dkim.length + (d ? ', d=' + d : '')));
      });
    } else {
      box.append(authCheck({ method: 'dkim', result: a.dkimResult, reason: 'the message has no DKIM signature', properties: {} }, 'no signature'));
    }
    const from = a.dmarc.properties && a.dmarc.properties['header.from'];
    box.append(authCheck(a.dmarc, from ? 'for ' + from : ''));
    const hdr = el('details', 'auth-check');
    hdr.append(el('summary', null, 'Authentication-Results header'), el('code', 'reply', a.header));
    box.append(hdr);
  }

  function closeView() {
    selectedId = null;
    $('view').hidden = true;
    $('placeholder').hidden = false;
    $('placeholder').textContent = 'Select a message.';
    for (const li of $('messages').children) { li.classList.remove('selected'); }
  }

  // ---- message checks ----
  function header(m, name) {
    const h = m.headers.find((x) => x.name.toLowerCase() === name.toLowerCase());
    return h ? h.value : null;
  }

  function linkKind(href) {
    const h = href.trim().toLowerCase();
    if (h.startsWith('mailto:')) { return 'mailto'; }
    if (h.startsWith('tel:')) { return 'tel'; }
    if (h.startsWith('https:')) { return 'https'; }
    if (h.startsWith('http:')) { return 'http (not encrypted)'; }
    if (h.startsWith('#')) { return 'anchor'; }
    return 'other';
  }

  function checks(m) {
    const found = [];
    const add = (level, text) => found.push({ level: level, text: text });
    const links = [];
    const images = [];
    const htmlBytes = m.html ? new TextEncoder().encode(m.html).length : 0;
    let ownDark = false;
    if (m.html) {
      const doc = new DOMParser().parseFromString(m.html, 'text/html');
      ownDark = Array.from(doc.querySelectorAll('style')).some((st) => /prefers-color-scheme\s*:\s*dark|color-scheme\s*:[^;}]*dark/i.test(st.textContent))
        || Array.from(doc.querySelectorAll('meta[name=color-scheme], meta[name=supported-color-schemes]')).some((mt) => /dark/i.test(mt.getAttribute('content') || ''));
      for (const a of doc.querySelectorAll('a[href], area[href]')) {
        const href = a.getAttribute('href');
        const text = (a.textContent || '').replace(/\s+/g, ' ').trim()
          || Array.from(a.querySelectorAll('img[alt]')).map((i) => '[image: ' + i.getAttribute('alt') + ']').join(' ');
        links.push({ href: href, kind: linkKind(href), text: text });
      }
      for (const img of doc.querySelectorAll('img')) {
        const w = parseInt(img.getAttribute('width'), 10);
        const h = parseInt(img.getAttribute('height'), 10);
        const pixel = (w >= 0 && w <= 1) || (h >= 0 && h <= 1);
        images.push({
          src: img.getAttribute('src') || '', width: isNaN(w) ? '' : w, height: isNaN(h) ? '' : h,
          alt: img.hasAttribute('alt') ? img.getAttribute('alt') : null, pixel: pixel
        });
      }
    }
    add('info', 'Message size ' + bytes(m.size) + '; HTML body ' + bytes(htmlBytes) + ' (Gmail clips HTML over 102 KB).');
    if (htmlBytes > GMAIL_CLIP_BYTES) { add('warn', 'The HTML body is over 102 KB: Gmail clips it and shows "[Message clipped]".'); }
    if (m.html && !m.text) { add('warn', 'No plain-text part: some clients and spam filters expect text/plain beside the HTML.'); }
    const noAlt = images.filter((i) => i.alt === null && !i.pixel).length;
    if (noAlt) { add('warn', noAlt + (noAlt === 1 ? ' image has' : ' images have') + ' no alt attribute.'); }
    const pixels = images.filter((i) => i.pixel).length;
    if (pixels) { add('info', pixels + ' tracking-pixel sized ' + (pixels === 1 ? 'image' : 'images') + ' (1\u00d71 or smaller).'); }
    const lu = header(m, 'List-Unsubscribe');
    const lup = header(m, 'List-Unsubscribe-Post');
    const bulk = !!(header(m, 'List-Id') || /bulk|list/i.test(header(m, 'Precedence') || ''));
    if (lu) { add('ok', 'List-Unsubscribe: ' + lu); } else { add(bulk ? 'warn' : 'info', 'No List-Unsubscribe header' + (bulk ? ' on bulk mail (Gmail and Yahoo require it for bulk senders).' : '.')); }
    if (lup) { add('ok', 'List-Unsubscribe-Post: ' + lup + ' (one-click unsubscribe).'); } else if (lu || bulk) { add('warn', 'No List-Unsubscribe-Post header: one-click unsubscribe (RFC 8058) is missing.'); }
    if (m.html) {
      if (ownDark) { add('ok', 'The HTML has its own dark scheme (prefers-color-scheme or color-scheme); the dark preview uses it.'); } else {
        add('info', 'No dark-scheme styles: clients that force dark mode invert its colours (the dark preview does so too).');
      }
    }
    const httpLinks = links.filter((l) => l.kind.startsWith('http (')).length;
    if (httpLinks) { add('info', httpLinks + ' link(s) use plain http.'); }
    return { findings: found, links: links, images: images, ownDark: ownDark };
  }

  function showChecks(m) {
    const c = checks(m);
    // a mail with its own dark styles gets them (the frame's colour scheme); any other is inverted
    $('frame-box').classList.toggle('own-dark', c.ownDark);
    const ul = $('findings');
    ul.replaceChildren();
    for (const f of c.findings) {
      const li = el('li', 'finding ' + f.level);
      li.append(el('span', 'level', f.level === 'warn' ? 'Warning' : f.level === 'ok' ? 'OK' : 'Info'), el('span', null, f.text));
      ul.append(li);
    }
    const lb = $('links').tBodies[0];
    lb.replaceChildren();
    for (const l of c.links) { lb.append(tr([l.kind, l.href, l.text || '(no text)'])); }
    if (!c.links.length) { lb.append(tr(['', m.html ? 'No links.' : 'No HTML body.', ''])); }
    const ib = $('images').tBodies[0];
    ib.replaceChildren();
    for (const i of c.images) {
      const size = i.width !== '' || i.height !== '' ? (i.width === '' ? '?' : i.width) + '\u00d7' + (i.height === '' ? '?' : i.height) : '';
      ib.append(tr([i.src, size, i.alt === null ? '(missing)' : i.alt, i.pixel ? 'tracking pixel?' : '']));
    }
    if (!c.images.length) { ib.append(tr(['No images.', '', '', ''])); }
  }

  // ---- Mailboxes: each recipient, and on expanding it its folders (live from mailbox events) ----
  const openBoxes = new Set();
  async function loadMailboxes() {
    let boxes;
    try { boxes = await getJson('mailboxes'); } catch (e) { $('mailboxes-empty').textContent = 'error: ' + e.message; return; }
    const active = document.activeElement;
    const focusAddress = active && active.closest && active.closest('#mailboxes tr[data-address]')
      ? active.closest('tr[data-address]').dataset.address : null;
    const tb = $('mailboxes').tBodies[0];
    const rows = [];
    for (const b of boxes) {
      const details = el('details', 'folders');
      const summary = el('summary', null, 'Folders');
      summary.append(el('span', 'sr-only', ' of ' + b.address));
      details.append(summary);
      details.addEventListener('toggle', () => {
        if (details.open) { openBoxes.add(b.address); loadFolders(b.address, details); } else { openBoxes.delete(b.address); }
      });
      const r = tr([link(b.address, '#/messages'), b.messages, b.unseen, details]);
      r.dataset.address = b.address;
      r.querySelector('a').addEventListener('click', () => { $('search').value = b.address; });
      rows.push(r);
      if (openBoxes.has(b.address)) { details.open = true; }
    }
    tb.replaceChildren(...rows);
    if (focusAddress) {
      const again = tb.querySelector('tr[data-address="' + CSS.escape(focusAddress) + '"] summary');
      if (again) { again.focus(); }
    }
    $('mailboxes-empty').hidden = boxes.length > 0;
  }

  async function loadFolders(address, details) {
    let box;
    try { box = await getJson('mailboxes/' + encodeURIComponent(address)); } catch (e) {
      details.replaceChildren(details.firstChild, el('p', 'error', e.message));
      return;
    }
    const t = el('table', 'grid folder-table');
    const cap = el('caption', 'sr-only', 'Folders of ' + address);
    const head = el('thead');
    const hr = el('tr');
    for (const h of ['Folder', 'Messages', 'Unseen', 'Subscribed']) { const th = el('th', null, h); th.scope = 'col'; hr.append(th); }
    head.append(hr);
    const body = el('tbody');
    for (const f of box.folders) {
      const r = tr([f.name + (f.specialUse ? ' (' + f.specialUse + ')' : '') + (f.selectable ? '' : ' (no messages: holds subfolders)'),
        f.messages, f.unseen, f.subscribed ? 'yes' : 'no']);
      r.dataset.folder = f.name;
      body.append(r);
    }
    t.append(cap, head, body);
    details.replaceChildren(details.firstChild, t);
  }

  // ---- Sessions ----
  let sessionsCache = [];
  let sessionsSig = null;
  async function loadSessions() {
    let fresh;
    try { fresh = await getJson('sessions'); } catch (e) { $('sessions-empty').textContent = 'error: ' + e.message; return; }
    // polled: leave the DOM (and the keyboard focus in it) alone when nothing changed
    const sig = JSON.stringify(fresh) + '|' + selectedSession;
    if (sig === sessionsSig) { return; }
    sessionsSig = sig;
    sessionsCache = fresh;
    const sel = $('session-listener');
    const listeners = Array.from(new Set(sessionsCache.map((s) => s.listener))).sort();
    const chosen = sel.value;
    sel.replaceChildren(el('option', null, 'all'));
    sel.firstChild.value = '';
    for (const l of listeners) { const o = el('option', null, l); o.value = l; sel.append(o); }
    sel.value = listeners.includes(chosen) ? chosen : '';
    renderSessions();
  }

  function renderSessions() {
    const listener = $('session-listener').value;
    const q = $('session-filter').value.trim().toLowerCase();
    const ul = $('sessions');
    ul.replaceChildren();
    const shown = sessionsCache.filter((s) => (!listener || s.listener === listener)
      && (!q || (s.clientAddress || '').toLowerCase().includes(q) || (s.authUser || '').toLowerCase().includes(q)));
    for (const s of shown.slice().reverse()) {
      const li = el('li');
      li.dataset.id = s.id;
      const a = el('a', 'item');
      a.href = '#/sessions/' + encodeURIComponent(s.id);
      if (s.id === selectedSession) { li.classList.add('selected'); a.setAttribute('aria-current', 'true'); }
      const faults = s.transcript.filter(isFaultLine).length;
      const top = el('span', 'li-top');
      top.append(el('span', 'li-from', s.id), el('span', 'li-time', time(s.startedAt)));
      a.append(top, el('span', 'li-to', s.clientAddress + (s.authUser ? ' \u00b7 user ' + s.authUser : '')
        + ' \u00b7 ' + s.messageIds.length + ' message(s)' + (faults ? ' \u00b7 ' + faults + ' fault(s)' : '')
        + (s.endedAt ? '' : ' \u00b7 open')));
      li.append(a);
      ul.append(li);
    }
    $('sessions-empty').hidden = shown.length > 0;
    showSession();
  }

  function isFaultLine(l) { return l.direction === 'S' && /^\[fault /.test(l.text); }

  function showSession() {
    const s = sessionsCache.find((x) => x.id === selectedSession);
    $('session-view').hidden = !s;
    $('session-placeholder').hidden = !!s;
    if (!s) {
      $('session-placeholder').textContent = selectedSession ? 'No session ' + selectedSession + ' (the server keeps a limited number).' : 'Select a session.';
      return;
    }
    $('session-title').textContent = 'Session ' + s.id;
    const dl = $('session-summary');
    dl.replaceChildren();
    row(dl, 'Listener', s.listener);
    row(dl, 'Client', s.clientAddress);
    row(dl, 'Started', new Date(s.startedAt).toLocaleString());
    row(dl, 'Ended', s.endedAt ? new Date(s.endedAt).toLocaleString() : 'still open');
    row(dl, 'HELO', s.helo);
    row(dl, 'User', s.authUser);
    row(dl, 'TLS', s.tls ? s.tlsProtocol + ' ' + s.tlsCipher : 'no');
    if (s.messageIds.length) {
      const span = el('span');
      s.messageIds.forEach((id, i) => { if (i) { span.append(', '); } span.append(link(id, '#/messages/' + encodeURIComponent(id))); });
      row(dl, 'Messages', span);
    }
    const ol = $('transcript');
    ol.replaceChildren();
    for (const l of s.transcript) {
      const li = el('li', 'line ' + (l.direction === 'C' ? 'client' : 'server') + (isFaultLine(l) ? ' fault' : ''));
      li.append(el('span', 'dir', l.direction === 'C' ? 'C:' : 'S:'), el('span', 'txt', l.text));
      if (isFaultLine(l)) { li.prepend(el('span', 'sr-only', 'fault: ')); }
      ol.append(li);
    }
  }

  // ---- Deliveries ----
  async function loadDeliveries() {
    let body;
    try { body = await getJson('deliveries'); } catch (e) { $('deliveries-empty').textContent = 'error: ' + e.message; return; }
    const byMessage = new Map();
    for (const d of body.deliveries) {
      if (!byMessage.has(d.messageId)) { byMessage.set(d.messageId, []); }
      byMessage.get(d.messageId).push(d);
    }
    const box = $('deliveries');
    box.replaceChildren();
    for (const [id, attempts] of Array.from(byMessage.entries()).reverse()) {
      const sec = el('section', 'timeline');
      sec.dataset.messageId = id;
      const h = el('h3');
      h.append('Message ', link(id, '#/messages/' + encodeURIComponent(id)), ' from ' + (attempts[0].sender || '<>'));
      sec.append(h);
      const ol = el('ol', 'attempts');
      for (const d of attempts) {
        const li = el('li', 'attempt ' + d.outcome);
        li.append(el('span', 'badge ' + d.outcome, d.outcome),
          el('span', 'when', time(d.time) + ' (simulated clock) \u00b7 attempt ' + d.attempt),
          el('span', null, ' to ' + d.recipient + (d.host ? ' via ' + d.host : ' (no route)')),
          el('code', 'reply', d.reply));
        if (d.outcome === 'bounced') {
          const dsn = el('span', 'dsn', ' looking for the bounce\u2026');
          li.append(dsn);
          findDsn(id, d.sender).then((dsnId) => {
            dsn.replaceChildren();
            if (dsnId) { dsn.append(' ', link('Bounce (DSN) ' + dsnId, '#/messages/' + encodeURIComponent(dsnId))); } else {
              dsn.textContent = d.sender ? ' (no bounce stored here)' : ' (null sender: no bounce)';
            }
          });
        }
        ol.append(li);
      }
      sec.append(ol);
      box.append(sec);
    }
    $('deliveries-empty').hidden = byMessage.size > 0;
  }

  // The DSN a bounce produced: a message to the sender that names the queue id (the original's id).
  const dsnFound = new Map();
  async function findDsn(messageId, sender) {
    if (!sender) { return null; }
    if (dsnFound.has(messageId)) { return dsnFound.get(messageId); }
    try {
      const list = await getJson('messages?' + new URLSearchParams({ to: sender, subject: 'Undelivered', limit: '50', order: 'newest' }));
      for (const m of list.messages) {
        const raw = await (await call('messages/' + encodeURIComponent(m.id) + '/raw')).text();
        if (raw.includes('X-Fakemail-Queue-ID: ' + messageId + '\r\n') || raw.includes('X-Fakemail-Queue-ID: ' + messageId + '\n')) {
          dsnFound.set(messageId, m.id);
          return m.id;
        }
      }
    } catch (e) { /* shown as not found */ }
    return null;
  }

  // ---- DNS ----
  async function loadDns() {
    let records;
    try { records = await getJson('dns/records'); } catch (e) { $('dns-error').textContent = e.message; return; }
    const tb = $('dns').tBodies[0];
    tb.replaceChildren();
    for (const r of records) {
      const rm = el('button', 'small', 'Remove');
      rm.type = 'button';
      rm.setAttribute('aria-label', 'Remove ' + r.name + ' ' + r.type + ' ' + r.value);
      rm.addEventListener('click', async () => {
        try {
          await call('dns/records?' + new URLSearchParams({ name: r.name, type: r.type, value: r.value }), { method: 'DELETE' });
          $('dns-error').textContent = '';
        } catch (e) { $('dns-error').textContent = e.message; }
        loadDns();
      });
      tb.append(tr([r.name, r.type, r.value, r.ttl, rm]));
    }
    $('dns-empty').hidden = records.length > 0;
  }

  // ---- Faults ----
  const PRESETS = {
    greylisting: () => ({ preset: 'greylisting' }),
    rateLimit: (v) => ({ preset: 'rateLimit', messages: parseInt(v, 10) || 1 }),
    mailboxFull: (v) => ({ preset: 'mailboxFull', address: v }),
    rcpt550: () => ({ stage: 'RCPT', action: 'REPLY', reply: '550 5.1.1 No such user (fault rule)' }),
    disconnect: () => ({ stage: 'END_OF_DATA', action: 'DISCONNECT' })
  };

  function describeMatch(m) {
    const parts = Object.entries(m || {}).filter((e) => e[1]).map((e) => e[0] + '=' + e[1]);
    return parts.length ? parts.join(' ') : 'any';
  }

  let faultsSig = null;
  async function loadFaults() {
    let rules;
    try { rules = await getJson('faults'); } catch (e) { $('fault-error').textContent = e.message; return; }
    // the server counts each rule's firings (SMTP, POP3, IMAP and the provider APIs alike)
    const sig = JSON.stringify(rules);
    if (sig === faultsSig) { return; }
    faultsSig = sig;
    const tb = $('faults').tBodies[0];
    tb.replaceChildren();
    for (const f of rules) {
      const rm = el('button', 'small', 'Remove');
      rm.type = 'button';
      rm.setAttribute('aria-label', 'Remove rule ' + f.id);
      rm.addEventListener('click', async () => {
        try { await call('faults/' + encodeURIComponent(f.id), { method: 'DELETE' }); } catch (e) { $('fault-error').textContent = e.message; }
        loadFaults();
      });
      const action = f.action + (f.reply ? ' ' + f.reply : '') + (f.delayMs ? ' ' + f.delayMs + ' ms' : '')
        + (f.times ? ' \u00b7 ' + f.times + ' time(s)' : '') + (f.after ? ' \u00b7 after ' + f.after : '')
        + (f.probability < 1 ? ' \u00b7 p=' + f.probability : '') + (f.windowMs ? ' \u00b7 window ' + f.windowMs + ' ms' : '')
        + (f.greylistMs ? ' \u00b7 greylist ' + f.greylistMs + ' ms' : '');
      const row2 = tr([f.id, f.stage, describeMatch(f.match), action, String(f.fired || 0), rm]);
      row2.dataset.id = f.id;
      tb.append(row2);
    }
    $('faults-empty').hidden = rules.length > 0;
  }

  // ---- live updates ----
  let events = null;
  function connectEvents() {
    if (events) { events.close(); }
    events = new EventSource(withToken(API + 'events'));
    events.addEventListener('ready', () => { $('live').textContent = 'live'; $('live').className = 'on'; later('view', () => refresh(view)); });
    const changed = () => {
      if (view === 'messages') { later('list', loadList); }
      if (view === 'mailboxes') { later('mailboxes', loadMailboxes); }
      if (view === 'sessions') { later('sessions', loadSessions, 200); }
      if (view === 'faults') { later('faults', loadFaults, 200); }
    };
    events.addEventListener('message', changed);
    events.addEventListener('deleted', (e) => {
      changed();
      try { if (JSON.parse(e.data).id === selectedId) { closeView(); } } catch (err) { /* ignore */ }
    });
    events.addEventListener('cleared', () => { closeView(); changed(); });
    events.addEventListener('mailbox', () => { if (view === 'mailboxes') { later('mailboxes', loadMailboxes); } });
    // a session opened, wrote to its transcript or closed (at most one per session per 50 ms)
    events.addEventListener('session', () => {
      if (view === 'sessions') { later('sessions', loadSessions, 100); }
      if (view === 'faults') { later('faults', loadFaults, 200); }
    });
    events.addEventListener('delivery', () => { if (view === 'deliveries') { later('deliveries', loadDeliveries); } });
    events.onerror = () => {
      $('live').textContent = 'reconnecting';
      $('live').className = 'off';
      // a stream refused (no token yet) stays closed: the view's own request asks for the token and reconnects
      if (events.readyState === EventSource.CLOSED && !tokenAsked) { later('reconnect', connectEvents, 2000); }
    };
  }

  // ---- keyboard ----
  function moveIn(list, step) {
    const items = Array.from(list.querySelectorAll('a.item'));
    if (!items.length) { return; }
    const cur = items.indexOf(document.activeElement);
    const sel = items.findIndex((a) => a.closest('li').classList.contains('selected'));
    const from = cur >= 0 ? cur : sel;
    const next = items[Math.max(0, Math.min(items.length - 1, from < 0 ? 0 : from + step))];
    next.focus();
    return next;
  }

  function onKey(e) {
    const t = e.target;
    const typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (t && t.closest && t.closest('.items') && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      moveIn(t.closest('.items'), e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if (t && t.getAttribute && t.getAttribute('role') === 'tab' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      const tabs = Array.from(document.querySelectorAll('.tabs button'));
      const i = (tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
      showTab(tabs[i].dataset.tab);
      tabs[i].focus();
      e.preventDefault();
      return;
    }
    if (typing) { if (e.key === 'Escape') { t.blur(); } return; }
    if (e.key === '/') { e.preventDefault(); $(view === 'sessions' ? 'session-filter' : 'search').focus(); if (view !== 'messages' && view !== 'sessions') { location.hash = '#/messages'; } return; }
    if (e.key === 'j' || e.key === 'k') {
      const list = view === 'sessions' ? $('sessions') : view === 'messages' ? $('messages') : null;
      if (list) { const a = moveIn(list, e.key === 'j' ? 1 : -1); if (a) { location.hash = a.getAttribute('href'); } }
      return;
    }
    const n = parseInt(e.key, 10);
    if (n >= 1 && n <= VIEWS.length) { location.hash = '#/' + VIEWS[n - 1]; }
  }

  // ---- wiring ----
  document.addEventListener('DOMContentLoaded', () => {
    $('search').addEventListener('input', () => later('search', loadList, 200));
    $('purge').addEventListener('click', async () => {
      if (!window.confirm('Delete every message?')) { return; }
      await call('messages', { method: 'DELETE' });
      closeView();
      loadList();
    });
    $('delete').addEventListener('click', async () => {
      if (!selectedId) { return; }
      await call('messages/' + encodeURIComponent(selectedId), { method: 'DELETE' });
      location.hash = '#/messages';
      closeView();
      loadList();
    });
    for (const b of document.querySelectorAll('.tabs button')) { b.addEventListener('click', () => showTab(b.dataset.tab)); }
    for (const b of document.querySelectorAll('.preview')) {
      b.addEventListener('click', () => {
        for (const o of document.querySelectorAll('.preview')) { o.setAttribute('aria-pressed', o === b ? 'true' : 'false'); }
        $('frame-box').classList.toggle('phone', b.dataset.width === 'phone');
      });
    }
    $('dark').addEventListener('click', () => {
      const on = $('dark').getAttribute('aria-pressed') !== 'true';
      $('dark').setAttribute('aria-pressed', on ? 'true' : 'false');
      $('frame-box').classList.toggle('dark', on);
    });
    $('session-listener').addEventListener('change', renderSessions);
    $('session-filter').addEventListener('input', renderSessions);
    $('clock-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const c = await (await sendJson('POST', 'clock/advance', { duration: $('clock-duration').value.trim() })).json();
        $('clock-now').textContent = c.now ? 'simulated time now ' + new Date(c.now).toLocaleString() : '';
        $('clock-error').textContent = '';
      } catch (err) { $('clock-error').textContent = err.message; }
      loadDeliveries();
    });
    $('dns-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await sendJson('POST', 'dns/records', { record: $('dns-record').value.trim() });
        $('dns-record').value = '';
        $('dns-error').textContent = '';
      } catch (err) { $('dns-error').textContent = err.message; }
      loadDns();
    });
    $('fault-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await sendJson('POST', 'faults', PRESETS[$('fault-preset').value]($('fault-arg').value.trim()));
        $('fault-error').textContent = '';
      } catch (err) { $('fault-error').textContent = err.message; }
      loadFaults();
    });
    $('faults-clear').addEventListener('click', async () => {
      try { await call('faults', { method: 'DELETE' }); $('fault-error').textContent = ''; } catch (err) { $('fault-error').textContent = err.message; }
      loadFaults();
    });
    document.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', route);
    // a fault rule can fire outside any session (a provider API send refused): while the Faults view is open, poll it too
    setInterval(() => {
      if (!document.hidden && view === 'faults') { loadFaults(); }
    }, 2000);
    showTab('text');
    $('view').hidden = true;
    route();
    connectEvents();
  });
})();
