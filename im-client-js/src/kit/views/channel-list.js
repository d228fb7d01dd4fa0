/**
 * The sidebar's ultragroups: each group's name and the channels the user may see (private ones marked), with
 * unread and mention badges. Clicking a channel opens it.
 */
import { channelName } from '../ultragroup-model.js';
import { el } from './dom.js';

export class ChannelList {
  /**
   * @param {HTMLElement} root the section that holds the list
   * @param {import('../chat-model.js').ChatModel} model
   * @param {(conv) => void} onOpen
   */
  constructor(root, model, onOpen) {
    this.root = root;
    this.model = model;
    model.addEventListener('change', (e) => {
      if (e.detail.what === 'channels' || e.detail.what === 'list') this.render();
    });
    root.addEventListener('click', (e) => {
      const item = e.target.closest('li[data-key]');
      if (item) onOpen(model.conversations.get(item.dataset.key));
    });
  }

  render() {
    const groups = this.model.ultragroups.list();
    this.root.hidden = groups.length === 0;
    const sections = groups.map((group) => {
      const section = el('section', 'ultragroup');
      section.dataset.groupId = group.groupId;
      section.append(el('h3', 'ultragroup-name', group.name));
      const list = el('ul', 'channels');
      list.setAttribute('aria-label', `Channels of ${group.name}`);
      for (const channel of group.channels) list.append(this.renderChannel(channel));
      section.append(list);
      return section;
    });
    this.root.replaceChildren(el('h2', 'sidebar-heading', 'Ultragroups'), ...sections);
  }

  renderChannel(channel) {
    const conv = this.model.ultragroups.conversation(channel.targetId);
    const li = el('li', 'channel');
    li.dataset.key = conv.key;
    li.dataset.targetId = channel.targetId;
    li.classList.toggle('active', conv.key === this.model.openKey);
    li.classList.toggle('unread', conv.unread > 0);
    const name = el('span', 'channel-name', `# ${channelName(channel.channelId)}`);
    if (channel.type === 1) {
      const lock = el('span', 'private', 'private');
      lock.title = 'Private channel: only the members allowed in see it';
      name.append(lock);
    }
    const badges = el('span', 'badges');
    if (conv.mentions > 0) {
      const mention = el('span', 'badge mention', '@');
      mention.title = `${conv.mentions} mention${conv.mentions === 1 ? '' : 's'}`;
      badges.append(mention);
    }
    if (conv.unread > 0) {
      const unread = el('span', 'badge unread', conv.unread > 99 ? '99+' : String(conv.unread));
      unread.title = `${conv.unread} unread`;
      badges.append(unread);
    }
    li.append(name, badges);
    return li;
  }
}
