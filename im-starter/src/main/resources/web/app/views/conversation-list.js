/**
 * The sidebar's conversation list: name and kind, time and preview of the last message (or who is typing),
 * unread and mention badges. Clicking one opens it.
 */
import { ConversationType, KIND_LABEL, previewText, shortTime } from '../message-kinds.js';
import { el } from './dom.js';

export class ConversationList {
  /** @param {HTMLElement} root the `<ul>` @param {import('../chat-model.js').ChatModel} model @param {(conv) => void} onOpen */
  constructor(root, model, onOpen) {
    this.root = root;
    this.model = model;
    model.addEventListener('change', (e) => {
      if (e.detail.what === 'list' || e.detail.what === 'typing') this.render();
    });
    root.addEventListener('click', (e) => {
      const item = e.target.closest('li[data-key]');
      if (item) onOpen(model.conversations.get(item.dataset.key));
    });
  }

  render() {
    // channels are listed under their ultragroup (views/channel-list.js)
    const conversations = this.model.sortedConversations().filter((c) => c.type !== ConversationType.ULTRA_GROUP);
    const items = conversations.map((conv) => {
      const li = document.createElement('li');
      li.className = 'conversation';
      li.dataset.key = conv.key;
      li.classList.toggle('active', conv.key === this.model.openKey);
      const name = el('span', 'name', conv.targetId);
      if (KIND_LABEL[conv.type]) name.append(el('span', 'kind', KIND_LABEL[conv.type]));
      const time = el('span', 'time', shortTime(conv.lastTime));
      let preview;
      if (conv.typing) {
        preview = el('span', 'preview typing', `${conv.typing.userId} is typing…`);
      } else {
        const last = conv.lastMessage;
        const text = !last ? '' : last.state === 'recalled' ? 'Message recalled' : previewText(last);
        const from = last && conv.type !== 1 && !last.mine ? `${last.fromUserId}: ` : '';
        preview = el('span', 'preview', last ? from + text : '');
      }
      const badges = el('span', 'badges');
      if (conv.mentions > 0) badges.append(el('span', 'badge mention', '@'));
      if (conv.unread > 0) {
        const unread = el('span', 'badge unread', conv.unread > 99 ? '99+' : String(conv.unread));
        unread.title = `${conv.unread} unread`;
        badges.append(unread);
      }
      li.append(name, time, preview, badges);
      return li;
    });
    if (items.length === 0) {
      items.push(el('li', 'conversations-empty muted', 'No conversations yet. Open one with a user, group or room id.'));
    }
    this.root.replaceChildren(...items);
  }
}
