// The web UI kit: names and avatars from the user and group info the app registered (and refreshed when they
// change), finding a person or group, starting a private chat, making a group with development sign-in, and the kit
// embedded in a page of one's own as <parley-chat>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, signInNamed, sendText } from '../support/browser.js';

const fixture = serverAndBrowser();

test('names and avatars come from the app\'s user info, and a renamed user shows the new name', async () => {
  const { baseUrl } = fixture.server;
  const ann = await signInNamed(await fixture.browser.newContext(), baseUrl, 'ann', 'Ann Lee');
  const bob = await signInNamed(await fixture.browser.newContext(), baseUrl, 'bob', 'Bob Roe');
  // Ann finds nobody yet: the finder offers a private chat with the id typed
  await ann.fill('#find', 'bob');
  await ann.locator('#find-results button', { hasText: 'Start a private chat with bob' }).click();
  await ann.locator('#pane-title[data-target-id="bob"]').waitFor();
  await sendText(ann, 'Hi Bob');
  // once they talked, each sees the other's name, avatar initials, and name in the header
  await ann.locator('#pane-title', { hasText: 'Bob Roe' }).waitFor();
  const fromAnn = bob.locator('#conversations li.conversation[data-target-id="ann"]');
  await fromAnn.locator('.name', { hasText: 'Ann Lee' }).waitFor();
  assert.equal(await fromAnn.locator('.avatar').getAttribute('data-initials'), 'AL');
  await fromAnn.click();
  await bob.locator('#pane-title', { hasText: 'Ann Lee' }).waitFor();
  assert.equal(await bob.locator('#me').textContent(), 'Bob Roe');

  // the app renames Ann; Bob's page asks again when its window gets the focus back
  await fixture.server.callApi('/user/refresh.json', { userId: 'ann', name: 'Ann Smith' });
  await bob.evaluate(() => window.dispatchEvent(new Event('focus')));
  await fromAnn.locator('.name', { hasText: 'Ann Smith' }).waitFor({ timeout: 15_000 });
  await bob.locator('#pane-title', { hasText: 'Ann Smith' }).waitFor();
  assert.equal(await fromAnn.locator('.avatar').getAttribute('data-initials'), 'AS');
  await screenshot(bob, 'kit-names');
});

test('the finder filters conversations by name or id', async () => {
  const { baseUrl } = fixture.server;
  const cat = await signInNamed(await fixture.browser.newContext(), baseUrl, 'cat', 'Cat Poe');
  for (const [id, name] of [['dora', 'Dora Explorer'], ['eli', 'Eli Wong'], ['fay', 'Fay Day']]) {
    await fixture.server.callApi('/user/getToken.json', { userId: id, name });
    await fixture.server.callApi('/message/private/publish.json', { fromUserId: id, toUserId: 'cat',
      objectName: 'RC:TxtMsg', content: JSON.stringify({ content: `hello from ${name}` }) });
  }
  const items = cat.locator('#conversations li.conversation');
  await cat.locator('#conversations li.conversation .name', { hasText: 'Fay Day' }).waitFor();
  await cat.fill('#find', 'wong');
  await cat.waitForFunction(() => document.querySelectorAll('#conversations li.conversation').length === 1);
  assert.equal(await items.first().getAttribute('data-target-id'), 'eli');
  await cat.fill('#find', 'dor'); // by id
  await cat.waitForFunction(() => document.querySelector('#conversations li.conversation')?.dataset.targetId === 'dora');
  assert.equal(await items.count(), 1);
  await cat.press('#find', 'Enter'); // opens the first match
  await cat.locator('#pane-title', { hasText: 'Dora Explorer' }).waitFor();
  await cat.fill('#find', 'zzz');
  await cat.locator('.conversations-empty', { hasText: 'No conversation matches' }).waitFor();
  await cat.fill('#find', '');
  await cat.waitForFunction(() => document.querySelectorAll('#conversations li.conversation').length === 3);
});

