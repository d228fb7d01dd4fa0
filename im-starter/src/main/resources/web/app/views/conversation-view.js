/**
 * The open conversation: its title and typing line, the messages (text, images, files, notices, recalled
 * ones) with their send and read state, scroll-back, and the composer (text, attachments, typing signals).
 */
import { ConversationType, KIND_LABEL, kindOf, previewText, shortTime, sizeText, mentions } from '../message-kinds.js';
import { fileSource } from '../uploads.js';
import { el } from './dom.js';

const RECALL_WINDOW_MS = 2 * 60 * 1000;

export class ConversationView {
  /**
   * @param {Document} doc
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../uploads.js').Uploads} uploads
   */
  constructor(doc, model, uploads) {
    this.model = model;
    this.uploads = uploads;
    this.$ = (id) => doc.getElementById(id);
    this.list = this.$('message-list');
    this.scroller = this.$('messages');
    model.addEventListener('change', (e) => {
      if (e.detail.key !== model.openKey) return;
      if (e.detail.what === 'messages') this.renderMessages();
      if (e.detail.what === 'typing' || e.detail.what === 'messages') this.renderHead();
    });
    this.$('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.sendText();
    });
    const text = this.$('text');
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.sendText();
      }
    });
    text.addEventListener('input', () => {
      if (text.value.trim()) model.typing(model.openKey);
    });
    this.$('attach').addEventListener('change', (e) => this.attach(e.target));
    this.$('load-earlier').addEventListener('click', () => this.loadEarlier());
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop === 0 && !this.$('load-earlier').hidden) this.loadEarlier();
    });
    this.list.addEventListener('click', (e) => this.onMessageAction(e));
  }

  /** Shows the conversation `key` (already opened in the model). */
  show() {
    this.stickToBottom = true;
    this.$('composer').hidden = false;
    this.$('composer-error').textContent = '';
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
    this.$('pane-title').textContent = conv.title || conv.targetId + kind; // a channel's title says what it is
    this.$('typing').textContent = conv.typing ? `${conv.typing.userId} is typing…` : '';
  }

  renderMessages() {
    const conv = this.conv();
    if (!conv) return;
    const thread = this.model.thread(conv.key);
    const atBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 40;
    const heightBefore = this.scroller.scrollHeight;
    const topBefore = this.scroller.scrollTop;
    this.list.replaceChildren(...thread.list.map((m) => this.renderMessage(conv, thread, m)));
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

  renderMessage(conv, thread, m) {
    const li = document.createElement('li');
    const kind = m.state === 'recalled' ? 'recalled' : kindOf(m.objectName);
    li.className = `message ${m.mine ? 'mine' : 'theirs'} ${kind}`;
    if (!m.mine && mentions(m.content, this.model.userId)) li.classList.add('mention-me');
    li.dataset.clientMsgId = m.clientMsgId || '';
    li.dataset.messageUid = m.messageUid || '';
    if (kind === 'notice') {
      li.append(el('div', 'bubble', previewText(m)));
      return li;
    }
    if (!m.mine && conv.type !== ConversationType.PRIVATE) li.append(el('span', 'from', m.fromUserId));
    const bubble = el('div', 'bubble');
    if (kind === 'recalled') {
      bubble.textContent = m.mine ? 'You recalled a message' : `${m.fromUserId} recalled a message`;
    } else if (kind === 'image') {
      this.renderImage(bubble, m.content);
    } else if (kind === 'file') {
      this.renderFile(bubble, m.content);
    } else {
      bubble.textContent = previewText(m);
    }
    li.append(bubble);
    li.append(this.renderMeta(conv, thread, m, kind));
    return li;
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
    if (m.state === 'failed') meta.append(button('Retry', 'retry'));
    if (m.state === 'sent' && m.messageUid && conv.type !== ConversationType.CHATROOM
      && Date.now() - m.sentTime < RECALL_WINDOW_MS) {
      meta.append(button('Recall', 'recall'));
    }
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

  async onMessageAction(e) {
    const action = e.target.dataset && e.target.dataset.action;
    if (!action) return;
    const item = e.target.closest('li.message');
    const thread = this.model.thread(this.model.openKey);
    const message = thread.byClientId.get(item.dataset.clientMsgId) || thread.byUid.get(item.dataset.messageUid);
    if (!message) return;
    try {
      if (action === 'retry') await this.model.retry(this.model.openKey, message);
      if (action === 'recall') await this.model.recall(this.model.openKey, message);
    } catch (err) {
      this.$('composer-error').textContent = `Could not ${action}: ${err.message}`;
    }
  }

  sendText() {
    const text = this.$('text');
    const value = text.value.trim();
    if (!value || !this.model.openKey) return;
    text.value = '';
    this.stickToBottom = true;
    this.model.sendText(this.model.openKey, value);
  }

  async attach(input) {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    const error = this.$('composer-error');
    const refusal = this.uploads.refusal(file);
    if (refusal) {
      error.textContent = refusal;
      return;
    }
    const conv = this.conv();
    if (conv.type !== ConversationType.PRIVATE && conv.type !== ConversationType.GROUP) {
      error.textContent = 'Files can be sent in private and group chats.';
      return;
    }
    error.textContent = `Uploading ${file.name}…`;
    try {
      const uploaded = await this.uploads.upload(file, conv.type, conv.targetId);
      error.textContent = '';
      this.stickToBottom = true;
      if (file.type.startsWith('image/')) {
        await this.model.send(conv.key, 'RC:ImgMsg', { content: '', imageUri: uploaded.url, name: uploaded.name,
          size: uploaded.size });
      } else {
        await this.model.send(conv.key, 'RC:FileMsg', { name: uploaded.name, size: uploaded.size,
          type: uploaded.name.split('.').pop(), fileUrl: uploaded.url });
      }
    } catch (e) {
      error.textContent = `Could not send ${file.name}: ${e.message}`;
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

function button(text, action) {
  const b = el('button', 'link', text);
  b.type = 'button';
  b.dataset.action = action;
  return b;
}
