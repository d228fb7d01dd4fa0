// Drives Debian's Chromium (never a downloaded browser) with playwright-core, and saves screenshots as artifacts.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** im-starter/target/browser-artifacts: screenshots of every scenario. */
export const ARTIFACTS = join(here, '..', '..', '..', '..', 'target', 'browser-artifacts');

/**
 * Launches headless Chromium. Playwright gives every launch a new, empty user-data dir of its own; the flags
 * keep Chromium off the network (this machine's network is closed) and quiet.
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Per page, the violations already reported (by time and text), so each fails one test only. */
const reported = new WeakMap();

/**
 * The Content-Security-Policy violations Chromium logged in the open pages of `browser` since the last call, as
 * `<page url>: <message>`.
 */
export async function cspViolations(browser) {
  const violations = [];
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      if (!reported.has(page)) reported.set(page, new Set());
      for (const message of await page.consoleMessages()) {
        const key = `${message.timestamp()} ${message.text()}`;
        if (reported.get(page).has(key) || !/Content Security Policy/i.test(message.text())) continue;
        reported.get(page).add(key);
        violations.push(`${page.url()}: ${message.text()}`);
      }
    }
  }
  return violations;
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens the chat page in `context` and signs in as `userId` with a development token. */
export async function signIn(context, baseUrl, userId) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.fill('#signin-user', userId);
  await page.click('#signin-form button[type=submit]');
  await page.locator('#me').filter({ hasText: userId }).waitFor();
  return page;
}

/** Opens a conversation from the sidebar's form: kind 1 private, 3 group, 4 chatroom. */
export async function openConversation(page, type, targetId) {
  await page.selectOption('#open-type', String(type));
  await page.fill('#open-target', targetId);
  await page.click('#open-form button[type=submit]');
  await page.locator('#pane-title').filter({ hasText: targetId }).waitFor();
}

export async function sendText(page, text) {
  await page.fill('#text', text);
  await page.click('#send');
}

/** The conversation list item of `targetId`. */
export function conversationItem(page, targetId) {
  return page.locator('#conversations li.conversation').filter({ has: page.locator('.name', { hasText: targetId }) });
}

/** The sidebar item of an ultragroup channel, by its target id (`<groupId>` or `<groupId>:<channelId>`). */
export function channelItem(page, targetId) {
  return page.locator(`#ultragroups li.channel[data-target-id="${targetId}"]`);
}

/**
 * A second device of the user: the SDK, loaded from `/sdk/` in a page of its own, connected as a desktop
 * (`platform` PC, so it does not sign the user's Web page out). It can mark a channel read, and tells the
 * `ultragroup.read` events it gets.
 */
export async function sdkDevice(context, baseUrl, token) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/web/settings`);
  await page.evaluate(async (t) => {
    const sdk = await import('/sdk/index.js');
    const client = new sdk.ParleyClient({ url: `ws://${location.host}/websocket`, token: t, platform: 'PC' });
    const ug = new sdk.UltragroupClient(client);
    const reads = [];
    ug.onRead((r) => reads.push(r));
    await client.connect();
    window.device = { client, ug, reads };
  }, token);
  return {
    markRead: (targetId) => page.evaluate((t) => window.device.ug.markRead(t), targetId),
    /** Waits for a read position of `targetId` to come in; resolves with those of it so far. */
    readsOf: async (targetId) => {
      await page.waitForFunction((t) => window.device.reads.some((r) => r.targetId === t), targetId);
      return page.evaluate((t) => window.device.reads.filter((r) => r.targetId === t), targetId);
    },
  };
}

/**
 * A sender on a device of its own: the SDK, loaded from `/sdk/` in a page of its own and connected as a desktop
 * (`platform` PC), that sends texts to a conversation several at a time, as an app in a hurry would.
 */
export async function sdkSender(context, baseUrl, token) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/web/settings`);
  await page.evaluate(async (t) => {
    const sdk = await import('/sdk/index.js');
    const client = new sdk.ParleyClient({ url: `ws://${location.host}/websocket`, token: t, platform: 'PC' });
    await client.connect();
    window.sender = client;
  }, token);
  return {
    /**
     * Sends each of `texts` as an `RC:TxtMsg`, `inFlight` at a time; resolves with `[{seq, text}]` in seq order
     * (the order of commit, which sends in flight together do not fix in advance).
     */
    sendTexts: (conversationType, targetId, texts, inFlight = 50) => page.evaluate(async (args) => {
      const sent = [];
      for (let i = 0; i < args.texts.length; i += args.inFlight) {
        const batch = args.texts.slice(i, i + args.inFlight);
        const acks = await Promise.all(batch.map((text) => window.sender.send({ conversationType: args.conversationType,
          targetId: args.targetId, objectName: 'RC:TxtMsg', content: { content: text } })));
        acks.forEach((ack, j) => sent.push({ seq: ack.seq, text: batch[j] }));
      }
      return sent.sort((a, b) => a.seq - b.seq);
    }, { conversationType, targetId, texts, inFlight }),
  };
}

/**
 * A device of a user that only watches its connection: the SDK, loaded from `/sdk/` in a page of its own and
 * connected as a desktop (`platform` PC) with the device id `deviceId`, noting every status it goes through (so a
 * test sees it kicked).
 */
export async function sdkWatchedDevice(context, baseUrl, token, deviceId) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/web/settings`);
  await page.evaluate(async ({ t, id }) => {
    const sdk = await import('/sdk/index.js');
    const client = new sdk.ParleyClient({ url: `ws://${location.host}/websocket`, token: t, platform: 'PC', deviceId: id });
    const statuses = [];
    client.onStatus((s) => statuses.push(s));
    await client.connect();
    window.watched = { client, statuses };
  }, { t: token, id: deviceId });
  return {
    /** Waits until the device has gone through `status` (such as `kicked`); resolves with every status so far. */
    waitForStatus: async (status, timeout = 30_000) => {
      await page.waitForFunction((s) => window.watched.statuses.includes(s), status, { timeout });
      return page.evaluate(() => window.watched.statuses);
    },
  };
}

/** Signs in with a development token as `userId`, registering `name` as the user's name. */
export async function signInNamed(context, baseUrl, userId, name) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.fill('#signin-user', userId);
  await page.fill('#signin-name', name);
  await page.click('#signin-form button[type=submit]');
  await page.locator('#me[data-user-id]').filter({ hasText: name }).waitFor();
  return page;
}

/** Opens the menu of a message (by its ⋯ button) and picks `label`. */
export async function messageAction(message, label) {
  await message.hover();
  await message.locator('button.more').click();
  await message.page().locator('#message-menu button', { hasText: label }).click();
}