test('with development sign-in a user makes a group from the page; members see its name', async () => {
  const { baseUrl } = fixture.server;
  const gus = await signInNamed(await fixture.browser.newContext(), baseUrl, 'gus', 'Gus Grey');
  const hal = await signInNamed(await fixture.browser.newContext(), baseUrl, 'hal', 'Hal Ho');
  await gus.click('#new-group');
  await gus.fill('#new-group-name', 'Weekend hike');
  await gus.fill('#new-group-members', 'hal, ivy');
  await gus.click('#new-group-form button[type=submit]');
  await gus.locator('#pane-title', { hasText: 'Weekend hike' }).waitFor();
  const groupId = await gus.locator('#pane-title').getAttribute('data-target-id');
  assert.match(groupId, /^g-[0-9a-f]{12}$/);
  // the group's Create notice, then a message
  await gus.locator('.message.notice', { hasText: 'Gus Grey created the group' }).waitFor(); // notices name people too
  await sendText(gus, 'Saturday at 9?');
  const item = hal.locator(`#conversations li.conversation[data-target-id="${groupId}"]`);
  await item.locator('.name', { hasText: 'Weekend hike' }).waitFor();
  await item.locator('.preview', { hasText: 'Gus Grey: Saturday at 9?' }).waitFor();
  await item.click();
  await hal.locator('.message.theirs .from', { hasText: 'Gus Grey' }).waitFor();
  // the server knows the group as the page named it
  const members = await fixture.server.callApi('/group/user/query.json', { groupId });
  assert.deepEqual(members.users.map((u) => u.id).sort(), ['gus', 'hal', 'ivy']);
  await screenshot(hal, 'kit-group');
});

test('a page of one\'s own embeds the kit as <parley-chat> with a few lines', async () => {
  const { baseUrl } = fixture.server;
  const token = await fixture.server.getToken('kim');
  await fixture.server.callApi('/message/private/publish.json', { fromUserId: 'lou', toUserId: 'kim',
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content: 'embedded hello' }) });
  const page = await (await fixture.browser.newContext()).newPage();
  await page.goto(`${baseUrl}/web/settings`); // any page of the server's origin: a host page of its own
  await page.evaluate(async (t) => {
    document.head.innerHTML = '<link rel="stylesheet" href="/sdk/kit/kit.css">';
    document.body.innerHTML = '<parley-chat></parley-chat>';
    document.querySelector('parley-chat').style.height = '600px';
    const { ParleyClient } = await import('/sdk/index.js');
    const { defineChatElement } = await import('/sdk/kit/index.js');
    defineChatElement();
    const client = new ParleyClient({ url: `ws://${location.host}/websocket`, token: t });
    document.querySelector('parley-chat').client = client;
    await client.connect();
  }, token);
  const item = page.locator('parley-chat #conversations li.conversation[data-target-id="lou"]');
  await item.locator('.preview', { hasText: 'embedded hello' }).waitFor();
  await item.click();
  await page.locator('parley-chat .message.theirs', { hasText: 'embedded hello' }).waitFor();
  await sendText(page, 'answer from the embedded kit');
  await page.locator('.message.mine', { hasText: 'answer from the embedded kit' }).locator('.state', { hasText: /Sent|Read/ }).waitFor();
  // themable: the kit reads its colours from CSS variables set on its element
  await page.evaluate(() => document.querySelector('parley-chat').style.setProperty('--parley-mine', 'rgb(200, 0, 100)'));
  const colour = await page.locator('.message.mine .bubble').first().evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(colour, 'rgb(200, 0, 100)');
  assert.equal(await page.locator('#sign-out').isHidden(), true, 'no sign-out without onSignOut');
});

test('signing in without a name shows the user id', async () => {
  const page = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'noname');
  assert.equal(await page.locator('#me').textContent(), 'noname');
  assert.equal(await page.locator('#me-avatar .avatar').getAttribute('data-initials'), 'NO');
});
