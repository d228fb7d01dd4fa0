/**
 * The Parley web UI kit: a whole chat (conversation list, finder, the open conversation, composer, search) mounted
 * into an element of a page of one's own, on a connected-or-connecting `ParleyClient`. Plain ES modules and one
 * stylesheet (`kit.css`), no build step and no dependencies; themed with CSS variables (`--parley-*`, see kit.css),
 * light or dark as the system is.
 *
 * ```js
 * import { ParleyClient } from '@parley/im-client';
 * import { mountChat } from '@parley/im-client/kit';
 * const client = new ParleyClient({ url, token });
 * const chat = mountChat(document.getElementById('chat'), { client, token });
 * client.connect();
 * ```
 *
 * or, as a custom element: `defineChatElement()`, then `<parley-chat>` with its `client` and `options` properties
 * set.
 */
import { ChatModel } from './chat-model.js';
import { ConversationType, conversationKey } from './message-kinds.js';
import { Profiles } from './profiles.js';
import { UltragroupModel } from './ultragroup-model.js';
import { Uploads } from './uploads.js';
import { LAYOUT } from './layout.js';
import { Banner } from './views/banner.js';
import { ChannelList } from './views/channel-list.js';
import { ConversationList } from './views/conversation-list.js';
import { ConversationView } from './views/conversation-view.js';
import { Finder } from './views/finder.js';
import { Notifier } from './views/notifier.js';
import { SearchView } from './views/search-view.js';
import { avatar } from './views/dom.js';
import { UltragroupClient } from '../ultragroup.js';

export { ChatModel } from './chat-model.js';
export { Profiles } from './profiles.js';
export { ConversationType } from './message-kinds.js';

/**
 * @typedef {object} ChatOptions
 * @property {import('../client.js').ParleyClient} client the SDK client (connected by the caller)
 * @property {string} [userId] the signed-in user, if known before the server's CONNACK says
 * @property {string} [token] the user's token: uploads and their downloads need it
 * @property {{enabled: boolean, maxBytes: number, types: string[]}} [uploads] the server's upload limits
 *   (`/web/settings`'s `uploads`); without them, no attachments
 * @property {string[]} [plugins] the server's plugins (`/web/settings`): `ultragroup` shows channels, `chatroom`
 *   offers rooms
 * @property {(group: {name: string, memberIds: string[]}) => Promise<{groupId: string}>} [createGroup] makes a group
 *   (your app server's job); with it, a New group button
 * @property {() => void} [onSignOut] with it, a Sign out button
 * @property {boolean} [notifications=true] offer desktop notifications (a bell button)
 * @property {string|false} [title] the tab's title, shown as `(3) title` with unread messages while the page is
 *   hidden; `false` leaves `document.title` alone; default: the title the page has
 * @property {'auto'|'light'|'dark'} [theme='auto'] `auto` follows the system (`prefers-color-scheme`)
 * @property {object} [store] the SDK's local message store (default: `client.store`); with one that searches, a
 *   search box
 * @property {number} [profileRefreshMs=300000] names are asked again this often while the page is visible (and on
 *   every reconnect, and whenever the window gets the focus back)
 */

/**
 * Mounts the chat into `root` (its content is replaced). Answers a handle: `model` (the conversations and messages),
 * `profiles` (names and portraits), `open(type, targetId)`, `element`.
 * @param {HTMLElement} root
 * @param {ChatOptions} options
 */
