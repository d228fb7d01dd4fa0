// Two people in two browser contexts sign in, exchange messages, and see each other typing and reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem } from '../support/browser.js';

const fixture = serverAndBrowser();

test('two users chat: the message arrives with an unread badge, typing shows, and read receipts come back', async () => {
  const alice = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'alice');
  const bob = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'bob');

  await openConversation(alice, 1, 'bob');
  await sendText(alice, 'Hello Bob, this is Alice');
  const aliceMessage = alice.locator('.message.mine').filter({ hasText: 'Hello Bob, this is Alice' });
  await aliceMessage.locator('.state', { hasText: 'Sent' }).waitFor();

  // Bob sees the conversation appear with the message as its preview and one unread
  const fromAlice = conversationItem(bob, 'alice');
  await fromAlice.locator('.preview', { hasText: 'Hello Bob, this is Alice' }).waitFor();
  assert.equal(await fromAlice.locator('.badge.unread').textContent(), '1');

  // Bob opens it: the badge goes, and Alice sees her message read
  await fromAlice.click();
  await bob.locator('.message.theirs', { hasText: 'Hello Bob, this is Alice' }).waitFor();
  assert.equal(await fromAlice.locator('.badge.unread').count(), 0);
  await aliceMessage.locator('.state.read', { hasText: 'Read' }).waitFor();

  // Bob types: Alice sees it in the conversation header
  await bob.type('#text', 'Hi Al');
  await alice.locator('#typing', { hasText: 'bob is typing' }).waitFor();
  await screenshot(alice, 'chat-alice-sees-bob-typing');
  await bob.type('#text', 'ice, good to see you here');
  await bob.click('#send');

  await alice.locator('.message.theirs', { hasText: 'Hi Alice, good to see you here' }).waitFor();
  await alice.locator('#typing').filter({ hasText: /^$/ }).waitFor();
  await bob.locator('.message.mine', { hasText: 'Hi Alice, good to see you here' })
    .locator('.state.read').waitFor();

  // and the other way round: Bob sees Alice typing
  await alice.type('#text', 'Likewise');
  await bob.locator('#typing', { hasText: 'alice is typing' }).waitFor();
  await screenshot(alice, 'chat-alice');
  await screenshot(bob, 'chat-bob-sees-alice-typing');
});

test('a host app supplies the token in the URL fragment, which the page then removes from the address bar', async () => {
  const token = await fixture.server.getToken('uma');
  const page = await (await fixture.browser.newContext()).newPage();
  await page.goto(`${fixture.server.baseUrl}/#token=${encodeURIComponent(token)}&user=uma`);
  await page.locator('#me', { hasText: 'uma' }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(await page.locator('#signin').isHidden(), true);
});

test('a second browser signing in as the same device ends the first session, and the first page says so', async () => {
  // several web tabs and browsers of one user stay online together (session.multi-device.web=unlimited); one device
  // id is one connection, though: a browser that signs in with the first one's device id takes its place
  const first = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'vic');
  const deviceId = await first.evaluate(() => window.parley.client.deviceId);
  const second = await (await fixture.browser.newContext()).newPage();
  await second.goto(`${fixture.server.baseUrl}/`);
  await second.evaluate((id) => localStorage.setItem('parley:vic:device', id), deviceId);
  await second.fill('#signin-user', 'vic');
  await second.click('#signin-form button[type=submit]');
  await second.locator('#me').filter({ hasText: 'vic' }).waitFor();
  await first.locator('#banner.fatal', { hasText: 'signed in on another device' }).waitFor();
  await screenshot(first, 'kicked-banner');
});
