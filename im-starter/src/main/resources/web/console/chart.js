/**
 * A small SVG line chart of values over time: draws `points` ({t, v}) into an `<svg viewBox="0 0 600 160">`,
 * with the scale's top and the time span as labels. By default the span ends at the last point and is labelled
 * "N mins ago" to "now" (the live rates); `end` and `labels` ([left, right]) set them for other charts, and `dots`
 * marks each point.
 */
const W = 600;
const H = 160;
const PAD_TOP = 16;
const NS = 'http://www.w3.org/2000/svg';

export function drawChart(svg, points, { unit = '/s', spanMillis, end: endAt, labels, dots = false } = {}) {
  const max = niceMax(Math.max(1, ...points.map((p) => p.v)));
  const end = endAt ?? (points.length ? points[points.length - 1].t : Date.now());
  const start = end - spanMillis;
  const x = (t) => ((t - start) / spanMillis) * W;
  const y = (v) => H - (v / max) * (H - PAD_TOP);
  const nodes = [];
  for (const fraction of [0, 0.5, 1]) {
    nodes.push(node('line', { class: 'grid-line', x1: 0, x2: W, y1: y(max * fraction), y2: y(max * fraction) }));
  }
  if (points.length > 1) {
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    nodes.push(node('path', { class: 'area', d: `${path} L${x(end).toFixed(1)},${H} L${x(points[0].t).toFixed(1)},${H} Z` }));
    nodes.push(node('path', { class: 'line', d: path }));
  }
  if (dots) {
    // a mark per point, so that a range of a few periods still shows each one
    for (const p of points) nodes.push(node('circle', { class: 'dot', cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 3 }));
  }
  nodes.push(label(`${formatRate(max)}${unit}`, 4, 12));
  const minutes = Math.round(spanMillis / 60000);
  const [left, right] = labels ?? [`${minutes} min${minutes === 1 ? '' : 's'} ago`, 'now'];
  nodes.push(label(left, 4, H - 4));
  const rightLabel = label(right, W - 4, H - 4);
  rightLabel.setAttribute('text-anchor', 'end');
  nodes.push(rightLabel);
  svg.replaceChildren(...nodes);
}

function niceMax(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

export function formatRate(value) {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2).replace(/\.?0+$/, '') || '0';
}

function node(tag, attributes) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function label(text, x, y) {
  const element = node('text', { x, y });
  element.textContent = text;
  return element;
}
