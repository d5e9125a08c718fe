'use strict';
// The fakemail web page: plain DOM, no framework. Message data is only ever put into the page as
// text (textContent), never as markup; the HTML body goes into a sandboxed frame served by the API
// under a policy that runs no script and loads nothing remote.
(function () {
  const API = 'api/v1/';
  const $ = (id) => document.getElementById(id);
  let selectedId = null;
  let known = new Set();
  let reloadTimer = null;
  let currentTab = 'text';

  function token() { return sessionStorage.getItem('fakemail.token'); }

  function withToken(url) {
    const t = token();
    return t ? url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(t) : url;
  }

  async function call(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    // the server refuses state-changing requests without it (CSRF: no other site can send it without a preflight)
    opts.headers['X-FakeMail-Request'] = '1';
    const t = token();
    if (t) { opts.headers['Authorization'] = 'Bearer ' + t; }
    const res = await fetch(API + path, opts);
    if (res.status === 401) {
      const entered = window.prompt('This fakemail API needs a token:');
      if (entered) { sessionStorage.setItem('fakemail.token', entered); connectEvents(); return call(path, options); }
    }
    if (!res.ok && res.status !== 204) {
      let msg = res.status + ' ' + res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return res;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function addresses(list) {
    return (list || []).map((a) => a.name ? a.name + ' <' + a.address + '>' : a.address).join(', ');
  }

  function time(iso) {
    const d = new Date(iso);
    const today = new Date();
    return d.toDateString() === today.toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
  }

  async function loadList() {
    const q = $('search').value.trim();
    const params = new URLSearchParams({ order: 'newest', limit: '500' });
    if (q) { params.set('q', q); }
    let body;
    try {
      body = await (await call('messages?' + params)).json();
    } catch (e) {
      $('count').textContent = 'error: ' + e.message;
      return;
    }
    const ul = $('messages');
    const fresh = new Set();
    ul.replaceChildren();
    for (const m of body.messages) {
      const li = el('li');
      li.dataset.id = m.id;
      if (known.size && !known.has(m.id)) { li.classList.add('fresh'); }
      fresh.add(m.id);
      if (m.id === selectedId) { li.classList.add('selected'); }
      const top = el('div', 'li-top');
      const from = addresses(m.from) || m.envelope.from || '(no sender)';
      top.append(el('span', 'li-from', from), el('span', 'li-time', time(m.receivedAt)));
      li.append(top, el('div', 'li-subject', m.subject || '(no subject)'),
        el('div', 'li-to', 'to ' + m.envelope.to.join(', ') + (m.attachments ? '  \u00b7  ' + m.attachments + ' attachment(s)' : '')));
      li.addEventListener('click', () => openMessage(m.id));
      ul.append(li);
    }
    known = fresh;
    $('empty').hidden = body.messages.length > 0;
    $('count').textContent = body.total + (body.total === 1 ? ' message' : ' messages');
  }

  function scheduleReload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(loadList, 100);
  }

  function showTab(name) {
    currentTab = name;
    for (const b of document.querySelectorAll('.tabs button')) { b.classList.toggle('active', b.dataset.tab === name); }
    for (const p of document.querySelectorAll('.panel')) { p.classList.toggle('active', p.dataset.panel === name); }
    if (name === 'raw' && selectedId && !$('raw').dataset.loaded) { loadRaw(selectedId); }
  }

  async function loadRaw(id) {
    const text = await (await call('messages/' + encodeURIComponent(id) + '/raw')).text();
    if (id === selectedId) { $('raw').textContent = text; $('raw').dataset.loaded = '1'; }
  }

  function row(dl, name, value) {
    if (!value) { return; }
    dl.append(el('dt', null, name), el('dd', null, value));
  }

  async function openMessage(id) {
    selectedId = id;
    for (const li of $('messages').children) { li.classList.toggle('selected', li.dataset.id === id); }
    let m;
    try {
      m = await (await call('messages/' + encodeURIComponent(id))).json();
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
    row(dl, 'Received', new Date(m.receivedAt).toLocaleString() + ' on ' + m.listener);
    row(dl, 'Envelope', 'MAIL FROM:<' + m.envelope.from + '>  RCPT TO: ' + m.envelope.to.join(', '));
    row(dl, 'Size', m.size + ' bytes');
    row(dl, 'Parse error', m.parseError);
    const atts = $('attachments');
    atts.replaceChildren();
    for (const a of m.attachments) {
      const link = el('a', null, (a.filename || 'attachment-' + a.index) + ' (' + a.contentType + ', ' + a.size + ' bytes)');
      link.href = withToken(base + '/attachments/' + a.index);
      link.setAttribute('download', a.filename || 'attachment-' + a.index);
      atts.append(link);
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
    const table = $('headers');
    table.replaceChildren();
    for (const h of m.headers) {
      const tr = el('tr');
      tr.append(el('td', null, h.name), el('td', null, h.value));
      table.append(tr);
    }
    const s = $('session');
    s.replaceChildren();
    row(s, 'Session', m.session.sessionId);
    row(s, 'Client', m.session.clientAddress);
    row(s, 'HELO', m.session.helo);
    row(s, 'Auth user', m.session.authUser);
    row(s, 'TLS', m.session.tls ? m.session.tlsProtocol + ' ' + m.session.tlsCipher : 'no');
    $('raw').textContent = '';
    delete $('raw').dataset.loaded;
    $('download-raw').href = withToken(base + '/raw');
    $('download-raw').setAttribute('download', 'message-' + id + '.eml');
    showTab(currentTab === 'html' && !m.html ? 'text' : currentTab);
  }

  let events = null;
  function connectEvents() {
    if (events) { events.close(); }
    events = new EventSource(withToken(API + 'events'));
    events.addEventListener('ready', () => { $('live').textContent = 'live'; $('live').className = 'on'; scheduleReload(); });
    events.addEventListener('message', scheduleReload);
    events.addEventListener('deleted', (e) => {
      scheduleReload();
      try { if (JSON.parse(e.data).id === selectedId) { closeView(); } } catch (err) { /* ignore */ }
    });
    events.addEventListener('cleared', () => { closeView(); scheduleReload(); });
    events.onerror = () => { $('live').textContent = 'reconnecting'; $('live').className = 'off'; };
  }

  function closeView() {
    selectedId = null;
    $('view').hidden = true;
    $('placeholder').hidden = false;
    $('placeholder').textContent = 'Select a message.';
  }

  document.addEventListener('DOMContentLoaded', () => {
    let searchTimer = null;
    $('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadList, 200); });
    $('purge').addEventListener('click', async () => {
      if (!window.confirm('Delete every message?')) { return; }
      await call('messages', { method: 'DELETE' });
      closeView();
      loadList();
    });
    $('delete').addEventListener('click', async () => {
      if (!selectedId) { return; }
      await call('messages/' + encodeURIComponent(selectedId), { method: 'DELETE' });
      closeView();
      loadList();
    });
    for (const b of document.querySelectorAll('.tabs button')) { b.addEventListener('click', () => showTab(b.dataset.tab)); }
    showTab('text');
    $('view').hidden = true;
    loadList();
    connectEvents();
  });
})();
