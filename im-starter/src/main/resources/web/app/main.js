/**
 * The chat page: signs in (a host-supplied token, or a development token), connects with the SDK, and mounts the
 * SDK's web UI kit (`/sdk/kit/`), the same kit an app embeds in a page of its own.
 */
import { ParleyClient, webStorageCursorStore, randomUuid, indexedDbMessageStore } from '/sdk/index.js';
import { mountChat } from '/sdk/kit/index.js';
import { storedSession, devSignIn, devCreateGroup, clearSession } from './session.js';

const $ = (id) => document.getElementById(id);

async function boot() {
  const settings = await fetch('/web/settings').then((r) => r.json());
  const session = storedSession();
  if (session) {
    await start(settings, session);
  } else {
    showSignIn(settings);
  }
}

function showSignIn(settings) {
  $('chat').hidden = true;
  $('signin').hidden = false;
  const form = $('signin-form');
  if (!settings.devSignIn) {
    $('signin-hint').textContent = 'This page needs a token from your app: open it as /#token=…&user=…';
    form.querySelector('button').disabled = true;
    $('signin-user').disabled = true;
    $('signin-name').disabled = true;
  }
  form.onsubmit = async (e) => {
    e.preventDefault();
    $('signin-error').textContent = '';
    try {
      await start(settings, await devSignIn($('signin-user').value.trim(), $('signin-name').value.trim()));
    } catch (err) {
      $('signin-error').textContent = err.message;
    }
  };
  $('signin-user').focus();
}

/** Tabs of one user that get slots (device ids kept across reloads); a tab beyond them keeps its id per tab. */
const TAB_SLOTS = 16;

/**
 * A device id per browser tab and user, so that the device's cursors (its inbox's, and one per group) follow it
 * across reloads: a reopened page syncs what it missed from them, in order, once. Each open tab of the user holds a
 * slot (a Web Lock, released when the tab closes or reloads) and slot n's device id is kept in `localStorage`: a
 * second tab gets a device of its own instead of taking over the first tab's (one device id is one connection: the
 * server would replace the first tab's), and a reloaded tab gets its slot's device back. Without Web Locks (a page
 * served over plain http to a non-local host), the id is kept per tab in `sessionStorage`.
 */
async function deviceStorage(userId) {
  if (!userId) return { deviceId: randomUuid(), cursorStore: undefined };
  const slot = await claimTabSlot(userId);
  let deviceId;
  if (slot === null) {
    deviceId = sessionStorage.getItem(`parley:${userId}:tab-device`);
    if (!deviceId) {
      deviceId = `web-${randomUuid()}`;
      sessionStorage.setItem(`parley:${userId}:tab-device`, deviceId);
    }
  } else {
    // slot 0 keeps the key of the page's one-device-per-browser days, so an existing device keeps its cursors
    const deviceKey = slot === 0 ? `parley:${userId}:device` : `parley:${userId}:device:${slot}`;
    deviceId = localStorage.getItem(deviceKey);
    if (!deviceId) {
      deviceId = `web-${randomUuid()}`;
      localStorage.setItem(deviceKey, deviceId);
    }
  }
  return { deviceId, cursorStore: webStorageCursorStore(localStorage, `parley:${userId}:cursor:${deviceId}`) };
}

/** The lowest tab slot of `userId` no other open tab holds, now held by this tab until it closes; or null. */
async function claimTabSlot(userId) {
  if (!navigator.locks) return null;
  for (let slot = 0; slot < TAB_SLOTS; slot++) {
    const claimed = await new Promise((resolve) => {
      navigator.locks.request(`parley:${userId}:tab:${slot}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // held for the life of the tab
        return lock === null ? undefined : new Promise(() => {});
      }).catch(() => resolve(false));
    });
    if (claimed) return slot;
  }
  return null;
}

async function start(settings, session) {
  const device = await deviceStorage(session.userId);
  $('signin').hidden = true;
  $('chat').hidden = false;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new ParleyClient({
    url: `${scheme}://${location.host}${settings.websocketPath}`,
    token: session.token,
    // a browser's first sign-in starts its inbox and its groups at their heads: the list and history.query show
    // what came before
    freshDeviceFromHead: true,
    ...device,
    // messages kept on the device (IndexedDB, one database per user; memory where IndexedDB is missing): the list and
    // history open offline, and search reads them. The cursors stay in localStorage, one set per tab's device.
    ...(session.userId ? { messageStore: indexedDbMessageStore({ appKey: location.host, userId: session.userId }) } : {}),
  });
  client.onStatus((status) => {
    if (status === 'token_incorrect') clearSession();
  });
  const chat = mountChat($('chat'), {
    client,
    userId: session.userId,
    token: session.token,
    uploads: settings.uploads,
    plugins: settings.plugins,
    // groups are made by the app server; with development sign-in, by the page's development endpoint
    createGroup: settings.devSignIn ? (group) => devCreateGroup(session.token, group) : undefined,
    onSignOut: () => {
      client.logout();
      clearSession();
      location.reload();
    },
  });
  client.connect().catch(() => { /* the banner tells */ });
  window.parley = { client, model: chat.model, chat, ConversationType: chat.ConversationType }; // for the browser console and tests
}

boot().catch((e) => {
  $('signin').hidden = false;
  $('signin-error').textContent = `The page could not start: ${e.message}`;
});
