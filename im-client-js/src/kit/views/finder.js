/**
 * The finder: its text filters the conversation list by name or id (views/conversation-list.js), and offers to
 * start a private chat with, or open the group of, an id typed in full. With a `createGroup` option, a New group
 * form makes a group of the user and the members named.
 */
import { ConversationType } from '../message-kinds.js';
import { el } from './dom.js';

const USER_ID = /^[A-Za-z0-9+|=_-]{1,64}$/;

export class Finder {
  /**
   * @param {(id: string) => HTMLElement} $ the kit's element look-up
   * @param {import('./conversation-list.js').ConversationList} list
   * @param {(type: number, targetId: string) => Promise<void>} open
   * @param {((group: {name: string, memberIds: string[]}) => Promise<{groupId: string}>)|null} createGroup
   */
  constructor($, list, open, createGroup) {
    this.$ = $;
    this.list = list;
    this.open = open;
    const input = $('find');
    input.addEventListener('input', () => this.render());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        // a conversation that matches first; else the offer to start one
        const first = $('conversations').querySelector('li[data-key]') || $('find-results').querySelector('button');
        if (first) first.click();
      }
      if (e.key === 'Escape') this.clear();
    });
    $('find-results').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-type]');
      if (!b) return;
      const { type, target } = b.dataset;
      this.clear();
      open(Number(type), target);
    });
    if (createGroup) this.wireNewGroup(createGroup);
  }

  clear() {
    this.$('find').value = '';
    this.render();
  }

  render() {
    const text = this.$('find').value.trim();
    this.list.setFilter(text);
    const results = this.$('find-results');
    const offers = [];
    if (USER_ID.test(text)) {
      const known = (type) => this.list.model.conversations.has(`${type}:${text}`);
      if (!known(ConversationType.PRIVATE)) offers.push(this.offer(ConversationType.PRIVATE, text, `Start a private chat with ${text}`));
      if (!known(ConversationType.GROUP)) offers.push(this.offer(ConversationType.GROUP, text, `Open the group ${text}`));
    }
    results.replaceChildren(...offers);
    results.hidden = offers.length === 0;
  }

  /** @private */
  offer(type, target, label) {
    const li = el('li', 'find-result');
    const b = el('button', 'link', label);
    b.type = 'button';
    b.dataset.type = String(type);
    b.dataset.target = target;
    li.append(b);
    return li;
  }

  /** @private */
  wireNewGroup(createGroup) {
    const $ = this.$;
    const form = $('new-group-form');
    $('new-group').hidden = false;
    $('new-group').addEventListener('click', () => {
      form.hidden = !form.hidden;
      if (!form.hidden) $('new-group-name').focus();
    });
    $('new-group-cancel').addEventListener('click', () => { form.hidden = true; });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const name = $('new-group-name').value.trim();
      const memberIds = $('new-group-members').value.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean);
      $('open-error').textContent = '';
      try {
        const { groupId } = await createGroup({ name, memberIds });
        form.reset();
        form.hidden = true;
        await this.open(ConversationType.GROUP, groupId);
      } catch (err) {
        $('open-error').textContent = `Could not create the group: ${err.message}`;
      }
    });
  }
}
