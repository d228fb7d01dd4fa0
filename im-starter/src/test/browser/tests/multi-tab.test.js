// One user in several tabs of one browser: every tab stays online, and all show the same read receipts, including a
// tab opened after the receipt came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem } from '../support/browser.js';

const fixture = serverAndBrowser();

/** Opens another tab of `context`, already signed in (the session is in the context's localStorage). */
async function openTab(context, baseUrl, userId) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.locator('#me').filter({ hasText: userId }).waitFor();
  return page;
}

test('two tabs of one user stay online, and both, and a tab opened later, show the message read', async () => {
  const aliceBrowser = await fixture.browser.newContext();
  const tab1 = await signIn(aliceBrowser, fixture.server.baseUrl, 'amy');
  const tab2 = await openTab(aliceBrowser, fixture.server.baseUrl, 'amy');
  const ids = await Promise.all([tab1, tab2].map((tab) => tab.evaluate(() => window.parley.client.deviceId)));
  assert.notEqual(ids[0], ids[1], 'each tab is a device of its own');
  const bob = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'ben');

  await openConversation(tab1, 1, 'ben');
  await openConversation(tab2, 1, 'ben');
  await sendText(tab1, 'Hello from the first tab');
  const mine = (tab) => tab.locator('.message.mine').filter({ hasText: 'Hello from the first tab' });
  for (const tab of [tab1, tab2]) await mine(tab).locator('.state', { hasText: 'Sent' }).waitFor();

  // Ben reads it: both tabs show it read, and neither was signed out
  await conversationItem(bob, 'amy').locator('.preview', { hasText: 'Hello from the first tab' }).waitFor();
  await conversationItem(bob, 'amy').click();
  await bob.locator('.message.theirs', { hasText: 'Hello from the first tab' }).waitFor();
  for (const tab of [tab1, tab2]) await mine(tab).locator('.state.read', { hasText: 'Read' }).waitFor();
  for (const tab of [tab1, tab2]) {
    assert.equal(await tab.evaluate(() => window.parley.client.status), 'connected');
    assert.equal(await tab.locator('#banner.fatal').count(), 0);
  }

  // a third tab, opened after the receipt, shows the same
  const tab3 = await openTab(aliceBrowser, fixture.server.baseUrl, 'amy');
  await openConversation(tab3, 1, 'ben');
  await mine(tab3).locator('.state.read', { hasText: 'Read' }).waitFor();
  await screenshot(tab3, 'multi-tab-later-tab-sees-read');
  for (const tab of [tab1, tab2, tab3]) {
    assert.equal(await tab.evaluate(() => window.parley.client.status), 'connected');
  }
});
