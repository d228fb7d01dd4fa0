// The operator console: admin credentials, live traffic, connections, plugins, masked config, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { CONSOLE_USER, CONSOLE_PASSWORD } from '../support/server.js';
import { screenshot, signIn, openConversation, sendText } from '../support/browser.js';

const fixture = serverAndBrowser();

test('the console refuses requests without the admin credentials', async () => {
  const anonymous = await fetch(`${fixture.server.baseUrl}/console/api/overview`);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.headers.get('www-authenticate'), /^Basic /);
  const wrong = await fetch(`${fixture.server.baseUrl}/console/api/overview`, {
    headers: { Authorization: `Basic ${Buffer.from(`${CONSOLE_USER}:not-the-password`).toString('base64')}` },
  });
  assert.equal(wrong.status, 401);
});

test('the console shows who is online, the traffic, plugins, providers in use, masked config and recent warnings', async () => {
  const alice = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'alice');
  const bob = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'bob');
  await openConversation(alice, 1, 'bob');
  for (let i = 1; i <= 20; i++) await sendText(alice, `burst ${i}`);
  await bob.locator('.conversation .preview', { hasText: 'burst 20' }).waitFor();

  const ops = await (await fixture.browser.newContext({
    httpCredentials: { username: CONSOLE_USER, password: CONSOLE_PASSWORD },
    viewport: { width: 1280, height: 1000 },
  })).newPage();
  await ops.goto(`${fixture.server.baseUrl}/console`);
  await ops.locator('#readiness', { hasText: 'ready' }).waitFor();
  assert.equal(await ops.textContent('#online-users'), '2');
  assert.equal(await ops.textContent('#connection-count'), '2');
  const users = await ops.locator('#connections tr td:first-child').allTextContents();
  assert.deepEqual(users.sort(), ['alice', 'bob']);
  assert.ok(Number((await ops.textContent('#messages-total')).replace(/,/g, '')) >= 20);
  // alice's 20 messages reach bob's device and alice's own: at least 40 deliveries
  assert.ok(Number((await ops.textContent('#deliveries-total')).replace(/,/g, '')) >= 40);

  // the charts draw the burst once a sample has been taken: a point of the line above the zero line
  for (const chart of ['#messages-chart', '#deliveries-chart']) {
    await ops.waitForFunction((selector) => {
      const line = document.querySelector(`${selector} path.line`);
      const ys = line ? [...line.getAttribute('d').matchAll(/,([0-9.]+)/g)].map((m) => Number(m[1])) : [];
      return ys.some((y) => y < 159);
    }, chart, { timeout: 15_000 });
  }
  assert.match(await ops.textContent('#messages-chart text'), /^[0-9.]+\/s$/);

  const plugins = await ops.locator('#plugins tr').allTextContents();
  assert.ok(plugins.some((row) => row.startsWith('chatroomactive')), plugins.join('\n'));
  // the PostgreSQL storage plugin is installed, but the embedded store is the one in use
  assert.ok(plugins.some((row) => row.startsWith('storage-postgresnot in use')), plugins.join('\n'));
  const providers = await ops.locator('#providers tr').allTextContents();
  assert.ok(providers.includes('storageembeddedkernelin use'), providers.join('\n'));
  assert.ok(providers.includes('storagepostgresstorage-postgresnot selected'), providers.join('\n'));
  const sources = Object.fromEntries(await ops.evaluate(() => [...document.querySelectorAll('#config tr')]
    .map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent])));
  assert.equal(sources['web.dev-sign-in'], 'environment PARLEY_WEB_DEV_SIGN_IN');
  assert.equal(sources['protocol.heartbeat'], 'default');
  const config = Object.fromEntries((await ops.locator('#config tr').all()).length
    ? await ops.evaluate(() => [...document.querySelectorAll('#config tr')].map((tr) => [...tr.cells].map((c) => c.textContent)))
    : []);
  assert.equal(config['app.secret'], '****');
  assert.equal(config['console.password'], '****');
  assert.equal(config['web.dev-sign-in'], 'true');
  await ops.locator('#errors li', { hasText: 'web.dev-sign-in is on' }).waitFor();
  await screenshot(ops, 'console');

  const metrics = await (await fetch(`${fixture.server.baseUrl}/metrics`)).text();
  assert.match(metrics, /^im_messages_committed_total [1-9]/m);
  const ready = await fetch(`${fixture.server.baseUrl}/health/ready`);
  assert.equal(ready.status, 200);
  assert.equal((await ready.json()).status, 'READY');
  assert.equal((await (await fetch(`${fixture.server.baseUrl}/health`)).json()).status, 'UP');
});
