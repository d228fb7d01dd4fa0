// Message search backed by the SDK's local store (IndexedDB in the browser): results across conversations or in the
// open one, paged, opening the conversation at the message found; and the conversation list and a chat's messages
// shown from the store when the page opens without a connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signInNamed, openConversation, sendText } from '../support/browser.js';

const fixture = serverAndBrowser();

const say = (fromUserId, toUserId, content) => fixture.server.callApi('/message/private/publish.json', { fromUserId,
  toUserId, objectName: 'RC:TxtMsg', content: JSON.stringify({ content }) });

test('search finds messages kept on the device, newest first, and opens the conversation at the one picked', async () => {
  const { baseUrl } = fixture.server;
  await fixture.server.callApi('/user/getToken.json', { userId: 'quinn', name: 'Quinn Fox' });
  await fixture.server.callApi('/user/getToken.json', { userId: 'rosa', name: 'Rosa Park' });
  const pat = await signInNamed(await fixture.browser.newContext({ viewport: { width: 1280, height: 760 } }), baseUrl, 'pat', 'Pat Lane');
  await pat.locator('#search-toggle').waitFor();
  // older messages of one chat, then the newest ones, live
  for (let i = 1; i <= 40; i++) await say('quinn', 'pat', i === 3 ? 'the budget draft is attached' : `filler message ${i}`);
  await say('rosa', 'pat', 'Budget meeting moved to Friday');
  await pat.locator('#conversations li.conversation[data-target-id="rosa"]').waitFor();
  await openConversation(pat, 1, 'rosa');
  await sendText(pat, 'OK, Friday works for the budget');
  await pat.locator('.message.mine', { hasText: 'Friday works' }).locator('.state', { hasText: /Sent|Read/ }).waitFor();

  await pat.click('#search-toggle');
  await pat.uncheck('#search-here');
  await pat.fill('#search-text', 'budget');
  const results = pat.locator('#search-results li.search-result');
  await pat.waitForFunction(() => document.querySelectorAll('#search-results li.search-result').length === 3);
  assert.deepEqual(await results.locator('.search-text').allTextContents(), ['OK, Friday works for the budget',
    'Budget meeting moved to Friday', 'the budget draft is attached']);
  assert.deepEqual(await results.first().locator('mark').allTextContents(), ['budget']);
  assert.equal(await results.nth(1).locator('.search-where').textContent(), 'Rosa Park');
  await screenshot(pat, 'kit-search');

  // only the open chat
  await pat.check('#search-here');
  await pat.waitForFunction(() => document.querySelectorAll('#search-results li.search-result').length === 2);
  await pat.uncheck('#search-here');
  await pat.waitForFunction(() => document.querySelectorAll('#search-results li.search-result').length === 3);

  // the oldest result is 38 messages back in Quinn's chat: opening it loads earlier pages until it is there
  await results.nth(2).click();
  await pat.locator('#pane-title', { hasText: 'Quinn Fox' }).waitFor();
  await pat.locator('.message.theirs.flash', { hasText: 'the budget draft is attached' }).waitFor();
  assert.equal(await pat.locator('#search-results').isHidden(), true);

  // nothing found
  await pat.click('#search-toggle');
  await pat.fill('#search-text', 'zebra');
  await pat.locator('#search-results .search-empty', { hasText: 'No messages with “zebra”' }).waitFor();
});

test('results come a page at a time', async () => {
  const { baseUrl } = fixture.server;
  const sol = await signInNamed(await fixture.browser.newContext(), baseUrl, 'sol', 'Sol Kim');
  await sol.locator('#search-toggle').waitFor();
  for (let i = 1; i <= 35; i++) await say('tia', 'sol', `update number ${i}`);
  await sol.locator('#conversations li.conversation[data-target-id="tia"] .preview', { hasText: 'update number 35' }).waitFor();
  await sol.click('#search-toggle');
  await sol.fill('#search-text', 'update');
  await sol.waitForFunction(() => document.querySelectorAll('#search-results li.search-result').length === 30);
  await sol.locator('#search-results button', { hasText: 'More results' }).click();
  await sol.waitForFunction(() => document.querySelectorAll('#search-results li.search-result').length === 35);
  assert.equal(await sol.locator('#search-results button', { hasText: 'More results' }).count(), 0);
  const texts = await sol.locator('#search-results .search-text').allTextContents();
  assert.deepEqual(texts, Array.from({ length: 35 }, (_, i) => `update number ${35 - i}`));
});

test('with no connection the page opens with the conversation list and messages the device keeps', async () => {
  const { baseUrl } = fixture.server;
  const context = await fixture.browser.newContext();
  const una = await signInNamed(context, baseUrl, 'una', 'Una Moss');
  await say('vik', 'una', 'kept for later');
  await una.locator('#conversations li.conversation[data-target-id="vik"] .preview', { hasText: 'kept for later' }).waitFor();
  // the device's store has it (written as the SDK got it)
  await una.waitForFunction(async () => (await window.parley.client.store.conversations()).some((c) => c.targetId === 'vik'));
  await una.close();

  // the server is out of reach: the WebSocket is refused
  await context.routeWebSocket(/\/websocket/, (ws) => ws.close());
  const offline = await context.newPage();
  await offline.goto(`${baseUrl}/`);
  await offline.locator('#banner', { hasText: /Connecting|Reconnecting|Connection lost/ }).waitFor();
  const item = offline.locator('#conversations li.conversation[data-target-id="vik"]');
  await item.locator('.preview', { hasText: 'kept for later' }).waitFor();
  await item.click();
  await offline.locator('.message.theirs', { hasText: 'kept for later' }).waitFor();
  // and search works offline too
  await offline.click('#search-toggle');
  await offline.fill('#search-text', 'later');
  await offline.locator('#search-results li.search-result', { hasText: 'kept for later' }).waitFor();
});
