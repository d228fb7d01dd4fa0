// One user's network goes away: the banner says so, messages sent meanwhile arrive once it is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem } from '../support/browser.js';

const fixture = serverAndBrowser();

test('a user who was offline sees the reconnect banner and catches up on return, in order, once', async () => {
  const aliceContext = await fixture.browser.newContext();
  const bobContext = await fixture.browser.newContext();
  const alice = await signIn(aliceContext, fixture.server.baseUrl, 'alice');
  const bob = await signIn(bobContext, fixture.server.baseUrl, 'bob');
  await openConversation(alice, 1, 'bob');
  await sendText(alice, 'before the outage');
  await conversationItem(bob, 'alice').locator('.preview', { hasText: 'before the outage' }).waitFor();

  // Bob's network goes: no new connection can be made, and the open one drops
  await bobContext.setOffline(true);
  await bob.evaluate(() => window.parley.client._ws.close());
  await bob.locator('#banner:not([hidden])', { hasText: 'Reconnecting' }).waitFor();
  await screenshot(bob, 'offline-bob-banner');

  for (const text of ['missed one', 'missed two', 'missed three']) {
    await sendText(alice, text);
    await alice.locator('.message.mine', { hasText: text }).locator('.state', { hasText: 'Sent' }).waitFor();
  }
  assert.equal(await bob.locator('.conversation .preview', { hasText: 'missed' }).count(), 0);

  await bobContext.setOffline(false);
  await bob.locator('#banner[data-status="connected"]').waitFor();
  const item = conversationItem(bob, 'alice');
  await item.locator('.preview', { hasText: 'missed three' }).waitFor();
  assert.equal(await item.locator('.badge.unread').textContent(), '4');

  await item.click();
  const texts = bob.locator('.message.theirs .bubble');
  await texts.filter({ hasText: 'missed three' }).waitFor();
  assert.deepEqual(await texts.allTextContents(), ['before the outage', 'missed one', 'missed two', 'missed three']);
  await screenshot(bob, 'offline-bob-caught-up');
});

test('a reloaded page keeps its session and cursor, and shows history from the server', async () => {
  const context = await fixture.browser.newContext();
  const dave = await signIn(context, fixture.server.baseUrl, 'dave');
  await openConversation(dave, 1, 'erin');
  await sendText(dave, 'a message from before the reload');
  await dave.locator('.message.mine .state', { hasText: 'Sent' }).waitFor();
  await dave.close();

  const again = await context.newPage();
  await again.goto(`${fixture.server.baseUrl}/`);
  await again.locator('#me', { hasText: 'dave' }).waitFor();
  await conversationItem(again, 'erin').click();
  await again.locator('.message.mine', { hasText: 'a message from before the reload' }).waitFor();
  assert.equal(await again.locator('.message').count(), 1);
});
