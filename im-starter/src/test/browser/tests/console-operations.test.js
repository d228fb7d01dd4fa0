// The console's operating side: the health checks with their colours and thresholds, a user look-up, a kick the
// kicked device sees, the confirmation it asks for, and the audit entry it leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { CONSOLE_USER, CONSOLE_PASSWORD } from '../support/server.js';
import { screenshot, sdkWatchedDevice } from '../support/browser.js';

// a disk is never more than 100% free: the disk-space check is amber here, whatever the machine; and messages are
// routed to a port that refuses them (9, discard) and given up after a second, so that one dead letter is red
const fixture = serverAndBrowser({
  PARLEY_HEALTH_DISK_FREE_AMBER: '100',
  PARLEY_ROUTING_URL: 'http://127.0.0.1:9/parley-routing',
  PARLEY_ROUTING_INCLUDE_SERVER_API: 'true',
  PARLEY_ROUTING_RETRY_INITIAL: '100ms',
  PARLEY_ROUTING_RETRY_WINDOW: '1s',
  PARLEY_HEALTH_DEAD_LETTERS_AMBER: '1',
  PARLEY_HEALTH_DEAD_LETTERS_RED: '1',
});

async function consolePage() {
  const page = await (await fixture.browser.newContext({
    httpCredentials: { username: CONSOLE_USER, password: CONSOLE_PASSWORD },
    viewport: { width: 1280, height: 1400 },
  })).newPage();
  await page.goto(`${fixture.server.baseUrl}/console`);
  return page;
}

test('a look-up shows the user\'s devices; a confirmed kick disconnects the device and is in the audit log', async () => {
  const device = await sdkWatchedDevice(await fixture.browser.newContext(), fixture.server.baseUrl,
    await fixture.server.getToken('dora'), 'dora-desk');
  const ops = await consolePage();
  await ops.fill('#user-id', 'dora');
  await ops.click('#user-form button[type=submit]');
  const row = ops.locator('#user-devices tr[data-device="dora-desk"]');
  await row.waitFor();
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 2), ['dora-desk', 'PC']);
  assert.match(await ops.textContent('#user-summary'), /dora .*online · not blocked/);

  // cancelling does nothing
  await row.locator('button.kick').click();
  await ops.locator('#confirm[open]').waitFor();
  assert.match(await ops.textContent('#confirm-text'), /Kick device dora-desk \(PC\) of dora\?/);
  await ops.click('#confirm-cancel');
  await ops.locator('#confirm[open]').waitFor({ state: 'detached' });
  assert.equal(await ops.locator('#audit tr[data-action="kick"]').count(), 0);

  await row.locator('button.kick').click();
  await ops.locator('#confirm[open]').waitFor();
  await screenshot(ops, 'console-kick-confirm');
  await ops.click('#confirm-ok');
  const statuses = await device.waitForStatus('kicked');
  assert.ok(statuses.includes('connected'), statuses.join(', '));
  await ops.locator('#action-result', { hasText: 'kick: done' }).waitFor();
  const entry = ops.locator('#audit tr[data-action="kick"]').first();
  await entry.waitFor();
  const cells = await entry.locator('td').allTextContents();
  assert.equal(cells[1], CONSOLE_USER);
  assert.match(cells[2], /^127\.0\.0\.1/);
  assert.equal(cells[3], 'kick /user/kick.json');
  assert.equal(cells[4], 'userId=dora deviceId=dora-desk');
  assert.equal(cells[5], 'ok');
  // the look-up is read again after the kick: the device is gone
  await ops.locator('#user-devices', { hasText: 'No device connected to this node.' }).waitFor();
  await screenshot(ops, 'console-kick-audited');
});

