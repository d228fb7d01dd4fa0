/**
 * Message search, backed by the SDK's local store (`store.search`): a box in the pane's header, searching every
 * conversation or only the open one; results (newest first, paged with the store's `next`) show the conversation,
 * the sender, the day and the text with the words found marked; clicking one opens its conversation at that message.
 * Without a store that searches, no search is offered.
 */
import { dayLabel, parseContent, previewText, shortTime } from '../message-kinds.js';
import { el, button } from './dom.js';

const PAGE = 30;
const TYPING_PAUSE_MS = 250;

export class SearchView {
  /**
   * @param {(id: string) => HTMLElement} $
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../profiles.js').Profiles} profiles
   * @param {{search?: Function}|undefined} store
   * @param {(type: number, targetId: string, messageUid: string, sentTime: number) => void} jump
   */
  constructor($, model, profiles, store, jump) {
    this.$ = $;
    this.model = model;
    this.profiles = profiles;
    this.store = store;
    this.jump = jump;
    this.next = null;
    this.generation = 0;
    if (!store || typeof store.search !== 'function') return;
    $('search-toggle').hidden = false;
    $('search-toggle').addEventListener('click', () => ($('search-form').hidden ? this.openBox() : this.close()));
    $('search-close').addEventListener('click', () => this.close());
    $('search-form').addEventListener('submit', (e) => { e.preventDefault(); this.run(); });
    let timer = null;
    $('search-text').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.run(), TYPING_PAUSE_MS);
    });
    $('search-text').addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
    $('search-here').addEventListener('change', () => this.run());
    $('search-results').addEventListener('click', (e) => {
      if (e.target.closest('[data-action="more"]')) {
        this.run(true);
        return;
      }
      const item = e.target.closest('li[data-message-uid]');
      if (!item) return;
      const { conversationType, targetId, messageUid, sentTime } = item.dataset;
      this.close();
      this.jump(Number(conversationType), targetId, messageUid, Number(sentTime));
    });
  }

  openBox() {
    this.$('search-form').hidden = false;
    this.$('search-here').checked = Boolean(this.model.openKey);
    this.$('search-here').disabled = !this.model.openKey;
    this.$('search-text').focus();
  }

  close() {
    this.$('search-form').hidden = true;
    this.$('search-results').hidden = true;
    this.$('search-results').replaceChildren();
    this.$('search-text').value = '';
  }

  /** Another conversation was opened: a search limited to the open one follows it. */
  conversationOpened() {
    if (this.$('search-form').hidden) return;
    this.$('search-here').disabled = false;
    if (this.$('search-here').checked) this.run();
  }

  /** Searches (or, with `more`, fetches the next page of the last search). */
  async run(more = false) {
    const keyword = this.$('search-text').value.trim();
    const results = this.$('search-results');
    const generation = ++this.generation;
    if (!keyword) {
      results.hidden = true;
      results.replaceChildren();
      return;
    }
    const query = { keyword, limit: PAGE };
    const open = this.model.openKey && this.model.conversations.get(this.model.openKey);
    if (this.$('search-here').checked && open) {
      query.conversationType = open.type;
      query.targetId = open.targetId;
    }
    if (more && this.next) query.before = this.next;
    let found;
    try {
      found = await this.store.search(query);
    } catch (e) {
      if (generation !== this.generation) return;
      results.hidden = false;
      results.replaceChildren(el('li', 'search-empty error', `Search failed: ${e.message}`));
      return;
    }
    if (generation !== this.generation) return; // a newer search started meanwhile
    this.next = found.next || null;
    const items = (found.messages || []).map((m) => this.item(m, keyword));
    if (!more) results.replaceChildren();
    results.querySelector('.search-more')?.remove();
    if (!more && items.length === 0) items.push(el('li', 'search-empty muted', `No messages with “${keyword}”.`));
    results.append(...items);
    if (this.next) {
      const li = el('li', 'search-more');
      li.append(button('More results', 'link', 'more'));
      results.append(li);
    }
    results.hidden = false;
  }

  /** @private one result */
  item(m, keyword) {
    const li = el('li', 'search-result');
    li.dataset.conversationType = String(m.conversationType);
    li.dataset.targetId = m.targetId;
    li.dataset.messageUid = m.messageUid || '';
    li.dataset.sentTime = String(m.sentTime || 0);
    const head = el('div', 'search-head');
    const where = this.profiles.conversationName(m.conversationType, m.targetId);
    const who = m.fromUserId === this.model.userId ? 'You' : this.profiles.userName(m.fromUserId);
    head.append(el('span', 'search-where', m.conversationType === 1 ? where : `${who} in ${where}`),
      el('time', 'search-time', `${dayLabel(m.sentTime)} ${shortTime(m.sentTime)}`.trim()));
    const text = el('div', 'search-text');
    text.append(...highlight(previewText({ objectName: m.objectName, content: parseContent(m.content) }), keyword));
    li.append(head, text);
    li.tabIndex = 0;
    return li;
  }
}

/** `text` as nodes, each occurrence of `keyword` (case-insensitive) in a `<mark>`. */
export function highlight(text, keyword) {
  const nodes = [];
  const lower = text.toLowerCase();
  const word = keyword.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(word); word && i >= 0; i = lower.indexOf(word, at)) {
    if (i > at) nodes.push(document.createTextNode(text.slice(at, i)));
    nodes.push(el('mark', '', text.slice(i, i + word.length)));
    at = i + word.length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
