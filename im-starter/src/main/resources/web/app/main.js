/**
 * The chat page: signs in (a host-supplied token, or a development token), connects with the SDK, and wires
 * the chat model to the views.
 */
import { ParleyClient, UltragroupClient, webStorageCursorStore, randomUuid } from '/sdk/index.js';
import { ChatModel } from './chat-model.js';
import { ConversationType, conversationKey } from './message-kinds.js';
import { storedSession, devSignIn, clearSession } from './session.js';
import { UltragroupModel } from './ultragroup-model.js';
import { Uploads } from './uploads.js';
import { Banner } from './views/banner.js';
import { ChannelList } from './views/channel-list.js';
import { ConversationList } from './views/conversation-list.js';
import { ConversationView } from './views/conversation-view.js';

const $ = (id) => document.getElementById(id);

async function boot() {
  const settings = await fetch('/web/settings').then((r) => r.json());
  if (!settings.plugins.includes('chatroom')) $('open-type').querySelector('option[value="4"]').remove();
  if (!settings.plugins.includes('ultragroup')) $('open-type').querySelector('option[value="10"]').remove();
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
  }
  form.onsubmit = async (e) => {
    e.preventDefault();
    $('signin-error').textContent = '';
    try {
      await start(settings, await devSignIn($('signin-user').value.trim()));
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
  });
  const banner = new Banner($('banner'));
  client.onStatus((status) => {
    banner.show(status);
    if (status === 'token_incorrect') {
      clearSession();
    }
  });
  client.connect().then((connack) => {
    $('me').textContent = connack.userId;
  }).catch(() => { /* the banner tells */ });

  const model = new ChatModel(client, session.userId);
  const open = (conv) => openConversation(conv.type, conv.targetId);
  if (settings.plugins.includes('ultragroup')) {
    model.ultragroups = new UltragroupModel(new UltragroupClient(client), model);
    new ChannelList($('ultragroups'), model, open).render();
  }
  const uploads = new Uploads(settings.uploads, session.token);
  const view = new ConversationView(document, model, uploads);
  const list = new ConversationList($('conversations'), model, open);
  list.render();

  async function openConversation(type, targetId) {
    $('chat').classList.add('show-pane');
    $('open-error').textContent = '';
    const opening = model.open(type, targetId);
    view.show();
    try {
      await opening;
    } catch (err) {
      $('open-error').textContent = `Could not open ${targetId}: ${err.message}`;
      if (model.openKey === conversationKey(type, targetId)) view.refused(`You cannot read ${targetId}: ${err.message}`);
    }
  }

  $('open-form').onsubmit = (e) => {
    e.preventDefault();
    const targetId = $('open-target').value.trim();
    if (!targetId) return;
    $('open-target').value = '';
    openConversation(Number($('open-type').value), targetId);
  };
  $('back').onclick = () => {
    $('chat').classList.remove('show-pane');
    model.openKey = null;
    model.emit('list');
  };
  $('sign-out').onclick = () => {
    client.logout();
    clearSession();
    location.reload();
  };
  document.addEventListener('visibilitychange', () => {
    if (model.openKey) model.markRead(model.openKey);
  });
  window.parley = { client, model, ConversationType }; // for the browser console and tests
}

boot().catch((e) => {
  $('signin').hidden = false;
  $('signin-error').textContent = `The page could not start: ${e.message}`;
});
