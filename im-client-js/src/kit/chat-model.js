/**
 * The page's state of the signed-in user's conversations, kept from the SDK's messages and events:
 * the conversation list (last message, unread and mention counts, who is typing), the loaded messages of each
 * conversation (with edits and recalls), and read receipts (read-receipts.js); ultragroup channels through
 * ultragroup-model.js. Views listen for `change` events (`detail.what`: `list`, `channels`, `messages` or
 * `typing`, and `detail.key`) and render from it; user actions go through its methods.
 */
import { randomUuid, MODIFY_NOTE, editOf } from '../index.js';
import {
  ConversationType, conversationKey, parseContent, mentions, mentionedInfoFor,
} from './message-kinds.js';
import { ReadReceipts } from './read-receipts.js';

/**
 * Orders messages of one conversation: by commit time, then by seq, since several messages (a burst in a group)
 * may be committed in the same millisecond. A message still being sent (no time yet) goes last.
 */
function byCommit(a, b) {
  return (a.sentTime || Infinity) - (b.sentTime || Infinity) || (a.seq || 0) - (b.seq || 0);
}

/** Whether message `m` was committed after the conversation's last message as the page knows it (time, then seq). */
function isAfterLast(m, conv) {
  return m.sentTime > conv.lastTime || (m.sentTime === conv.lastTime && (m.seq || 0) > conv.lastSeq);
}

/** Whether message `m` was committed before the conversation's last message as the page knows it. */
function isBeforeLast(m, conv) {
  return m.sentTime < conv.lastTime || (m.sentTime === conv.lastTime && (m.seq || 0) < conv.lastSeq);
}

const TYPING_SHOWN_MS = 6000;
const TYPING_SENT_EVERY_MS = 3000;
const HISTORY_PAGE = 30;
/** Status messages this page acts on; they are not shown as bubbles. */
const STATUS_TYPES = new Set(['RC:TypSts', 'RC:ReadNtf', 'RC:SRSMsg', 'RC:RRReqMsg', 'RC:RRRspMsg', 'RC:CmdMsg', 'RC:RcCmd',
  'Parley:ExpansionChange', MODIFY_NOTE]);

export class ChatModel extends EventTarget {
  /**
   * @param {import('../index.js').ParleyClient} client
   * @param {string|null} userIdHint the signed-in user, if known before CONNACK tells
   */
  constructor(client, userIdHint) {
    super();
    this.client = client;
    this.userIdHint = userIdHint;
    /** @type {Map<string, object>} key → {type, targetId, lastMessage, lastTime, lastSeq, unread, mentions, typing} */
    this.conversations = new Map();
    /** @type {Map<string, object>} key → {list, byUid, byClientId, loaded, hasMore, oldestSeq} */
    this.threads = new Map();
    this.openKey = null;
    this.listLoaded = false;
    this.pending = []; // messages that arrived before the first conversation list
    this.lastTypingSent = new Map();
    this.readSentUpTo = new Map();
    this.receipts = new ReadReceipts(this);
    /** @type {import('./ultragroup-model.js').UltragroupModel|null} set where the ultragroup plugin is loaded */
    this.ultragroups = null;
    /** the SDK's local message store, if any (`client.store`): the list and history offline, what search reads */
    this.store = null;
    client.onMessage((m) => {
      if (m.conversationType === ConversationType.ULTRA_GROUP) return; // the ultragroup model hands these on in seq order
      if (this.listLoaded) this.receive(m);
      else this.pending.push(m);
    });
    // plugins' notices are no messages: never a bubble, an unread or a conversation's last message (the SDK keeps
    // them from onMessage); the page shows none, and tells them as `notice` events for whoever embeds it
    client.onNotice((n) => this.dispatchEvent(new CustomEvent('notice', { detail: n })));
    client.onEvent((e) => this.onEvent(e));
    client.onStatus((status) => {
      if (status !== 'connected') return;
      this.refreshList();
      this.loadOpenIfNeeded();
    });
  }

  /** The signed-in user: CONNACK's, or the hint until then. */
  get userId() {
    return this.client.userId || this.userIdHint;
  }

  // ------------------------------------------------------------------ list