test('the health page colours each check with its threshold, and agrees with /health/ready', async () => {
  // a message the app server never takes: a dead letter a second later
  await fixture.server.callApi('/message/private/publish.json', { fromUserId: 'gus', toUserId: 'hal',
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content: 'routed nowhere' }) });
  const ops = await consolePage();
  const dead = ops.locator('#health-checks tr[data-check="webhooks/dead letters"][data-level="red"]');
  await dead.waitFor({ timeout: 60_000 });
  assert.match(await dead.locator('td').nth(4).textContent(), /^amber at 1, red at 1$/);
  assert.equal(await dead.locator('td').nth(5).textContent(), 'none');
  const disk = ops.locator('#health-checks tr[data-check="storage/disk space"][data-level="amber"]');
  await disk.waitFor();
  assert.match(await disk.locator('td').nth(4).textContent(), /^amber at 100% free or less, red at 5%$/);
  await ops.locator('#health-checks tr[data-check="storage/writes"][data-level="green"]').waitFor();
  await ops.locator('#health-checks tr[data-check="cluster/this node"][data-level="green"]').waitFor();
  const colours = await ops.evaluate(() => Object.fromEntries(['green', 'amber', 'red'].map((level) =>
    [level, getComputedStyle(document.querySelector(`#health-checks .level.${level}`)).backgroundColor])));
  assert.equal(colours.green, 'rgb(220, 252, 231)');
  assert.equal(colours.amber, 'rgb(254, 243, 199)');
  assert.equal(colours.red, 'rgb(254, 226, 226)');
  // red, but not a check that takes the node out of a load balancer: still ready
  await ops.locator('#health-status', { hasText: 'ready · red' }).waitFor();
  assert.equal(await ops.getAttribute('#health-status', 'data-status'), 'READY');

  const ready = await fetch(`${fixture.server.baseUrl}/health/ready`);
  assert.equal(ready.status, 200);
  const body = await ready.json();
  assert.equal(body.status, 'READY');
  assert.equal(body.overall, 'red');
  const onPage = await ops.evaluate(() => [...document.querySelectorAll('#health-checks tr')]
    .map((tr) => `${tr.dataset.check}=${tr.dataset.level}`));
  assert.deepEqual(onPage, body.checks.map((c) => `${c.group}/${c.name}=${c.level}`));
  await screenshot(ops, 'console-health');
});

test('a conversation look-up lists the last messages, and a confirmed recall of one is committed and audited', async () => {
  await fixture.server.callApi('/group/create.json', { userId: ['erin', 'finn'], groupId: 'ops-room', groupName: 'Ops' });
  for (const text of ['first notice', 'second notice']) {
    await fixture.server.callApi('/message/group/publish.json', { fromUserId: 'erin', toGroupId: 'ops-room',
      objectName: 'RC:TxtMsg', content: JSON.stringify({ content: text }) });
  }
  const ops = await consolePage();
  await ops.selectOption('#conversation-type', 'group');
  await ops.fill('#conversation-user', 'erin');
  await ops.fill('#conversation-target', 'ops-room');
  await ops.click('#conversation-form button[type=submit]');
  const newest = ops.locator('#conversation-messages tr').first();
  await newest.filter({ hasText: 'second notice' }).waitFor();
  assert.match(await ops.textContent('#conversation-summary'), /members: (erin, finn|finn, erin)/);
  const uid = await newest.getAttribute('data-uid');

  await newest.locator('button.recall').click();
  await ops.locator('#confirm[open]').waitFor();
  assert.match(await ops.textContent('#confirm-text'), new RegExp(`Recall message ${uid} from erin`));
  await ops.click('#confirm-ok');
  // the look-up is read again: the recall command is the newest message now
  await ops.locator('#conversation-messages tr').first().filter({ hasText: 'RC:RcCmd' }).waitFor();
  const entry = ops.locator('#audit tr[data-action="recall"]').first();
  await entry.waitFor();
  assert.match(await entry.locator('td').nth(4).textContent(), new RegExp(`messageUID=${uid}`));
  await screenshot(ops, 'console-recall');
});
