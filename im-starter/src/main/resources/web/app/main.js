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
    start(settings, session);
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
      start(settings, await devSignIn($('signin-user').value.trim()));
    } catch (err) {
      $('signin-error').textContent = err.message;
    }
  };
  $('signin-user').focus();
}

/**
 * A device id per browser and user, so that the device's cursors (its inbox's, and one per group) follow it
 * across reloads: a reopened page syncs what it missed from them, in order, once.
 */
function deviceStorage(userId) {
  if (!userId) return { deviceId: randomUuid(), cursorStore: undefined };
  const deviceKey = `parley:${userId}:device`;
  let deviceId = localStorage.getItem(deviceKey);
  if (!deviceId) {
    deviceId = `web-${randomUuid()}`;
    localStorage.setItem(deviceKey, deviceId);
  }
  return { deviceId, cursorStore: webStorageCursorStore(localStorage, `parley:${userId}:cursor:${deviceId}`) };
}

function start(settings, session) {
  $('signin').hidden = true;
  $('chat').hidden = false;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new ParleyClient({
    url: `${scheme}://${location.host}${settings.websocketPath}`,
    token: session.token,
    // a browser's first sign-in starts its inbox and its groups at their heads: the list and history.query show
    // what came before
    freshDeviceFromHead: true,
    ...deviceStorage(session.userId),
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
