// Groups on the chat page, followed by conversation cursor: a group message is stored once in the group's log and
// the page's SDK keeps the group's cursor in localStorage, so a page closed while the group talked on catches up
// when it is opened again, in order and once, with the unread count and last message of the server's list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem, sdkSender } from '../support/browser.js';

const MISSED = 1000;
const CATCH_UP_TIMEOUT_MS = 120_000;

/** The group "crew" of sam (who makes it) and rosa. */
const fixture = serverAndBrowser({}, async ({ callApi: api }) => {
  await api('/group/create.json', [['userId', 'sam'], ['userId', 'rosa'], ['groupId', 'crew'], ['groupName', 'Crew']]);
});

/** The group's cursor on the page: the last seq of `crew` its SDK handed on. */
const crewCursor = (page) => page.evaluate(() => window.parley.client.conversationCursor(3, 'crew'));

test('a page closed while 1,000 group messages were sent catches up on reopening, in order, once', async () => {
  const context = await fixture.browser.newContext();
  const rosa = await signIn(context, fixture.server.baseUrl, 'rosa');
  await openConversation(rosa, 3, 'crew');
  await sendText(rosa, 'see you all tomorrow');
  await rosa.locator('.message.mine', { hasText: 'see you all tomorrow' }).locator('.state', { hasText: 'Sent' }).waitFor();
  // the page's own message comes back as the group's next seq: the cursor in localStorage covers it
  await rosa.waitForFunction(() => {
    const own = window.parley.model.thread('3:crew').list.find((m) => m.mine);
    return own && own.seq > 0 && window.parley.client.conversationCursor(3, 'crew') === own.seq;
  });
  const cursorWhenClosed = await crewCursor(rosa);
  await rosa.close();

  const sam = await sdkSender(await fixture.browser.newContext(), fixture.server.baseUrl,
    await fixture.server.getToken('sam'));
  const missed = await sam.sendTexts(3, 'crew', Array.from({ length: MISSED }, (_, i) => `crew update ${i + 1}`));
  assert.deepEqual(missed.map((m) => m.seq), Array.from({ length: MISSED }, (_, i) => cursorWhenClosed + 1 + i));
  const last = missed.at(-1);

  // the same browser opens the page again: same device, same cursors
  const again = await context.newPage();
  await again.goto(`${fixture.server.baseUrl}/`);
  await again.locator('#me', { hasText: 'rosa' }).waitFor();
  // a thousand messages through the page's SDK and model: allow for a loaded machine
  await again.waitForFunction((seq) => window.parley.client.conversationCursor(3, 'crew') === seq, last.seq,
    { timeout: CATCH_UP_TIMEOUT_MS });
  const item = conversationItem(again, 'crew');
  await item.locator('.preview', { hasText: `sam: ${last.text}` }).waitFor();
  const badge = item.locator('.badge.unread');
  assert.equal(await badge.textContent(), '99+');
  assert.equal(await badge.getAttribute('title'), `${MISSED} unread`, 'the server\'s count, from the group\'s log');
  await screenshot(again, 'group-rosa-caught-up');

  // a burst sent while the page is open: several messages share a millisecond, each counts once
  const burst = await sam.sendTexts(3, 'crew', ['burst a', 'burst b', 'burst c', 'burst d', 'burst e'], 5);
  await item.locator('.preview', { hasText: `sam: ${burst.at(-1).text}` }).waitFor();
  await again.waitForFunction((seq) => window.parley.client.conversationCursor(3, 'crew') === seq, burst.at(-1).seq);
  assert.equal(await badge.getAttribute('title'), `${MISSED + burst.length} unread`);

  await item.click();
  const theirs = again.locator('.message.theirs:not(.notice) .bubble');
  await theirs.filter({ hasText: burst.at(-1).text }).waitFor();
  assert.deepEqual(await theirs.allTextContents(), [...missed, ...burst].map((m) => m.text),
    'every missed message, in order, once');
  // the page before the missed ones comes from history.query, which resolves once the SDK's message store kept it
  await again.locator('.message.mine', { hasText: 'see you all tomorrow' }).waitFor();
  assert.equal(await again.locator('.message.mine', { hasText: 'see you all tomorrow' }).count(), 1);
  await badge.waitFor({ state: 'detached' });

  // and the page follows the group live again
  const [live] = await sam.sendTexts(3, 'crew', ['and one more, live']);
  assert.equal(live.seq, burst.at(-1).seq + 1);
  await theirs.filter({ hasText: 'and one more, live' }).waitFor();
  assert.deepEqual((await theirs.allTextContents()).slice(-2), [burst.at(-1).text, 'and one more, live']);
  assert.equal(await crewCursor(again), live.seq);
  await screenshot(again, 'group-rosa-live-again');
});
