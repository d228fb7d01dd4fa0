/**
 * The operator console: polls `/console/api/overview` (the browser sends the Basic credentials it was asked
 * for) and shows who is online, traffic charts, plugins, the storage and cluster providers in use, recent errors
 * and the effective configuration (every key read, its value and source; secrets masked).
 */
import { drawChart, formatRate } from './chart.js';

const REFRESH_MS = 2000;
const ONE_MINUTE = 60_000;
const FIVE_MINUTES = 5 * ONE_MINUTE;
const $ = (id) => document.getElementById(id);

async function refresh() {
  try {
    const res = await fetch('/console/api/overview', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    render(await res.json());
    $('load-error').hidden = true;
  } catch (e) {
    $('load-error').textContent = `Could not load the overview: ${e.message}`;
    $('load-error').hidden = false;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

function render(o) {
  $('readiness').textContent = o.ready ? 'ready' : 'not ready';
  $('readiness').className = `pill ${o.ready ? 'ready' : 'not-ready'}`;
  $('updated').textContent = `up ${duration(o.uptimeMillis)} · updated ${new Date(o.serverTime).toLocaleTimeString()}`;
  $('online-users').textContent = o.onlineUsers;
  $('connection-count').textContent = o.connectionCount;
  $('messages-total').textContent = o.messagesCommitted.toLocaleString();
  $('deliveries-total').textContent = o.deliveries.toLocaleString();

  // the last five minutes, or since the first sample for a server younger than that (at least one minute)
  const first = o.traffic.length ? o.traffic[0].time : o.serverTime;
  const span = Math.min(FIVE_MINUTES, Math.max(ONE_MINUTE, o.serverTime - first));
  const recent = o.traffic.filter((s) => s.time >= o.serverTime - span);
  const messages = recent.map((s) => ({ t: s.time, v: s.messagesPerSecond }));
  const deliveries = recent.map((s) => ({ t: s.time, v: s.deliveriesPerSecond }));
  drawChart($('messages-chart'), messages, { spanMillis: span });
  drawChart($('deliveries-chart'), deliveries, { spanMillis: span });
  $('messages-rate').textContent = latest(messages);
  $('deliveries-rate').textContent = latest(deliveries);

  $('connections').replaceChildren(...o.connections.map((c) => row([c.userId, c.deviceId, c.platform, c.clientIp,
    c.wireFormat.toLowerCase().replace(/_/g, ' ')], [1])));
  $('plugins').replaceChildren(...o.plugins.map((p) => row([p.name, p.state, p.className, p.listenerErrors,
    p.listenerDrops], [2])));
  $('errors').replaceChildren(...(o.errors.length ? o.errors.map(errorItem) : [emptyItem('Nothing logged.')]));
  $('providers').replaceChildren(...o.providers.map((p) => row([p.kind, p.name, p.plugin, p.selected ? 'in use' : 'not selected'])));
  $('config').replaceChildren(...o.config.map((c) => row([c.key, c.value, c.source])));
}

function latest(points) {
  return points.length ? `now ${formatRate(points[points.length - 1].v)}/s` : '';
}

/** A table row; the cells at `longColumns` may break anywhere (ids, class names). */
function row(cells, longColumns = []) {
  const tr = document.createElement('tr');
  cells.forEach((cell, i) => {
    const td = document.createElement('td');
    td.textContent = String(cell);
    if (longColumns.includes(i)) td.className = 'long';
    tr.append(td);
  });
  return tr;
}

function errorItem(e) {
  const li = document.createElement('li');
  const level = document.createElement('span');
  level.className = `level ${e.level}`;
  level.textContent = e.level;
  const logger = document.createElement('span');
  logger.className = 'logger';
  logger.textContent = `${new Date(e.time).toLocaleTimeString()} · ${e.logger}`;
  li.append(level, e.message + (e.exception ? ` (${e.exception})` : ''), logger);
  return li;
}

function emptyItem(text) {
  const li = document.createElement('li');
  li.className = 'muted';
  li.textContent = text;
  return li;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

refresh();
