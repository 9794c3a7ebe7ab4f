// The playground chat client: polls the local platform's channels and messages and sends what
// you type to the same command pipeline Slack and Teams use.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var state = {
    user: localStorage.getItem('pg-user') || 'alice',
    channel: params.get('channel') || localStorage.getItem('pg-channel') || 'general',
    lastChannels: '', lastMessages: ''
  };

  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch('/playground/api' + path, init).then(function (r) {
      return r.text().then(function (t) {
        var data = t ? JSON.parse(t) : null;
        if (!r.ok) { throw new Error((data && data.error) || ('HTTP ' + r.status)); }
        return data;
      });
    });
  }

  function showError(text) { $('pg-error').textContent = text || ''; }

  function send(path, body) {
    body.user = state.user; body.channel = state.channel;
    return api('POST', path, body).then(function () { showError(''); return refresh(); }, function (e) { showError(e.message); throw e; });
  }

  function renderChannels(channels) {
    var key = JSON.stringify(channels) + state.channel;
    if (key === state.lastChannels) { return; }
    state.lastChannels = key;
    var list = $('pg-channels');
    list.textContent = '';
    channels.forEach(function (c) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '?channel=' + encodeURIComponent(c.id);
      a.textContent = (c.kind === 'direct' ? '✉ ' : '# ') + c.name;
      a.dataset.channel = c.id;
      if (c.id === state.channel) {
        a.className = 'active';
        $('pg-channel-name').textContent = (c.kind === 'direct' ? 'Direct messages' : '#' + c.name);
        $('pg-topic').textContent = c.topic || c.description || '';
      }
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function renderMessages(messages) {
    var key = JSON.stringify(messages);
    if (key === state.lastMessages) { return; }
    state.lastMessages = key;
    var box = $('pg-messages');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.textContent = '';
    messages.forEach(function (m) {
      var div = document.createElement('div');
      div.className = 'msg' + (m.ephemeral ? ' ephemeral' : '') + (m.bot ? ' bot' : '');
      div.dataset.id = m.id;
      var head = '<span class="who"></span><span class="when"><time datetime="' + m.at + '"></time></span><span class="tags">' +
        (m.ephemeral ? 'only visible to you ' : '') + (m.edited ? '(edited) ' : '') + (m.pinned ? '📌 pinned ' : '') + '</span>';
      var tools = '<span class="tools">' +
        (m.mine ? '<button type="button" data-act="edit">Edit</button> <button type="button" data-act="delete">Delete</button> ' : '') +
        (!m.ephemeral && !m.deleted && !m.pinned ? '<button type="button" data-act="pin">Pin</button>' : '') + '</span>';
      // m.html is rendered and encoded by the server; names are set as text.
      div.innerHTML = '<div>' + head + tools + '</div><div class="body">' + m.html + '</div>';
      div.querySelector('.who').textContent = m.authorName;
      div.querySelector('time').textContent = new Date(m.at).toLocaleTimeString();
      box.appendChild(div);
    });
    if (atBottom) { box.scrollTop = box.scrollHeight; }
    if (window.chatopsLocalise) { window.chatopsLocalise(box); }
  }

  function refresh() {
    return Promise.all([
      api('GET', '/channels?user=' + encodeURIComponent(state.user)).then(renderChannels),
      api('GET', '/channels/' + encodeURIComponent(state.channel) + '/messages?user=' + encodeURIComponent(state.user)).then(renderMessages)
    ]).catch(function (e) { showError(e.message); });
  }

  function selectChannel(id) {
    state.channel = id; state.lastMessages = ''; state.lastChannels = '';
    localStorage.setItem('pg-channel', id);
    history.replaceState(null, '', '?channel=' + encodeURIComponent(id));
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('pg-user').value = state.user;
    $('pg-user').addEventListener('change', function (e) {
      state.user = e.target.value; localStorage.setItem('pg-user', state.user); state.lastMessages = ''; state.lastChannels = ''; refresh();
    });
    $('pg-channels').addEventListener('click', function (e) {
      var a = e.target.closest('a[data-channel]');
      if (a) { e.preventDefault(); selectChannel(a.dataset.channel); }
    });
    $('pg-composer').addEventListener('submit', function (e) {
      e.preventDefault();
      var input = $('pg-input');
      var text = input.value.trim();
      if (!text) { return; }
      send('/send', { text: text }).then(function () { input.value = ''; }, function () { });
    });
    $('pg-messages').addEventListener('click', function (e) {
      var ref = e.target.closest('a.channel-ref');
      if (ref) { e.preventDefault(); selectChannel(ref.dataset.channel); return; }
      var cmd = e.target.closest('button[data-command]');
      if (cmd) { send('/click', { command: cmd.dataset.command }).catch(function () { }); return; }
      var act = e.target.closest('button[data-act]');
      if (!act) { return; }
      var id = Number(act.closest('.msg').dataset.id);
      if (act.dataset.act === 'edit') {
        var current = act.closest('.msg').querySelector('.body').textContent;
        var text = prompt('Edit message', current);
        if (text) { send('/edit', { message: id, text: text }).catch(function () { }); }
      } else {
        send('/' + act.dataset.act, { message: id }).catch(function () { });
      }
    });
    $('pg-messages').addEventListener('submit', function (e) {
      var form = e.target.closest('form[data-form]');
      if (!form) { return; }
      e.preventDefault();
      var values = {};
      new FormData(form).forEach(function (v, k) { values[k] = String(v); });
      api('POST', '/submit', { user: state.user, channel: state.channel, form: Number(form.dataset.form), values: values })
        .then(function () { showError(''); refresh(); }, function (err) {
          var box = form.querySelector('.m-form-error'); box.hidden = false; box.textContent = err.message;
        });
    });
    refresh();
    setInterval(refresh, 1000);
  });
})();
