/**
 * The console's operating side: the health checks (`/console/api/health`, the evaluation `/health/ready` answers
 * from), a user look-up with its actions (kick a device, block, unblock, expire tokens), a conversation look-up
 * (members, mutes, last messages) with recall, the other actions as forms
 * (`/console/api/actions`), and the audit log. Every action asks for confirmation first, and is posted with the
 * session's CSRF token in the `X-Parley-Console-Token` header (`/console/api/session`); the server runs it through
 * the server-API route named beside it and writes it to the audit log.
 */
const HEALTH_MS = 5000;
const AUDIT_MS = 10_000;
const $ = (id) => document.getElementById(id);
let session;
let lookedUp;

async function getJson(url) {
  const res = await fetch(url, { cache: 'no-store' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
  return body;
}

async function tokenHeader() {
  if (!session) session = await getJson('/console/api/session');
  return session.csrfToken;
}

/** Posts an action; resolves with its result, or throws the server's message. */
async function post(action, params) {
  const res = await fetch(`/console/api/actions/${encodeURIComponent(action)}`, {
    method: 'POST',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json', 'X-Parley-Console-Token': await tokenHeader() },
    body: JSON.stringify(params),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${body.message || `HTTP ${res.status}`} (code ${body.code ?? res.status})`);
  return body.result;
}

/** Shows `text` in the confirmation dialog; resolves true once confirmed, false if cancelled. */
function confirmAction(text) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  return new Promise((resolve) => {
    const done = (answer) => {
      $('confirm-ok').onclick = null;
      $('confirm-cancel').onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    $('confirm-ok').onclick = () => done(true);
    $('confirm-cancel').onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
  });
}

/** Confirms, runs the action and reports it in `out`; resolves with the result, or undefined. */
async function run(action, params, question, out = $('action-result')) {
  if (question && !(await confirmAction(question))) return undefined;
  out.className = '';
  out.textContent = `Running ${action}…`;
  try {
    const result = await post(action, params);
    out.textContent = `${action}: done ${Object.keys(result).length ? JSON.stringify(result) : ''}`;
    return result;
  } catch (e) {
    out.className = 'error';
    out.textContent = `${action} failed: ${e.message}`;
    return undefined;
  } finally {
    loadAudit();
  }
}

// ---- health

async function loadHealth() {
  try {
    const h = await getJson('/console/api/health');
    const status = $('health-status');
    status.textContent = h.status === 'READY' ? `ready · ${h.overall}` : `${h.status.toLowerCase().replace('_', ' ')}`;
    status.className = `pill ${h.overall}`;
    status.dataset.status = h.status;
    $('health-updated').textContent = `checked ${new Date(h.time).toLocaleTimeString()}${h.reason ? ` · ${h.reason}` : ''}`;
    $('health-checks').replaceChildren(...h.checks.map(healthRow));
    $('health-error').hidden = true;
  } catch (e) {
    $('health-error').textContent = `Could not load the health checks: ${e.message}`;
    $('health-error').hidden = false;
  } finally {
    setTimeout(loadHealth, HEALTH_MS);
  }
}

function healthRow(c) {
  const tr = document.createElement('tr');
  tr.dataset.check = `${c.group}/${c.name}`;
  tr.dataset.level = c.level;
  const level = document.createElement('span');
  level.className = `level ${c.level}`;
  level.textContent = c.level;
  tr.append(cell(c.group), cell(c.name), cell(level), cell(c.value), cell(c.threshold), cell(c.readiness));
  return tr;
}

// ---- user look-up and its actions

async function lookUp(userId) {
  const out = $('action-result');
  try {
    const u = await getJson(`/console/api/user?userId=${encodeURIComponent(userId)}`);
    lookedUp = u.userId;
    const facts = [
      u.profile ? `${u.userId} (${u.profile.userName || 'no name'})` : `${u.userId} (no profile)`,
      u.online ? 'online' : 'offline',
      u.blockedUntil ? `blocked until ${u.blockedUntil}` : 'not blocked',
      u.privateChatBanned ? 'may not send private messages' : 'may send private messages',
    ];
    $('user-summary').textContent = facts.join(' · ');
    $('user-devices').replaceChildren(...(u.devices.length ? u.devices.map(deviceRow) : [emptyRow(5, 'No device connected to this node.')]));
    $('user-groups').textContent = u.groups.length
      ? u.groups.map((g) => `${g.id}${g.mutedUntil ? ` (muted until ${g.mutedUntil})` : ''}`).join(', ') : 'none';
    $('user-result').hidden = false;
  } catch (e) {
    $('user-result').hidden = true;
    out.className = 'error';
    out.textContent = `Look-up failed: ${e.message}`;
  }
}

function deviceRow(d) {
  const tr = document.createElement('tr');
  tr.dataset.device = d.deviceId;
  const kick = document.createElement('button');
  kick.type = 'button';
  kick.className = 'danger kick';
  kick.textContent = 'Kick';
  kick.addEventListener('click', async () => {
    const result = await run('kick', { userId: lookedUp, deviceId: d.deviceId },
      `Kick device ${d.deviceId} (${d.platform}) of ${lookedUp}? It is disconnected and may connect again.`);
    if (result) await lookUp(lookedUp);
  });
  tr.append(cell(d.deviceId), cell(d.platform), cell(d.clientIp), cell(new Date(d.connectedAt).toLocaleString()), cell(kick));
  return tr;
}

async function userAction(action, params, question) {
  if (!lookedUp) return;
  const result = await run(action, { userId: lookedUp, ...params }, question);
  if (result) await lookUp(lookedUp);
}

$('user-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('action-result').textContent = '';
  lookUp($('user-id').value.trim());
});
$('user-block').addEventListener('click', () => userAction('block', { minute: $('block-minutes').value },
  `Block ${lookedUp} for ${$('block-minutes').value} minutes? Their devices are disconnected and refused until then.`));
$('user-unblock').addEventListener('click', () => userAction('unblock', {}, `Unblock ${lookedUp}?`));
$('user-expire').addEventListener('click', () => userAction('expire-tokens', {},
  `Expire every token of ${lookedUp} issued until now? Their devices are disconnected and need a new token.`));
$('user-kick-all').addEventListener('click', () => userAction('kick', {},
  `Kick every device of ${lookedUp}, on every node?`));

// ---- conversation look-up and recall

async function lookUpConversation(type, userId, targetId) {
  const out = $('conversation-action-result');
  try {
    const c = await getJson(`/console/api/conversation?type=${type}&userId=${encodeURIComponent(userId)}`
      + `&targetId=${encodeURIComponent(targetId)}`);
    const facts = [`members: ${c.members.join(', ') || 'none'}`];
    if (type === 'group') {
      facts.push(c.groupMuted ? 'the whole group is muted' : 'the group is not muted');
      facts.push(c.mutedMembers.length ? `muted: ${c.mutedMembers.map((m) => `${m.userId} until ${m.time}`).join(', ')}`
        : 'no member muted');
    }
    $('conversation-summary').textContent = facts.join(' · ');
    $('conversation-messages').replaceChildren(...(c.messages.length
      ? c.messages.slice().reverse().map((m) => messageRow(c, m)) : [emptyRow(5, 'No message kept.')]));
    $('conversation-result').hidden = false;
  } catch (e) {
    $('conversation-result').hidden = true;
    out.className = 'error';
    out.textContent = `Look-up failed: ${e.message}`;
  }
}

function messageRow(c, m) {
  const tr = document.createElement('tr');
  tr.dataset.uid = m.messageUID;
  const recall = document.createElement('button');
  recall.type = 'button';
  recall.className = 'danger recall';
  recall.textContent = 'Recall';
  recall.disabled = m.objectName === 'RC:RcCmd';
  recall.addEventListener('click', async () => {
    const result = await run('recall', { conversationType: String(c.conversationType), fromUserId: m.fromUserId,
      targetId: m.recallTargetId, messageUID: m.messageUID, sentTime: String(m.msgTime), isAdmin: '1' },
    `Recall message ${m.messageUID} from ${m.fromUserId}? Every member's copy is replaced by a recall notice.`,
    $('conversation-action-result'));
    if (result) await lookUpConversation(c.type, c.userId, c.targetId);
  });
  tr.append(cell(new Date(m.msgTime).toLocaleString()), cell(m.fromUserId), cell(m.objectName), cell(m.content), cell(recall));
  return tr;
}

$('conversation-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('conversation-action-result').textContent = '';
  lookUpConversation($('conversation-type').value, $('conversation-user').value.trim(), $('conversation-target').value.trim());
});

