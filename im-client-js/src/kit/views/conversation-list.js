/**
 * The sidebar's conversation list: avatar, name (the app's name of the user or group, else the id) and kind, time
 * and preview of the last message (or who is typing), unread and mention badges. Clicking one opens it. A filter
 * (the finder's text) keeps those whose name or id contains it.
 */
import { ConversationType, KIND_LABEL, previewText, shortTime } from '../message-kinds.js';
import { el, avatar } from './dom.js';

export class ConversationList {
  /**
   * @param {HTMLElement} root the `<ul>`
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../profiles.js').Profiles} profiles
   * @param {import('../uploads.js').Uploads} uploads
   * @param {(conv) => void} onOpen
   */
  constructor(root, model, profiles, uploads, onOpen) {
    this.root = root;
    this.model = model;
    this.profiles = profiles;
    this.uploads = uploads;
    this.filter = '';
    model.addEventListener('change', (e) => {
      if (e.detail.what === 'list' || e.detail.what === 'typing') this.render();
    });
    profiles.addEventListener('change', () => this.render());
    root.addEventListener('click', (e) => {
      const item = e.target.closest('li[data-key]');
      if (item) onOpen(model.conversations.get(item.dataset.key));
    });
  }

  /** Keeps only conversations whose name or id contains `text` (case-insensitive); '' shows all. */
  setFilter(text) {
    this.filter = text.trim().toLowerCase();
    this.render();
  }

  /** The conversations the list shows: channels are listed under their ultragroup (views/channel-list.js). */
  shown() {
    return this.model.sortedConversations().filter((c) => c.type !== ConversationType.ULTRA_GROUP)
      .filter((c) => !this.filter || c.targetId.toLowerCase().includes(this.filter)
        || this.profiles.conversationName(c.type, c.targetId).toLowerCase().includes(this.filter));
  }

  render() {
    const items = this.shown().map((conv) => {
      const li = document.createElement('li');
      li.className = 'conversation';
      li.dataset.key = conv.key;
      li.dataset.targetId = conv.targetId;
      li.classList.toggle('active', conv.key === this.model.openKey);
      li.classList.toggle('unread', conv.unread > 0);
      const title = this.profiles.conversationName(conv.type, conv.targetId);
      const portrait = conv.type === ConversationType.PRIVATE ? (this.profiles.user(conv.targetId) || {}).portraitUri : '';
      const name = el('span', 'name', title);
      name.title = conv.targetId;
      if (KIND_LABEL[conv.type]) name.append(el('span', 'kind', KIND_LABEL[conv.type]));
      const time = el('span', 'time', shortTime(conv.lastTime));
      let preview;
      if (conv.typing) {
        preview = el('span', 'preview typing', `${this.profiles.userName(conv.typing.userId)} is typing…`);
      } else {
        const last = conv.lastMessage;
        const text = !last ? '' : last.state === 'recalled' ? 'Message recalled' : previewText(last, (id) => this.profiles.userName(id));
        // the server's list does not say which are ours
        const mine = last && (last.mine || last.fromUserId === this.model.userId);
        const from = last && conv.type !== 1 && !mine ? `${this.profiles.userName(last.fromUserId)}: ` : '';
        preview = el('span', 'preview', last ? from + text : '');
      }
      const badges = el('span', 'badges');
      if (conv.mentions > 0) badges.append(el('span', 'badge mention', '@'));
      if (conv.unread > 0) {
        const unread = el('span', 'badge unread', conv.unread > 99 ? '99+' : String(conv.unread));
        unread.title = `${conv.unread} unread`;
        badges.append(unread);
      }
      li.append(avatar({ id: conv.targetId, name: title, portraitUri: portrait }, this.uploads), name, time, preview, badges);
      return li;
    });
    if (items.length === 0) {
      items.push(el('li', 'conversations-empty muted', this.filter ? 'No conversation matches.'
        : 'No conversations yet. Find a person or group above.'));
    }
    this.root.replaceChildren(...items);
  }
}
