// Getting the user's attention while the page is hidden: desktop notifications (once allowed with the bell) and the
// unread count in the tab's title; and the dark theme, which follows the system's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { signInNamed, openConversation, sendText } from '../support/browser.js';

const fixture = serverAndBrowser();

/**
 * Before the page's scripts: notifications the page makes are noted in `window.shownNotifications` (and still made),
 * and `window.setHidden(true)` makes the page hidden as a tab in the background is (Chromium headless keeps every
 * page visible).
 */
function watchAttention() {
  window.shownNotifications = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.shownNotifications.push({ title, body: options && options.body, tag: options && options.tag });
    }
  };
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  window.setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

test('while the page is hidden, a message shows a desktop notification and the tab title counts unread', async () => {
  const { baseUrl } = fixture.server;
  const context = await fixture.browser.newContext();
  await context.grantPermissions(['notifications'], { origin: baseUrl });
  await context.addInitScript(watchAttention);
  const kay = await signInNamed(context, baseUrl, 'kay', 'Kay Kendall');
  const lee = await signInNamed(await fixture.browser.newContext(), baseUrl, 'lee', 'Lee Marvin');
  await kay.locator('#notify[aria-pressed="true"]').waitFor();

  await openConversation(lee, 1, 'kay');
  await sendText(lee, 'first, while Kay looks');
  await kay.locator('#conversations li.conversation[data-target-id="lee"] .badge.unread', { hasText: '1' }).waitFor();
  assert.equal(await kay.title(), 'Parley', 'no count while the page is visible');
  assert.deepEqual(await kay.evaluate(() => window.shownNotifications), [], 'no notification while the page is visible');

  await kay.evaluate(() => window.setHidden(true));
  await sendText(lee, 'are you there?');
  await kay.waitForFunction(() => document.title === '(2) Parley');
  await kay.waitForFunction(() => window.shownNotifications.some((n) => n.body === 'are you there?'));
  assert.deepEqual(await kay.evaluate(() => window.shownNotifications),
    [{ title: 'Lee Marvin', body: 'are you there?', tag: '1:lee' }]);

  // back to the page: the title is plain again; opening the chat clears the count
  await kay.evaluate(() => window.setHidden(false));
  await kay.waitForFunction(() => document.title === 'Parley');
  await kay.locator('#conversations li.conversation[data-target-id="lee"]').click();
  await kay.locator('#conversations li.conversation[data-target-id="lee"] .badge.unread').waitFor({ state: 'detached' });

  // the open chat, hidden: still notified and counted (nobody sees it), and read once visible again
  await kay.evaluate(() => window.setHidden(true));
  await sendText(lee, 'ping');
  await kay.waitForFunction(() => document.title === '(1) Parley');
  await kay.waitForFunction(() => window.shownNotifications.some((n) => n.body === 'ping'));
  await kay.evaluate(() => window.setHidden(false));
  await lee.locator('.message.mine', { hasText: 'ping' }).locator('.state.read').waitFor();
});

test('without the permission no notification is made, though the title still counts', async () => {
  const { baseUrl } = fixture.server;
  const context = await fixture.browser.newContext();
  await context.addInitScript(watchAttention);
  const mo = await signInNamed(context, baseUrl, 'mo', 'Mo Farah');
  const ned = await signInNamed(await fixture.browser.newContext(), baseUrl, 'ned', 'Ned Kelly');
  assert.equal(await mo.locator('#notify').getAttribute('aria-pressed'), 'false');
  await mo.evaluate(() => window.setHidden(true));
  await openConversation(ned, 1, 'mo');
  await sendText(ned, 'quiet message');
  await mo.waitForFunction(() => document.title === '(1) Parley');
  assert.deepEqual(await mo.evaluate(() => window.shownNotifications), []);
});

test('the theme follows the system: dark colours under prefers-color-scheme dark, light ones otherwise', async () => {
  const { baseUrl } = fixture.server;
  const luminance = (page, selector) => page.locator(selector).first().evaluate((node) => {
    const [r, g, b] = getComputedStyle(node).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  const light = await signInNamed(await fixture.browser.newContext({ colorScheme: 'light' }), baseUrl, 'oz', 'Oz Wizard');
  const dark = await signInNamed(await fixture.browser.newContext({ colorScheme: 'dark' }), baseUrl, 'oz', 'Oz Wizard');
  assert.ok(await luminance(light, '.sidebar') > 0.9, 'a light sidebar');
  assert.ok(await luminance(dark, '.sidebar') < 0.15, 'a dark sidebar');
  const text = await dark.locator('.me').evaluate((n) => getComputedStyle(n).color);
  const [r, g, b] = text.match(/\d+/g).map(Number);
  assert.ok((r + g + b) / 3 > 180, `light text on dark (${text})`);
  // the system changing its mind is followed without a reload
  await dark.emulateMedia({ colorScheme: 'light' });
  assert.ok(await luminance(dark, '.sidebar') > 0.9);
});
