// The console's kept statistics: charts over a day, a week and a month, the breakdowns, and the CSV download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serverAndBrowser } from '../support/fixture.js';
import { CONSOLE_USER, CONSOLE_PASSWORD } from '../support/server.js';
import { screenshot, signIn, openConversation, sendText } from '../support/browser.js';

// counts reach storage every half second here (a minute by default), so the test need not wait
const fixture = serverAndBrowser({ PARLEY_STATISTICS_FLUSH_INTERVAL: '500ms' });
const AUTH = `Basic ${Buffer.from(`${CONSOLE_USER}:${CONSOLE_PASSWORD}`).toString('base64')}`;

/** Today's figures as the console's API has them, once `done(today)` holds (polled; the flush is asynchronous). */
async function todayOnceFlushed(done) {
  for (const deadline = Date.now() + 60_000; ; ) {
    const answer = await (await fetch(`${fixture.server.baseUrl}/console/api/statistics?range=week`, {
      headers: { Authorization: AUTH },
    })).json();
    const today = answer.periods.at(-1);
    if (done(today)) return today;
    assert.ok(Date.now() < deadline, `not flushed in time: ${JSON.stringify(today)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the console charts the kept statistics over a day, a week and a month, and downloads them as CSV', async () => {
  const alice = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'alice');
  const bob = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'bob');
  await openConversation(alice, 1, 'bob');
  for (let i = 1; i <= 5; i++) await sendText(alice, `counted ${i}`);
  await bob.locator('.conversation .preview', { hasText: 'counted 5' }).waitFor();
  const today = await todayOnceFlushed((t) => t.messagesByType['RC:TxtMsg'] >= 5 && t.activeUsers >= 2);

  const ops = await (await fixture.browser.newContext({
    httpCredentials: { username: CONSOLE_USER, password: CONSOLE_PASSWORD },
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
  })).newPage();
  await ops.goto(`${fixture.server.baseUrl}/console`);

  // a day: 24 hours, the messages of this hour drawn above the zero line
  await ops.waitForFunction(() => document.querySelector('#stat-messages')?.dataset.points === '24');
  assert.ok(Number(await ops.getAttribute('#stat-messages', 'data-value')) >= 5);
  assert.equal(await ops.getAttribute('#stat-activeUsers', 'data-value'), String(today.activeUsers));
  assert.equal(await ops.locator('#stat-messages circle.dot').count(), 24);
  const ys = await ops.locator('#stat-messages circle.dot').evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('cy'))));
  assert.ok(ys.some((y) => y < 159), `a point of the last hours is above zero: ${ys}`);
  assert.match(await ops.textContent('#stat-messages-summary'), /^\d+ in all$/);
  assert.match(await ops.textContent('#statistics-period'), /^24 hours, /);

  // a week and a month: by the day
  await ops.click('#statistics-range button[data-range="month"]');
  await ops.waitForFunction(() => document.querySelector('#stat-messages').dataset.points === '30');
  assert.match(await ops.textContent('#statistics-period'), /^30 days, /);
  await ops.click('#statistics-range button[data-range="week"]');
  await ops.waitForFunction(() => document.querySelector('#stat-messages').dataset.points === '7');
  assert.equal(await ops.getAttribute('#statistics-range button[data-range="week"]', 'aria-pressed'), 'true');
  assert.equal(await ops.getAttribute('#stat-newUsers', 'data-value'), String(today.newUsers));
  const breakdown = await ops.locator('#statistics-breakdown tr').evaluateAll((rows) => rows.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(breakdown.some(([group, item]) => group === 'Messages by type' && item === 'RC:TxtMsg'), JSON.stringify(breakdown));
  assert.ok(breakdown.some(([group, item]) => group === 'Messages by conversation type' && item === 'PRIVATE'));
  await screenshot(ops, 'console-statistics');

  // the CSV of the week: a header and one row a day, today's last
  const [download] = await Promise.all([ops.waitForEvent('download'), ops.click('#statistics-csv')]);
  assert.match(download.suggestedFilename(), /^parley-statistics-week-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  assert.equal(lines.length, 8, lines.join('\n'));
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 5), ['start', 'activeUsers', 'newUsers', 'peakConnections', 'messages']);
  const row = Object.fromEntries(lines[7].split(',').map((cell, i) => [header[i], cell]));
  assert.equal(row.start, new Date(today.start).toISOString().replace('.000Z', 'Z'));
  assert.ok(Number(row['messagesByType:RC:TxtMsg']) >= 5, lines[7]);
  assert.ok(Number(row.activeUsers) >= 2);
  assert.equal(Object.fromEntries(lines[1].split(',').map((cell, i) => [header[i], cell])).messages, '0');
});