// ---- the other actions, as forms

async function loadActions() {
  try {
    const { actions } = await getJson('/console/api/actions');
    $('action-forms').replaceChildren(...actions.filter((a) => a.section !== 'user').map(actionForm));
  } catch (e) {
    $('action-forms').textContent = `Could not load the actions: ${e.message}`;
  }
}

function actionForm(a) {
  const form = document.createElement('form');
  form.dataset.action = a.name;
  const title = document.createElement('h3');
  title.textContent = a.label;
  const route = document.createElement('span');
  route.className = 'muted';
  route.textContent = ` ${a.route}`;
  title.append(route);
  form.append(title);
  for (const p of a.params) {
    const label = document.createElement('label');
    label.textContent = p.label + (p.required ? '' : ' (optional)');
    const input = document.createElement('input');
    input.name = p.name;
    input.required = p.required;
    label.append(input);
    form.append(label);
  }
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = a.changes ? a.label : 'Show';
  if (a.changes) submit.className = 'danger';
  const out = document.createElement('pre');
  out.hidden = true;
  form.append(submit, out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = {};
    for (const input of form.querySelectorAll('input')) if (input.value.trim()) params[input.name] = input.value.trim();
    const described = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
    out.hidden = false;
    const result = await run(a.name, params, a.changes ? `${a.label} (${a.route}) with ${described || 'no parameters'}?` : null, out);
    if (result) out.textContent = JSON.stringify(result, null, 2);
  });
  return form;
}

// ---- audit log

async function loadAudit() {
  try {
    const { entries } = await getJson('/console/api/audit?limit=50');
    $('audit').replaceChildren(...(entries.length ? entries.map(auditRow) : [emptyRow(6, 'Nothing done from the console yet.')]));
  } catch (e) {
    $('audit').replaceChildren(emptyRow(6, `Could not load the audit log: ${e.message}`));
  }
}

function auditRow(e) {
  const tr = document.createElement('tr');
  tr.dataset.action = e.action;
  const params = Object.entries(e.params).map(([k, v]) => `${k}=${v}`).join(' ');
  tr.append(cell(new Date(e.time).toLocaleString()), cell(e.user), cell(e.clientIp), cell(`${e.action} ${e.route}`),
    cell(params), cell(e.outcome));
  return tr;
}

// ---- helpers

function cell(content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content);
  else td.textContent = String(content ?? '');
  return td;
}

function emptyRow(columns, text) {
  const tr = document.createElement('tr');
  const td = cell(text);
  td.colSpan = columns;
  td.className = 'muted';
  tr.append(td);
  return tr;
}

loadHealth();
loadActions();
loadAudit();
setInterval(loadAudit, AUDIT_MS);
