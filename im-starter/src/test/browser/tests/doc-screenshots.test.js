// The screenshots of docs/web.md: the chat page at desktop and phone size, light and dark, with a small made-up
// conversation. Saved to im-starter/target/browser-artifacts/; with PARLEY_DOC_IMAGES=write, into docs/images/ too:
//   cd im-starter/src/test/browser && PARLEY_DOC_IMAGES=write node --test tests/doc-screenshots.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signInNamed, messageAction, sendText } from '../support/browser.js';

const DOC_IMAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'docs', 'images');
const PEOPLE = { maya: 'Maya Patel', theo: 'Theo Okafor', lina: 'Lina Berg', sam: 'Sam Rivera' };

const fixture = serverAndBrowser({}, async (server) => {
  for (const [userId, name] of Object.entries(PEOPLE)) await server.callApi('/user/getToken.json', { userId, name });
  await server.callApi('/group/create.json', { userId: 'maya', groupId: 'trip', groupName: 'Lisbon trip' });
  for (const userId of ['theo', 'lina']) await server.callApi('/group/join.json', { userId, groupId: 'trip', groupName: 'Lisbon trip' });
  const say = (fromUserId, toUserId, content) => server.callApi('/message/private/publish.json', { fromUserId, toUserId,
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content }) });
  const inGroup = (fromUserId, content) => server.callApi('/message/group/publish.json', { fromUserId, toGroupId: 'trip',
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content }) });
  await say('sam', 'maya', 'Can you send me the slides from Tuesday?');
  await say('lina', 'maya', 'Thanks for the book, I love it');
  await inGroup('theo', 'Flights are booked, we land at 10:40');
  await inGroup('theo', 'Who picks up the keys for the flat?');
  await inGroup('lina', 'I can, the office is on my way');
});

/** Maya's page in `colorScheme` at `viewport`, with the group open. */
async function mayasPage(colorScheme, viewport) {
  const context = await fixture.browser.newContext({ colorScheme, viewport });
  const page = await signInNamed(context, fixture.server.baseUrl, 'maya', PEOPLE.maya);
  await page.locator('#conversations li.conversation[data-target-id="trip"]').click();
  await page.locator('.message.theirs', { hasText: 'I can, the office is on my way' }).waitFor();
  return page;
}

async function save(page, name) {
  await page.mouse.move(0, 0);
  const path = await screenshot(page, name);
  if (process.env.PARLEY_DOC_IMAGES === 'write') {
    mkdirSync(DOC_IMAGES, { recursive: true });
    copyFileSync(path, join(DOC_IMAGES, `${name}.png`));
  }
}

test('screenshots: desktop and phone, light and dark', async () => {
  const first = await mayasPage('light', { width: 1280, height: 760 });
  // Maya answers Lina with a reply that quotes her
  await messageAction(first.locator('.message.theirs', { hasText: 'I can, the office is on my way' }), 'Reply');
  await sendText(first, 'Perfect, thank you Lina!');
  await first.locator('.message.mine .quote', { hasText: 'the office is on my way' }).waitFor();
  await sendText(first, 'I will book the table for Saturday');
  await first.locator('.message.mine', { hasText: 'book the table' }).locator('.state', { hasText: /Sent|Read/ }).waitFor();
  await first.context().close();

  for (const scheme of ['light', 'dark']) {
    const desktop = await mayasPage(scheme, { width: 1280, height: 760 });
    await desktop.locator('#conversations li.conversation .name', { hasText: 'Sam Rivera' }).waitFor();
    await desktop.locator('.message.mine', { hasText: 'book the table' }).waitFor();
    await save(desktop, `web-desktop-${scheme}`);
    if (scheme === 'light') {
      // search, on what the device keeps (the group's history the page fetched)
      await desktop.click('#search-toggle');
      await desktop.fill('#search-text', 'keys');
      await desktop.locator('#search-results li.search-result', { hasText: 'Who picks up the keys' }).waitFor();
      await save(desktop, 'web-search-light');
      await desktop.click('#search-close');
    }
    const phone = await mayasPage(scheme, { width: 390, height: 760 });
    assert.equal(await phone.locator('.sidebar').isHidden(), true, 'the phone layout shows the conversation alone');
    await save(phone, `web-phone-${scheme}`);
    await phone.click('#back');
    await phone.locator('.sidebar').waitFor();
    await save(phone, `web-phone-list-${scheme}`);
  }
});
