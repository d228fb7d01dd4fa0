/**
 * The open conversation: its title (name, avatar) and typing line, the messages (text, replies with their quote,
 * images, files, notices, recalled ones) with their send and read state, grouped by sender under day separators,
 * and scroll-back. A message's actions are in its menu (views/message-menu.js); the composer is views/composer.js.
 */
import {
  ConversationType, KIND_LABEL, kindOf, previewText, shortTime, sizeText, mentions, dayLabel, startOfDay,
} from '../message-kinds.js';
import { fileSource } from '../uploads.js';
import { el, button, avatar } from './dom.js';
import { Composer } from './composer.js';
import { MessageMenu } from './message-menu.js';

/** Messages of one sender closer than this in time (and on one day) are shown as one group. */
const GROUP_GAP_MS = 5 * 60 * 1000;

export class ConversationView {
  /**
   * @param {Document} doc
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../uploads.js').Uploads} uploads
   * @param {import('../profiles.js').Profiles} profiles
   */
  constructor(doc, model, uploads, profiles) {
    this.model = model;
    this.uploads = uploads;
    this.profiles = profiles;
    this.$ = (id) => doc.getElementById(id);
    this.list = this.$('message-list');
    this.scroller = this.$('messages');
    model.addEventListener('change', (e) => {
      if (e.detail.key !== model.openKey) return;
      if (e.detail.what === 'messages') this.renderMessages();
      if (e.detail.what === 'typing' || e.detail.what === 'messages') this.renderHead();
    });
    profiles.addEventListener('change', () => {
      if (!this.conv()) return;
      this.renderHead();
      this.renderMessages();
    });
    this.menu = new MessageMenu(this.$('message-menu'), this);
    this.composer = new Composer(this.$, model, uploads, profiles, () => { this.stickToBottom = true; });
    this.$('load-earlier').addEventListener('click', () => this.loadEarlier());
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop === 0 && !this.$('load-earlier').hidden) this.loadEarlier();
    });
    this.list.addEventListener('click', (e) => this.onMessageAction(e));
  }

  /** Shows the conversation `key` (already opened in the model). */
  show() {
    this.stickToBottom = true;
    this.composer.reset();
    this.menu.close();
    this.renderHead();
    this.renderMessages();
    this.$('text').focus();
  }

  /** The conversation could not be opened: say so where its messages would be, and offer no composer. */
  refused(text) {
    this.$('composer').hidden = true;
    this.$('load-earlier').hidden = true;
    this.list.replaceChildren();
    this.$('empty').hidden = false;
    this.$('empty').textContent = text;
  }

  conv() {
    return this.model.conversations.get(this.model.openKey);
  }

  renderHead() {
    const conv = this.conv();
    if (!conv) return;
    const kind = KIND_LABEL[conv.type] ? ` · ${KIND_LABEL[conv.type]}` : '';
    const name = this.profiles.conversationName(conv.type, conv.targetId);
    // a channel's title says what it is
    this.$('pane-title').textContent = conv.title || name + kind;
    this.$('pane-title').title = conv.targetId;
    this.$('pane-title').dataset.targetId = conv.targetId;
    const portrait = conv.type === ConversationType.PRIVATE ? (this.profiles.user(conv.targetId) || {}).portraitUri : '';
    this.$('pane-avatar').replaceChildren(avatar({ id: conv.targetId, name, portraitUri: portrait }, this.uploads));
    this.$('typing').textContent = conv.typing ? `${this.profiles.userName(conv.typing.userId)} is typing…` : '';
  }

  renderMessages() {
    const conv = this.conv();
    if (!conv) return;
    const thread = this.model.thread(conv.key);
    const atBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 40;
    const heightBefore = this.scroller.scrollHeight;
    const topBefore = this.scroller.scrollTop;
    this.list.replaceChildren(...this.renderItems(conv, thread));
    this.$('empty').hidden = thread.list.length > 0;
    this.$('empty').textContent = conv.type === ConversationType.CHATROOM && !conv.joined
      ? 'You are not in this room now; open it again to join.' : 'No messages yet. Say hello!';
    this.$('load-earlier').hidden = !thread.hasMore;
    if (this.loadingEarlier) {
      this.scroller.scrollTop = topBefore + (this.scroller.scrollHeight - heightBefore);
    } else if (atBottom || this.stickToBottom) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
      this.stickToBottom = false;
    }
  }

  /** The thread's messages with a separator before each new day, each message marked first or not of its group. */
  renderItems(conv, thread) {
    const items = [];
    let previous = null;
    for (const m of thread.list) {
      const day = m.sentTime ? startOfDay(m.sentTime) : startOfDay(Date.now());
      const newDay = !previous || day !== (previous.sentTime ? startOfDay(previous.sentTime) : startOfDay(Date.now()));
      if (newDay) {
        const separator = el('li', 'day-separator');
        separator.setAttribute('role', 'separator');
        separator.append(el('span', '', dayLabel(m.sentTime || Date.now())));
        items.push(separator);
      }
      const continues = !newDay && previous && previous.fromUserId === m.fromUserId
        && kindOf(previous.objectName) !== 'notice' && kindOf(m.objectName) !== 'notice'
        && (!m.sentTime || !previous.sentTime || m.sentTime - previous.sentTime < GROUP_GAP_MS);
      items.push(this.renderMessage(conv, thread, m, !continues));
      previous = m;
    }
    return items;
  }

  renderMessage(conv, thread, m, firstOfGroup = true) {
    const li = document.createElement('li');
    const kind = m.state === 'recalled' ? 'recalled' : kindOf(m.objectName);
    li.className = `message ${m.mine ? 'mine' : 'theirs'} ${kind}`;
    li.classList.add(firstOfGroup ? 'first-of-group' : 'grouped');
    if (!m.mine && mentions(m.content, this.model.userId)) li.classList.add('mention-me');
    li.dataset.clientMsgId = m.clientMsgId || '';
    li.dataset.messageUid = m.messageUid || '';
    li.dataset.fromUserId = m.fromUserId || '';
    if (kind === 'notice') {
      li.append(el('div', 'bubble', previewText(m, (id) => this.profiles.userName(id))));
      return li;
    }
    const name = this.profiles.userName(m.fromUserId);
    const showSender = !m.mine && conv.type !== ConversationType.PRIVATE;
    if (showSender) {
      li.classList.add('with-avatar');
      if (firstOfGroup) {
        const from = el('span', 'from', name);
        from.title = m.fromUserId;
        li.append(from, avatar({ id: m.fromUserId, name, portraitUri: (this.profiles.user(m.fromUserId) || {}).portraitUri },
          this.uploads, 'avatar message-avatar'));
      }
    }
    const row = el('div', 'bubble-row');
    const bubble = el('div', 'bubble');
    if (kind === 'recalled') {
      bubble.textContent = m.mine ? 'You recalled a message' : `${name} recalled a message`;
    } else if (kind === 'reference') {
      bubble.append(this.renderQuote(thread, m.content), document.createTextNode(m.content.content || ''));
    } else if (kind === 'image') {
      this.renderImage(bubble, m.content);
    } else if (kind === 'file') {
      this.renderFile(bubble, m.content);
    } else {
      bubble.textContent = previewText(m);
    }
    row.append(bubble);
    if (kind !== 'recalled' && (m.messageUid || m.state === 'failed')) {
      const more = button('⋯', 'more', 'menu');
      more.title = 'More actions';
      more.setAttribute('aria-label', 'Message actions');
      more.setAttribute('aria-haspopup', 'menu');
      row.append(more);
    }
    li.append(row);
    li.append(this.renderMeta(conv, thread, m, kind));
    return li;
  }

  /** The quoted message of a reply: who wrote it and what it said; clicking it shows it, when loaded. */
  renderQuote(thread, c) {
    const quote = el('blockquote', 'quote');
    quote.append(el('span', 'quote-from', this.profiles.userName(c.referMsgUserId || '')));
    const quoted = { objectName: c.objName || 'RC:TxtMsg', content: c.referMsg && typeof c.referMsg === 'object' ? c.referMsg
      : { content: String(c.referMsg ?? '') } };
    const original = c.referMsgUid && thread.byUid.get(c.referMsgUid);
    const text = original && original.state === 'recalled' ? 'Message recalled' : previewText(quoted);
    quote.append(el('span', 'quote-text', text));
    if (c.referMsgUid) {
      quote.dataset.action = 'jump';
      quote.dataset.referUid = c.referMsgUid;
      quote.title = 'Show the quoted message';
    }
    return quote;
  }

  /** Scrolls to the message `messageUid` and flashes it; false if it is not loaded. */
  reveal(messageUid) {
    const item = [...this.list.querySelectorAll('li.message')].find((li) => li.dataset.messageUid === messageUid);
    if (!item) return false;
    item.scrollIntoView({ block: 'center' });
    item.classList.remove('flash');
    void item.offsetWidth; // restarts the animation
    item.classList.add('flash');
    return true;
  }

  renderMeta(conv, thread, m, kind) {
    const meta = el('div', 'meta');
    if (m.sentTime) meta.append(el('time', 'time', shortTime(m.sentTime)));
    if (m.version > 0 && kind !== 'recalled') meta.append(el('span', 'edited', 'edited'));
    if (!m.mine || kind === 'recalled') return meta;
    let state = m.state;
    let label = { sending: 'Sending…', sent: 'Sent', failed: 'Not sent' }[m.state] || '';
    if (m.state === 'sent' && conv.type === ConversationType.PRIVATE && m.sentTime && m.sentTime <= thread.peerReadTime) {
      state = 'read';
      label = 'Read';
    } else if (m.state === 'sent' && conv.type === ConversationType.GROUP && thread.readCounts.get(m.messageUid)) {
      state = 'read';
      label = `Read by ${thread.readCounts.get(m.messageUid)}`;
    }
    const stateNode = el('span', `state ${state}`, label);
    if (m.error) stateNode.title = m.error;
    meta.append(stateNode);
    if (m.state === 'failed') meta.append(button('Retry', 'link', 'retry'));
    return meta;
  }

  /**
   * An image: one of this server's uploads is fetched with the token and shown; one elsewhere is only linked to
   * (fetching it would tell its host who reads the chat, and when); anything else is not shown.
   */
  renderImage(bubble, content) {
    const source = fileSource(content.imageUri);
    if (source.kind === 'link') {
      bubble.append(externalLink(`Image: ${content.name || 'image'}`, source));
      return;
    }
    if (source.kind !== 'upload') {
      bubble.textContent = '[Image not available]';
      return;
    }
    const img = document.createElement('img');
    img.alt = content.name || 'image';
    bubble.append(img);
    this.uploads.objectUrl(source.url).then((url) => { img.src = url; },
      () => { bubble.textContent = '[Image not available]'; });
  }

  /** A file: one of this server's uploads downloads with the token; one elsewhere is a plain link; anything else is its name. */
  renderFile(bubble, content) {
    const box = el('div', 'file');
    const name = content.name || 'file';
    const source = fileSource(content.fileUrl);
    let link;
    if (source.kind === 'upload') {
      link = document.createElement('a');
      link.textContent = name;
      link.href = '#';
      link.addEventListener('click', async (e) => {
        e.preventDefault();
        const a = document.createElement('a');
        a.href = await this.uploads.objectUrl(source.url);
        a.download = name;
        a.click();
      });
    } else if (source.kind === 'link') {
      link = externalLink(name, source);
    } else {
      link = el('span', 'unavailable', `${name} (not available)`);
    }
    box.append(el('span', '', 'File:'), link, el('span', 'size', content.size ? sizeText(content.size) : ''));
    bubble.append(box);
  }

  /** The message an item of the list shows. */
  messageOf(item) {
    const thread = this.model.thread(this.model.openKey);
    return (item.dataset.clientMsgId && thread.byClientId.get(item.dataset.clientMsgId))
      || thread.byUid.get(item.dataset.messageUid) || null;
  }

  async onMessageAction(e) {
    const target = e.target.closest('[data-action]');
    const action = target && target.dataset.action;
    if (!action) return;
    if (action === 'jump') {
      if (!this.reveal(target.dataset.referUid)) this.$('composer-error').textContent = 'The quoted message is not loaded.';
      return;
    }
    const item = e.target.closest('li.message');
    const message = item && this.messageOf(item);
    if (!message) return;
    if (action === 'menu') {
      this.menu.open(item, message, target);
      return;
    }
    await this.act(action, message);
  }

  /** Runs a message action (`retry`, `recall`, `reply`, `copy`). */
  async act(action, message) {
    try {
      if (action === 'retry') await this.model.retry(this.model.openKey, message);
      if (action === 'recall') await this.model.recall(this.model.openKey, message);
      if (action === 'reply') this.composer.setReply(message);
      if (action === 'copy') await navigator.clipboard.writeText(previewText(message));
    } catch (err) {
      this.$('composer-error').textContent = `Could not ${action}: ${err.message}`;
    }
  }

  async loadEarlier() {
    if (this.loadingEarlier) return;
    this.loadingEarlier = true;
    try {
      await this.model.loadEarlier(this.model.openKey);
    } catch (e) {
      this.$('composer-error').textContent = `Could not load earlier messages: ${e.message}`;
    } finally {
      this.loadingEarlier = false;
    }
  }
}

/** A plain link to another site, opened in a tab of its own with no referrer, with its host shown beside it. */
function externalLink(text, source) {
  const link = el('a', 'external', text);
  link.href = source.url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  const box = el('span', 'external-link');
  box.append(link, el('span', 'host', `(${source.host})`));
  return box;
}

