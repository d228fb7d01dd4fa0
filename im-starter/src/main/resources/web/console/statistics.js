/**
 * The console's kept statistics: loads `/console/api/statistics?range=day|week|month` (the last 24 hours by the
 * hour, or the last 7 or 30 days by the day, every node added up) and draws a chart per figure, a table of the
 * breakdowns over the range, and points the CSV link at the same range. Reloads every 30 seconds: the server adds
 * what it counted to storage every `statistics.flush-interval`.
 */
import { drawChart } from './chart.js';

const RELOAD_MS = 30_000;
/** The charted figures: key, and what the range's number under the title says ('sum' over the range, or 'max'). */
const CHARTS = [
  ['messages', 'sum'], ['activeUsers', 'max'], ['newUsers', 'sum'],
  ['peakConnections', 'max'], ['deliveries', 'sum'], ['refusals', 'sum'],
];
const GROUPS = [
  ['messagesByConversationType', 'Messages by conversation type'],
  ['messagesByType', 'Messages by type'],
  ['pushes', 'Pushes by vendor and outcome'],
  ['serverApiCallsByEndpoint', 'Server-API calls by endpoint and result'],
  ['refusalsByCode', 'Refusals by code'],
];
const $ = (id) => document.getElementById(id);
let range = 'day';
let timer;

async function load() {
  clearTimeout(timer);
  const asked = range;
  try {
    const res = await fetch(`/console/api/statistics?range=${asked}`, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const answer = await res.json();
    if (asked === range) render(answer);
    $('statistics-error').hidden = true;
  } catch (e) {
    $('statistics-error').textContent = `Could not load the statistics: ${e.message}`;
    $('statistics-error').hidden = false;
  } finally {
    timer = setTimeout(load, RELOAD_MS);
  }
}

function render(s) {
  const periods = s.periods;
  const hourly = s.granularity === 'hour';
  const first = periods.length ? periods[0].start : Date.now();
  const last = periods.length ? periods[periods.length - 1].start : first;
  const labels = [when(first, hourly), when(last, hourly)];
  for (const [key, summary] of CHARTS) {
    const svg = $(`stat-${key}`);
    const points = periods.map((p) => ({ t: p.start, v: p[key] }));
    drawChart(svg, points, { unit: '', spanMillis: Math.max(1, last - first), end: last, labels, dots: true });
    const values = points.map((p) => p.v);
    const figure = summary === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
    svg.dataset.points = String(points.length);
    svg.dataset.value = String(figure);
    $(`stat-${key}-summary`).textContent = summary === 'sum' ? `${figure.toLocaleString()} in all`
      : `highest ${figure.toLocaleString()} ${hourly ? 'an hour' : 'a day'}`;
  }
  $('statistics-period').textContent = `${periods.length} ${hourly ? 'hours' : 'days'}, ${labels[0]} to ${labels[1]} (UTC)`;
  $('statistics-breakdown').replaceChildren(...breakdownRows(periods));
  $('statistics-csv').href = `/console/api/statistics.csv?range=${s.range}`;
}

/** One row per item of each breakdown, with its total over the range, largest first within a breakdown. */
function breakdownRows(periods) {
  const rows = [];
  for (const [group, title] of GROUPS) {
    const totals = new Map();
    for (const p of periods) {
      for (const [item, count] of Object.entries(p[group])) totals.set(item, (totals.get(item) ?? 0) + count);
    }
    for (const [item, count] of [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      rows.push(row([title, item, count.toLocaleString()]));
    }
  }
  if (!rows.length) rows.push(row(['Nothing counted in this range yet.', '', '']));
  return rows;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell;
    tr.append(td);
  }
  return tr;
}

function when(millis, hourly) {
  const options = hourly ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric' };
  return new Date(millis).toLocaleString('en-GB', { ...options, timeZone: 'UTC' });
}

for (const button of document.querySelectorAll('#statistics-range button')) {
  button.addEventListener('click', () => {
    range = button.dataset.range;
    for (const other of document.querySelectorAll('#statistics-range button')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    $('statistics-csv').href = `/console/api/statistics.csv?range=${range}`;
    load();
  });
}

load();