  /**
   * Loads the server's conversation list; its unread counts are the truth up to each last message (for a group,
   * counted by the server from the group's log after the user's read position).
   */
  async refreshList() {
    let result;
    try {
      result = await this.client.command('conversation.list');
    } catch {
      return; // the connection dropped; the next 'connected' asks again
    }
    for (const c of result.conversations || []) {
      if (c.conversationType === ConversationType.ULTRA_GROUP) continue; // counted by the ultragroup model
      const conv = this.conversation(c.conversationType, c.targetId);
      const last = c.lastMessage;
      if (last && !isBeforeLast(last, conv)) {
        conv.lastMessage = { ...last, content: parseContent(last.content) };
        conv.lastTime = last.sentTime;
        conv.lastSeq = last.seq || 0;
        conv.unread = this.isOpen(conv.key) ? 0 : c.unreadCount;
        conv.mentions = this.isOpen(conv.key) ? 0 : c.mentionCount;
      }
      // the other user's read receipt, kept by the server: a tab opened after it shows our messages read too
      if (c.peerReadTime) this.receipts.peerRead(conv.key, c.peerReadTime);
    }
    this.listLoaded = true;
    for (const m of this.pending.splice(0)) this.receive(m);
    this.emit('list');
    if (this.openKey) this.markRead(this.openKey);
  }

  /** @private the open conversation could not load its history (opened offline): load it now that we are connected */
  async loadOpenIfNeeded() {
    const conv = this.openKey && this.conversations.get(this.openKey);
    if (!conv || (conv.type !== ConversationType.PRIVATE && conv.type !== ConversationType.GROUP)) return;
    const thread = this.thread(conv.key);
    if (thread.loaded) return;
    try {
      await this.loadEarlier(conv.key);
      thread.loaded = true;
      this.markRead(conv.key);
    } catch {
      // the next connection tries again
    }
  }

  /** The conversation (type, targetId), made empty if new. */
  conversation(type, targetId) {
    const key = conversationKey(type, targetId);
    if (!this.conversations.has(key)) {
      this.conversations.set(key, { key, type, targetId, lastMessage: null, lastTime: 0, lastSeq: 0, unread: 0, mentions: 0,
        typing: null, joined: false });
    }
    return this.conversations.get(key);
  }

  /** Conversations, newest first. */
  sortedConversations() {
    return [...this.conversations.values()].sort((a, b) => b.lastTime - a.lastTime);
  }

  // ------------------------------------------------------------------ incoming

  /** One WireMessage from the SDK (or, for a channel, from the ultragroup model). */
  receive(wire) {
    const type = wire.conversationType;
    const key = conversationKey(type, wire.targetId);
    const content = parseContent(wire.content);
    const mine = wire.fromUserId === this.userId;
    switch (wire.objectName) {
      case 'RC:TypSts':
        if (!mine) this.showTyping(key, wire.fromUserId);
        return;
      case 'RC:ReadNtf':
        if (!mine) this.receipts.peerRead(key, Number(content.lastMessageSendTime) || 0);
        return;
      case 'RC:RRRspMsg':
        if (!mine) this.receipts.receiptsChanged(key, (content.receiptMessageDic || {})[this.userId] || []);
        return;
      case 'RC:RcCmd':
        this.recalled(key, content.messageUId);
        return;
      default:
        if (STATUS_TYPES.has(wire.objectName)) return;
    }
    const conv = this.conversation(type, wire.targetId);
    const message = this.addMessage(key, { ...wire, content, mine, state: 'sent' });
    if (!message) return;
    if (conv.typing && conv.typing.userId === wire.fromUserId) conv.typing = null;
    if (!isBeforeLast(wire, conv)) {
      // counted only when newer than what the page (or the server's list) already counted: a resync never
      // counts twice, and of a burst committed in one millisecond each message counts once
      const counts = !mine && wire.counted !== false && isAfterLast(wire, conv);
      conv.lastMessage = message;
      conv.lastTime = wire.sentTime;
      conv.lastSeq = wire.seq || 0;
      if (counts && !this.isOpen(key)) {
        conv.unread += 1;
        if (mentions(content, this.userId)) conv.mentions += 1;
      }
    }
    this.emit('list');
    this.emit('messages', key);
    if (!mine && this.isOpen(key)) this.markRead(key);
  }

