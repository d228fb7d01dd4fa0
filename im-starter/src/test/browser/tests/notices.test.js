// A plugin's notice reaches the chat page (the SDK's onNotice), and the page shows nothing of it: no bubble, no
// unread, not the conversation's preview. The server runs with the test-only plugin `notice-test` on its class path.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { compileNoticePlugin } from '../../../../../im-client-js/test-support/server.js';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem } from '../support/browser.js';

const pluginDir = compileNoticePlugin();
const fixture = serverAndBrowser({}, async () => {}, [pluginDir]);
after(() => rmSync(pluginDir, { recursive: true, force: true }));

/** Starts keeping the notices the page's model tells in `window.noticesSeen`. */
const recordNotices = (page) => page.evaluate(() => {
  window.noticesSeen = [];
  window.parley.model.addEventListener('notice', (e) => window.noticesSeen.push(e.detail));
});
const noticesSeen = (page) => page.evaluate(() => window.noticesSeen.length);

test('a notice reaches the page but is no bubble, no unread and no preview', async () => {
  const wes = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'wes');
  const xia = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'xia');
  await recordNotices(wes);
  await recordNotices(xia);

  await openConversation(wes, 1, 'xia');
  await sendText(wes, 'Lunch at noon?');
  await wes.locator('.message.mine', { hasText: 'Lunch at noon?' }).locator('.state', { hasText: 'Sent' }).waitFor();
  const fromWes = conversationItem(xia, 'wes');
  await fromWes.locator('.preview', { hasText: 'Lunch at noon?' }).waitFor();
  assert.equal(await fromWes.locator('.badge.unread').textContent(), '1');

  // wes's page asks the plugin for a notice to the chat (a reaction, say)
  const sent = await wes.evaluate(() => window.parley.client.command('notice-test.notify', {
    conversationType: 1, targetId: 'xia', name: 'Test:Reaction', content: JSON.stringify({ emoji: 'thumbs-up' }) }));
  assert.ok(sent.messageUid);
  for (const page of [wes, xia]) {
    await page.waitForFunction(() => window.noticesSeen.length === 1);
    assert.equal(await page.evaluate(() => window.noticesSeen[0].notice), true);
  }

  // nothing shows it: xia's list keeps the text as preview and one unread; no bubble on either side
  assert.equal(await fromWes.locator('.preview').textContent(), 'Lunch at noon?');
  assert.equal(await fromWes.locator('.badge.unread').textContent(), '1');
  assert.equal(await wes.locator('li.message').count(), 1);
  await fromWes.click();
  await xia.locator('.message.theirs', { hasText: 'Lunch at noon?' }).waitFor();
  assert.equal(await xia.locator('li.message').count(), 1);
  assert.equal(await xia.locator('li.message', { hasText: 'Test:Reaction' }).count(), 0);
  assert.equal(await noticesSeen(xia), 1);
  await screenshot(xia, 'notice-not-shown');
});