export function mountChat(root, options) {
  const { client } = options;
  if (!client) throw new TypeError('mountChat needs a client');
  const plugins = options.plugins || [];
  root.classList.add('parley-chat');
  if (options.theme && options.theme !== 'auto') root.dataset.theme = options.theme;
  root.innerHTML = LAYOUT;
  const $ = (id) => root.querySelector(`#${id}`);

  if (!plugins.includes('chatroom')) $('open-type').querySelector('option[value="4"]').remove();
  if (!plugins.includes('ultragroup')) $('open-type').querySelector('option[value="10"]').remove();

  const banner = new Banner($('banner'));
  client.onStatus((status) => banner.show(status));
  banner.show(client.status);

  const model = new ChatModel(client, options.userId || null);
  const store = options.store || client.store || null;
  model.store = store;
  model.loadStoredList();
  const profiles = new Profiles(client, { everyMs: options.profileRefreshMs });
  const uploads = new Uploads(options.uploads || { enabled: false, maxBytes: 0, types: [] }, options.token || '');
  // a conversation that got a message may make a user visible whose name was not served before
  model.addEventListener('change', (e) => { if (e.detail.what === 'list') profiles.retryMissing(); });
  // the user shows once connected (CONNACK's user id): hosts and tests read it as "signed in"
  const showMe = () => {
    const userId = client.userId;
    if (!userId) return;
    const me = profiles.user(userId);
    $('me').textContent = (me && me.name) || userId;
    $('me').title = userId;
    $('me').dataset.userId = userId;
    $('me-avatar').replaceChildren(avatar({ id: userId, name: (me && me.name) || userId, portraitUri: me && me.portraitUri }, uploads));
  };
  client.onStatus((status) => { if (status === 'connected') showMe(); });
  profiles.addEventListener('change', showMe);
  showMe();

  const chat = $('chat-body');
  const open = (conv) => openConversation(conv.type, conv.targetId);
  if (plugins.includes('ultragroup')) {
    model.ultragroups = new UltragroupModel(new UltragroupClient(client), model);
    new ChannelList($('ultragroups'), model, open).render();
  }
  const view = new ConversationView(document, model, uploads, profiles);
  const list = new ConversationList($('conversations'), model, profiles, uploads, open);
  list.render();
  new Finder($, list, (type, targetId) => openConversation(type, targetId), options.createGroup || null);
  new Notifier($, model, profiles, { title: options.title === undefined ? document.title : options.title,
    notifications: options.notifications !== false, open: (type, targetId) => openConversation(type, targetId) });
  const search = new SearchView($, model, profiles, store,
    (type, targetId, messageUid, sentTime) => jumpTo(type, targetId, messageUid, sentTime));

  async function openConversation(type, targetId) {
    chat.classList.add('show-pane');
    $('open-error').textContent = '';
    const opening = model.open(type, targetId);
    view.show();
    search.conversationOpened();
    try {
      await opening;
    } catch (err) {
      // opened before the connection is up: the model loads it once connected (views/banner.js says we are not)
      if (client.status !== 'connected' && (type === ConversationType.PRIVATE || type === ConversationType.GROUP)) return;
      $('open-error').textContent = `Could not open ${targetId}: ${err.message}`;
      if (model.openKey === conversationKey(type, targetId)) view.refused(`You cannot read ${targetId}: ${err.message}`);
    }
  }

  /** Opens a conversation and shows one of its messages, loading earlier pages until it is there. */
  async function jumpTo(type, targetId, messageUid, sentTime) {
    await openConversation(type, targetId);
    const key = conversationKey(type, targetId);
    const thread = model.thread(key);
    for (let pages = 0; pages < 20 && !thread.byUid.has(messageUid) && thread.hasMore; pages++) {
      const oldest = thread.list.find((m) => m.sentTime);
      if (oldest && sentTime && oldest.sentTime < sentTime) break;
      await model.loadEarlier(key);
    }
    view.reveal(messageUid);
  }

  $('open-form').onsubmit = (e) => {
    e.preventDefault();
    const targetId = $('open-target').value.trim();
    if (!targetId) return;
    $('open-target').value = '';
    openConversation(Number($('open-type').value), targetId);
  };
  $('back').onclick = () => {
    chat.classList.remove('show-pane');
    model.openKey = null;
    model.emit('list');
  };
  if (options.onSignOut) {
    $('sign-out').hidden = false;
    $('sign-out').onclick = () => options.onSignOut();
  }
  document.addEventListener('visibilitychange', () => {
    if (model.openKey) model.markRead(model.openKey);
  });
  return { element: root, model, profiles, open: openConversation, jumpTo, ConversationType };
}

/**
 * Defines `<parley-chat>` (or `name`): set its `client` and `options` (mountChat's, without `client`) properties and
 * it mounts itself once both it is in the page and has a client (set `options` first: they are read when it mounts);
 * `element.chat` is then mountChat's handle, also sent as the `parley-ready` event's detail.
 */
export function defineChatElement(name = 'parley-chat') {
  if (customElements.get(name)) return customElements.get(name);
  class ParleyChatElement extends HTMLElement {
    set client(client) {
      this._client = client;
      this.mount();
    }

    get client() {
      return this._client;
    }

    set options(options) {
      this._options = options;
      this.mount();
    }

    connectedCallback() {
      this.mount();
    }

    /** @private */
    mount() {
      if (this.chat || !this._client || !this.isConnected) return;
      this.chat = mountChat(this, { ...(this._options || {}), client: this._client });
      this.dispatchEvent(new CustomEvent('parley-ready', { detail: this.chat }));
    }
  }
  customElements.define(name, ParleyChatElement);
  return ParleyChatElement;
}