  /** @private adds or merges a message into its thread; returns it, or null for a duplicate */
  addMessage(key, message) {
    const thread = this.thread(key);
    const known = (message.messageUid && thread.byUid.get(message.messageUid))
      || (message.mine && message.clientMsgId && thread.byClientId.get(message.clientMsgId));
    if (known) {
      const wasNew = !known.messageUid;
      Object.assign(known, { messageUid: message.messageUid || known.messageUid, seq: message.seq || known.seq,
        sentTime: message.sentTime || known.sentTime, state: known.state === 'recalled' ? 'recalled' : 'sent' });
      if (known.messageUid) thread.byUid.set(known.messageUid, known);
      return wasNew ? known : null;
    }
    if (message.objectName === 'RC:RcNtf') message.state = 'recalled';
    thread.list.push(message);
    thread.list.sort(byCommit);
    if (message.messageUid) thread.byUid.set(message.messageUid, message);
    if (message.clientMsgId) thread.byClientId.set(message.clientMsgId, message);
    if (message.seq > 0 && (thread.oldestSeq === 0 || message.seq < thread.oldestSeq)) thread.oldestSeq = message.seq;
    return message;
  }

  /** Adds a message of a history page (or a room's join history); notes of edits are applied, not shown. */
  addHistory(key, m) {
    if (m.objectName === MODIFY_NOTE) {
      const edit = editOf(m);
      if (edit) this.edited(key, edit);
      return;
    }
    if (STATUS_TYPES.has(m.objectName)) return;
    this.addMessage(key, { ...m, content: parseContent(m.content), mine: m.fromUserId === this.userId, state: 'sent' });
  }

  /** A message was edited: shown in its new version, unless a newer one is shown already. */
  edited(key, edit) {
    const message = this.thread(key).byUid.get(edit.messageUid);
    if (!message || message.state === 'recalled' || (message.version || 0) >= edit.version) return;
    message.content = parseContent(edit.content);
    message.version = edit.version;
    this.emit('messages', key);
    this.emit('list');
  }

  /** The loaded messages of a conversation, and where paging stands (`channelSeq`: a channel's last seq seen). */
  thread(key) {
    if (!this.threads.has(key)) {
      this.threads.set(key, { list: [], byUid: new Map(), byClientId: new Map(), loaded: false, hasMore: false,
        oldestSeq: 0, peerReadTime: 0, readCounts: new Map(), channelSeq: 0 });
    }
    return this.threads.get(key);
  }

  /** @private */
  showTyping(key, userId) {
    const [type, ...rest] = key.split(':');
    const conv = this.conversation(Number(type), rest.join(':'));
    const until = Date.now() + TYPING_SHOWN_MS;
    conv.typing = { userId, until };
    this.emit('typing', key);
    setTimeout(() => {
      if (conv.typing && conv.typing.until === until) {
        conv.typing = null;
        this.emit('typing', key);
      }
    }, TYPING_SHOWN_MS);
  }

  /** @private */
  recalled(key, messageUid) {
    const message = this.thread(key).byUid.get(messageUid);
    if (message) {
      message.state = 'recalled';
      this.emit('messages', key);
      this.emit('list');
    }
  }

  /** @private */
  onEvent({ name, body }) {
    if (name === 'conversation.changed') {
      const key = conversationKey(body.conversationType, body.targetId);
      if (body.peerReadTime) this.receipts.peerRead(key, body.peerReadTime);
      const conv = body.readTime ? this.conversations.get(key) : null;
      if (conv && conv.lastTime <= body.readTime) {
        conv.unread = 0;
        conv.mentions = 0;
        this.emit('list');
      }
    } else if (name === 'chatroom.destroyed' || name === 'chatroom.kicked') {
      const conv = this.conversations.get(conversationKey(ConversationType.CHATROOM, body.roomId));
      if (conv) {
        conv.joined = false;
        this.emit('messages', conv.key);
      }
    }
  }

  // ------------------------------------------------------------------ actions

  isOpen(key) {
    return this.openKey === key && document.visibilityState === 'visible';
  }

  /** Opens a conversation: loads its latest messages (or joins the room) and marks it read. */
  async open(type, targetId) {
    const conv = this.conversation(type, targetId);
    this.openKey = conv.key;
    conv.unread = 0;
    conv.mentions = 0;
    this.emit('list');
    this.emit('messages', conv.key);
    const thread = this.thread(conv.key);
    if (type === ConversationType.CHATROOM) {
      if (!conv.joined) await this.joinRoom(conv);
    } else if (type === ConversationType.ULTRA_GROUP) {
      if (!this.ultragroups) throw new Error('ultragroups are not available on this server');
      await this.ultragroups.open(conv);
    } else if (!thread.loaded) {
      try {
        await this.loadEarlier(conv.key);
        thread.loaded = true;
      } catch (e) {
        // offline: show what the device keeps; the next opening asks the server again
        if (!this.store || this.client.status === 'connected' || !(await this.loadStored(conv.key))) throw e;
      }
    }
    this.markRead(conv.key);
    if (type === ConversationType.GROUP) this.receipts.checkOwn(conv.key);
  }

  /** @private */
  async joinRoom(conv) {
    const result = await this.client.command('chatroom.join', { roomId: conv.targetId, historyCount: HISTORY_PAGE });
    conv.joined = true;
    for (const m of result.history || []) {
      this.addHistory(conv.key, { ...m, conversationType: ConversationType.CHATROOM, targetId: conv.targetId });
    }
    for (const roomId of result.left || []) {
      const left = this.conversations.get(conversationKey(ConversationType.CHATROOM, roomId));
      if (left) left.joined = false;
    }
    const last = this.thread(conv.key).list.at(-1);
    if (last) {
      conv.lastMessage = last;
      conv.lastTime = last.sentTime;
      conv.lastSeq = last.seq || 0;
    }
    this.emit('list');
    this.emit('messages', conv.key);
  }

  /** Loads the page of messages before the oldest one loaded (scroll-back). Not for chatrooms. */
  async loadEarlier(key) {
    const conv = this.conversations.get(key);
    const thread = this.thread(key);
    if (conv.type === ConversationType.CHATROOM) return;
    if (conv.type === ConversationType.ULTRA_GROUP) {
      await this.ultragroups.loadEarlier(conv);
      return;
    }
    const body = { conversationType: conv.type, targetId: conv.targetId, limit: HISTORY_PAGE };
    if (thread.oldestSeq > 0) body.beforeSeq = thread.oldestSeq;
    const result = await this.client.command('history.query', body);
    for (const m of result.messages || []) this.addHistory(key, m);
    thread.hasMore = Boolean(result.hasMore);
    this.emit('messages', key); // the SDK keeps the page in its store, if it has one
  }

  /**
   * Fills the conversation list from the local store (before the connection is up, or with no network): each
   * conversation's last message and counts, until the server's list replaces them.
   */
  async loadStoredList() {
    if (!this.store) return;
    let stored;
    try {
      stored = await this.store.conversations();
    } catch {
      return;
    }
    if (this.listLoaded) return; // the server's list came first
    for (const c of stored) {
      if (c.conversationType === ConversationType.ULTRA_GROUP || c.conversationType === ConversationType.CHATROOM) continue;
      const last = c.lastMessage;
      if (!last) continue;
      const conv = this.conversation(c.conversationType, c.targetId);
      if (conv.lastTime > 0) continue;
      const content = parseContent(last.content);
      conv.lastMessage = { ...last, content, mine: last.fromUserId === this.userId,
        state: last.recalled || last.objectName === 'RC:RcNtf' ? 'recalled' : 'sent' };
      conv.lastTime = last.sentTime;
      conv.lastSeq = last.seq || 0;
      conv.unread = c.unreadCount || 0;
      conv.mentions = c.mentionCount || 0;
    }
    this.emit('list');
  }

  /** @private shows a conversation's stored messages (offline); whether there were any */
  async loadStored(key) {
    const conv = this.conversations.get(key);
    const stored = await this.store.messages(conv.type, conv.targetId, { limit: HISTORY_PAGE }).catch(() => []);
    for (const m of stored) this.addHistory(key, m);
    this.emit('messages', key);
    return stored.length > 0;
  }

  /** @private keeps messages this page sent in the local store, so search finds them (the SDK keeps what it gets) */
  storeRecord(messages) {
    if (!this.store || typeof this.store.record !== 'function' || messages.length === 0) return;
    this.store.record(messages.map((m) => ({ ...m,
      content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) })), { fetched: true }).catch(() => {});
  }

  /** Tells the server (and, for a private chat, the other user) that the open conversation was read. */
  markRead(key) {
    if (!this.isOpen(key)) return;
    const conv = this.conversations.get(key);
    if (conv.type === ConversationType.ULTRA_GROUP) {
      this.ultragroups.markRead(conv);
      return;
    }
    const thread = this.thread(key);
    const theirs = thread.list.filter((m) => !m.mine && m.messageUid && m.state !== 'recalled');
    const latest = theirs.at(-1);
    if (!latest || (this.readSentUpTo.get(key) || 0) >= latest.sentTime) return;
    this.readSentUpTo.set(key, latest.sentTime);
    this.receipts.answer(conv, theirs, latest);
    if (conv.type === ConversationType.PRIVATE || conv.type === ConversationType.GROUP) {
      this.client.command('conversation.read', { conversationType: conv.type, targetId: conv.targetId,
        readTime: latest.sentTime }).catch(() => {});
    }
  }

  /** Tells the other user of a private chat that we are typing, at most every few seconds. */
  typing(key) {
    const conv = this.conversations.get(key);
    if (!conv || conv.type !== ConversationType.PRIVATE) return;
    const now = Date.now();
    if (now - (this.lastTypingSent.get(key) || 0) < TYPING_SENT_EVERY_MS) return;
    this.lastTypingSent.set(key, now);
    this.sendStatus(conv, 'RC:TypSts', { typingContentType: 'RC:TxtMsg' });
  }

  /**
   * Sends a text; in a group, `@user` and `@all` become mentions. With `reference` (see `referenceContent`), it is
   * a reply that quotes another message: an `RC:ReferenceMsg`.
   */
  sendText(key, text, reference = null) {
    const conv = this.conversations.get(key);
    const content = reference ? { ...reference, content: text } : { content: text };
    const inGroup = conv.type === ConversationType.GROUP || conv.type === ConversationType.ULTRA_GROUP;
    const info = inGroup ? mentionedInfoFor(text) : null;
    if (info) content.mentionedInfo = info;
    // the other side hides 'typing' when this arrives, so the next keystroke announces typing again
    this.lastTypingSent.delete(key);
    return this.send(key, reference ? 'RC:ReferenceMsg' : 'RC:TxtMsg', content);
  }

  /** Sends a message and shows it at once; its state goes from `sending` to `sent` or `failed`. */
  send(key, objectName, content) {
    const conv = this.conversations.get(key);
    const message = this.addMessage(key, { clientMsgId: randomUuid(), conversationType: conv.type,
      targetId: conv.targetId, fromUserId: this.userId, objectName, content, mine: true, state: 'sending',
      sentTime: 0, seq: 0 });
    this.emit('messages', key);
    return this.deliver(key, message);
  }

  /** Sends a failed message again, with the same client message id (the server never stores it twice). */
  retry(key, message) {
    message.state = 'sending';
    message.error = null;
    this.emit('messages', key);
    return this.deliver(key, message);
  }

  /** @private */
  async deliver(key, message) {
    const conv = this.conversations.get(key);
    try {
      const ack = await this.client.send({ conversationType: conv.type, targetId: conv.targetId,
        objectName: message.objectName, content: message.content, clientMsgId: message.clientMsgId });
      const thread = this.thread(key);
      Object.assign(message, { messageUid: ack.messageUid, seq: ack.seq, sentTime: ack.sentTime,
        state: message.state === 'recalled' ? 'recalled' : 'sent' });
      if (ack.messageUid) thread.byUid.set(ack.messageUid, message);
      this.storeRecord([{ messageUid: ack.messageUid, conversationType: conv.type, targetId: conv.targetId,
        fromUserId: this.userId, objectName: message.objectName, content: message.content, sentTime: ack.sentTime,
        seq: ack.seq, clientMsgId: message.clientMsgId }]);
      thread.list.sort(byCommit);
      if (!isBeforeLast(ack, conv)) {
        conv.lastMessage = message;
        conv.lastTime = ack.sentTime;
        conv.lastSeq = ack.seq || 0;
      }
      this.emit('list');
    } catch (e) {
      message.state = 'failed';
      message.error = e.message;
    }
    this.emit('messages', key);
  }

  /** Recalls one of our messages (within the server's recall window). */
  async recall(key, message) {
    const conv = this.conversations.get(key);
    await this.client.send({ conversationType: conv.type, targetId: conv.targetId, objectName: 'RC:RcCmd',
      content: { messageUId: message.messageUid, conversationType: conv.type, targetId: conv.targetId,
        sentTime: message.sentTime, isDelete: false } });
    this.recalled(key, message.messageUid);
  }

  /** Sends a status message; they are fire-and-forget: lost if the peer is offline, by design. */
  sendStatus(conv, objectName, content) {
    this.client.send({ conversationType: conv.type, targetId: conv.targetId, objectName, content }).catch(() => {});
  }

  /** Tells the views what changed: `list`, `channels`, `messages` or `typing` (of conversation `key`). */
  emit(what, key = null) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what, key } }));
  }
}
