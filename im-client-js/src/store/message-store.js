/**
 * A store of messages on the device: messages, conversations (last message, unread and mention counts, read
 * position, draft, pinned, muted) and the sync cursors, over a backend (IndexedDB or memory). The client writes
 * what it dispatches (`record`), before its listeners run, so an app can open to its conversation list and recent
 * history with no network, search it, and sync only what is new (the store is the client's cursor store too).
 *
 * What is kept: stored messages of private, group, system and ultragroup conversations (an ultragroup channel's
 * messages as they reach this device: those of the subscribed channel and the pages of history fetched). Not kept:
 * chatroom messages, status messages (typing, receipts), plugins' notices. Recalls (`RC:RcCmd`) turn the message
 * into its `RC:RcNtf` (or delete it), ultragroup edits (`Parley:UgMsgModify`) replace its content, expansion
 * changes (`Parley:ExpansionChange`) update its `expansion`, a deleted conversation (the `conversation.changed`
 * event's `deletedTime`) loses its messages up to that time; these are applied, not kept as messages.
 *
 * @module store/message-store
 */
import { conversationKey } from '../conversation-streams.js';
import { fold, indexTerms } from './text.js';
import { findRecords, rangeOf, scopedTerm, walk } from './search.js';
import { parseContent, searchableText } from './searchable.js';

const CHATROOM = 4;
const RECALL = 'RC:RcCmd';
const RECALLED = 'RC:RcNtf';
const EXPANSION = 'Parley:ExpansionChange';
const EDIT = 'Parley:UgMsgModify';
const READ_SYNC = 'RC:SRSMsg';
const CURSOR = 'cursor';
const CURSOR_PREFIX = 'cursor:';
/** Fields the store keeps for itself on each record; not in the messages it gives out. */
const INTERNAL = ['key', 'text', 'terms'];

/**
 * A backend: the records and walks a store needs, in transactions run in the order asked for.
 * @typedef {object} Backend
 * @property {string} kind 'indexeddb' or 'memory'
 * @property {(mode: 'readonly'|'readwrite', fn: (tx: object) => Promise<any>, stores?: string[]) => Promise<any>} transaction
 *   `stores`: the object stores it reads (IndexedDB: its scope, so a read of `messages` or `conversations` never
 *   waits for the search index being written); all by default
 * @property {() => Promise<void>} [indexed] resolves once the search index holds every write asked for before
 * @property {() => Promise<void>} wipe deletes everything
 * @property {() => (void|Promise<void>)} close
 */

/**
 * A conversation as the store gives it.
 * @typedef {object} StoredConversation
 * @property {number} conversationType
 * @property {string} targetId
 * @property {object|null} lastMessage the newest stored message
 * @property {number} unreadCount counted messages from others after the read position
 * @property {boolean} mentioned whether one of those mentions this user or everyone
 * @property {number} mentionCount how many of them do
 * @property {string} draft '' when none
 * @property {boolean} pinned
 * @property {boolean} muted
 * @property {number} readTime the read position (a sentTime)
 * @property {number} updatedAt the newest of the last message's sentTime and the draft's time
 */

/**
 * @typedef {object} SearchQuery
 * @property {string} [keyword] matched as a substring of the folded searchable text (see store/text); may be left
 *   out when `senderId`, `from` or `to` is given
 * @property {number} [conversationType] @property {string} [targetId]
 * @property {string} [senderId] the sender's user id
 * @property {number} [from] sentTime at or after @property {number} [to] sentTime at or before
 * @property {number} [limit=20] 1–500
 * @property {number|string} [before] the `next` of the previous page (or a sentTime: messages sent before it)
 */

export class MessageStore {
  /** @param {Backend} backend @param {{userId?: string}} [options] the user whose store it is */
  constructor(backend, { userId = null } = {}) {
    /** @private */ this._backend = backend;
    /** The user whose messages these are (set by the client at its first connection when not given). */
    this.userId = userId;
  }

  /** Where the data lives: 'indexeddb', or 'memory' (also when IndexedDB could not be opened). @returns {string} */
  get kind() {
    return this._backend.kind;
  }

  // ------------------------------------------------------------------ the API apps use

  /**
   * The conversations, pinned first, then newest first (a deleted conversation with no newer message is left out).
   * @returns {Promise<StoredConversation[]>}
   */
  conversations() {
    return this._backend.transaction('readonly', async (tx) => {
      const all = (await tx.conversations()).filter((c) => c.lastMessage || c.draft || c.pinned);
      all.sort((a, b) => (b.pinned - a.pinned) || (b.updatedAt - a.updatedAt) || (a.key < b.key ? -1 : 1));
      return all.map(publicConversation);
    }, ['conversations']);
  }

  /**
   * One conversation, or null. @param {number} conversationType @param {string} targetId
   * @returns {Promise<StoredConversation|null>}
   */
  conversation(conversationType, targetId) {
    return this._backend.transaction('readonly', async (tx) => {
      const c = await tx.getConversation(conversationKey(conversationType, targetId));
      return c ? publicConversation(c) : null;
    }, ['conversations']);
  }

  /**
   * A conversation's stored messages, newest first.
   * @param {number} conversationType @param {string} targetId
   * @param {{before?: number, limit?: number}} [page] `before`: only messages sent before this time (exclusive)
   * @returns {Promise<object[]>}
   */
  async messages(conversationType, targetId, { before, limit = 20 } = {}) {
    checkLimit(limit);
    const key = conversationKey(conversationType, targetId);
    return this._backend.transaction('readonly', async (tx) => {
      const out = [];
      await walk(tx, { key }, { lo: -Infinity, hi: before ?? Infinity }, limit, (r) => {
        out.push(publicMessage(r));
        return out.length < limit;
      });
      return out;
    }, ['messages']);
  }

  /** A stored message by its uid, or null. @param {string} messageUid @returns {Promise<object|null>} */
  message(messageUid) {
    return this._backend.transaction('readonly', async (tx) => {
      const r = await tx.getMessage(messageUid);
      return r ? publicMessage(r) : null;
    }, ['messages']);
  }

  /**
   * Searches the stored messages, newest first, a page at a time.
   * @param {SearchQuery} query
   * @returns {Promise<{messages: object[], next: string|null}>} `next`: pass it as `before` for the next page;
   *   null after the last
   */
  async search({ keyword, conversationType, targetId, senderId, from, to, limit = 20, before } = {}) {
    checkLimit(limit);
    const q = fold(keyword);
    if (!q && senderId === undefined && from === undefined && to === undefined) {
      throw new TypeError('search needs a keyword, a senderId or a time range');
    }
    const range = rangeOf({ from, to, before });
    if (this._backend.indexed) await this._backend.indexed(); // the index of every write asked for before
    return this._backend.transaction('readonly', async (tx) => {
      const found = await findRecords(tx, { q, conversationType, targetId, senderId, range, n: limit + 1 });
      const more = found.length > limit;
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      return { messages: page.map(publicMessage), next: more ? `${last.sentTime}:${last.messageUid}` : null };
    });
  }

  /**
   * Marks a conversation read up to a time (never back): its unread and mention counts are counted again.
   * Local only: tell the server with the `conversation.read` command.
   * @param {number} conversationType @param {string} targetId @param {number} [upToSentTime] the last message's by default
   * @returns {Promise<void>}
   */
  markRead(conversationType, targetId, upToSentTime) {
    const key = conversationKey(conversationType, targetId);
    return this._backend.transaction('readwrite', (tx) => this._markRead(tx, key, upToSentTime));
  }

  /** Sets or clears (`''`) a conversation's draft. @param {number} conversationType @param {string} targetId @param {string} draft */
  setDraft(conversationType, targetId, draft) {
    return this._update(conversationType, targetId, (c) => {
      c.draft = typeof draft === 'string' ? draft : '';
      if (c.draft) c.updatedAt = Math.max(c.updatedAt, Date.now());
    });
  }

  /** Pins or unpins a conversation here (the server's `conversation.pin` is separate). @param {number} conversationType @param {string} targetId @param {boolean} pinned */
  setPinned(conversationType, targetId, pinned) {
    return this._update(conversationType, targetId, (c) => { c.pinned = !!pinned; });
  }

  /** Mutes or unmutes a conversation here. @param {number} conversationType @param {string} targetId @param {boolean} muted */
  setMuted(conversationType, targetId, muted) {
    return this._update(conversationType, targetId, (c) => { c.muted = !!muted; });
  }

  /** Deletes everything of this store (for IndexedDB: the user's database). @returns {Promise<void>} */
  wipe() {
    return this._backend.wipe();
  }

  /** Closes the database (the store opens it again when used). @returns {Promise<void>} */
  async close() {
    await this._backend.close();
  }

  // ------------------------------------------------------------------ cursor store (see client.js CursorStore)

  /** The inbox cursor, or null on a fresh device. @returns {Promise<number|null>} */
  load() {
    return this._backend.transaction('readonly', async (tx) => (await tx.getMeta(CURSOR)) ?? null, ['meta']);
  }

  /** Saves the inbox cursor (never back). @param {number} cursor */
  save(cursor) {
    return this._raise(CURSOR, cursor);
  }

  /** The groups' cursors by conversation key. @returns {Promise<Map<string, number>>} */
  loadConversations() {
    return this._backend.transaction('readonly', async (tx) => new Map((await tx.metaEntries())
      .filter(([k]) => typeof k === 'string' && k.startsWith(CURSOR_PREFIX))
      .map(([k, v]) => [k.slice(CURSOR_PREFIX.length), v])), ['meta']);
  }

  /** Saves a group's cursor (never back). @param {string} key @param {number} cursor */
  saveConversation(key, cursor) {
    return this._raise(CURSOR_PREFIX + key, cursor);
  }

  /** Forgets a group's cursor (the user left it); its messages stay. @param {string} key */
  deleteConversation(key) {
    return this._backend.transaction('readwrite', (tx) => tx.deleteMeta(CURSOR_PREFIX + key));
  }

  // ------------------------------------------------------------------ what the client writes

  /**
   * Writes messages as the client dispatches them (in order): new messages are kept and counted, recalls, edits,
   * expansion changes and read syncs applied, what is not kept skipped.
   * @param {object[]} messages WireMessages @param {{fetched?: boolean}} [options] `fetched`: pages of history
   *   (kept, never counted as unread) @returns {Promise<void>}
   */
  record(messages, { fetched = false } = {}) {
    const self = this.userId;
    const list = messages.filter((m) => m && m.notice !== true && m.conversationType !== CHATROOM);
    if (list.length === 0) return Promise.resolve();
    return this._backend.transaction('readwrite', async (raw) => {
      const tx = batched(raw);
      await tx.prefetch(list.flatMap(uidsOf), [...new Set(list.map((m) => conversationKey(m.conversationType, m.targetId)))]);
      for (const m of list) await this._recordOne(tx, m, self, fetched);
      await tx.flush();
    });
  }

  /**
   * Applies the `conversation.changed` event: pinned, read position, a deletion.
   * @param {{conversationType: number, targetId: string, pinned?: boolean, readTime?: number, deletedTime?: number}} body
   * @returns {Promise<void>}
   */
  applyConversationChange(body) {
    if (!body || body.conversationType === undefined || typeof body.targetId !== 'string') return Promise.resolve();
    const key = conversationKey(body.conversationType, body.targetId);
    return this._backend.transaction('readwrite', async (tx) => {
      if (body.deletedTime > 0) await this._deleteUpTo(tx, body.conversationType, body.targetId, body.deletedTime);
      if (body.readTime > 0) await this._markRead(tx, key, body.readTime);
      if (typeof body.pinned === 'boolean') {
        const c = await tx.getConversation(key);
        if (c && c.pinned !== body.pinned) await tx.putConversation({ ...c, pinned: body.pinned });
      }
    });
  }

  // ------------------------------------------------------------------ internals

  /** @private */
  async _recordOne(tx, m, self, fetched) {
    const key = conversationKey(m.conversationType, m.targetId);
    switch (m.objectName) {
      case RECALL: return this._recall(tx, key, m, self);
      case EDIT: return this._edit(tx, parseContent(m.content), self);
      case EXPANSION: return this._expansion(tx, parseContent(m.content));
      case READ_SYNC: {
        const c = parseContent(m.content);
        if (m.fromUserId === self && c && c.lastMessageSendTime > 0) await this._markRead(tx, key, c.lastMessageSendTime);
        return undefined;
      }
      default: break;
    }
    if (m.persisted === false || !m.messageUid || !(m.seq > 0 || m.inboxSeq > 0)) return undefined; // status
    const old = await tx.getMessage(m.messageUid);
    if (old) {
      // seen before: a newer version (an edit in a fetched page) replaces the content, nothing is counted again
      if ((m.version || 0) > (old.version || 0)) await tx.putMessage(recordOf({ ...old, ...m }, self));
      return undefined;
    }
    const conversation = (await tx.getConversation(key)) || newConversation(m.conversationType, m.targetId);
    if (m.sentTime <= conversation.deletedTime) return undefined; // deleted on the server's word
    const r = recordOf(m, self);
    await tx.putMessage(r);
    const c = { ...conversation };
    if (!c.lastMessage || isNewer(r, c.lastMessage)) {
      c.lastMessage = publicMessage(r);
      c.updatedAt = Math.max(c.updatedAt, r.sentTime);
    }
    if (!fetched && counts(r, self) && r.sentTime > c.readTime) {
      c.unreadCount++;
      if (r.mentioned) c.mentionCount++;
    }
    await tx.putConversation(c);
    return undefined;
  }

  /** @private a recall: the message becomes its recall note (`RC:RcNtf`), or goes with `isDelete` */
  async _recall(tx, key, m, self) {
    const c = parseContent(m.content);
    if (!c || !c.messageUId) return;
    const old = await tx.getMessage(c.messageUId);
    if (!old) return; // not stored here; a later SYNC serves it as RC:RcNtf already
    if (c.isDelete) {
      await tx.deleteMessage(old.messageUid);
    } else {
      const note = { operatorId: m.fromUserId, recallTime: m.sentTime, originalObjectName: old.objectName,
        isAdmin: m.fromUserId !== old.fromUserId, delete: false };
      await tx.putMessage(recordOf({ ...old, objectName: RECALLED, content: JSON.stringify(note), counted: false,
        recalled: true }, self));
    }
    await this._refresh(tx, old.key, self);
  }

  /** @private an ultragroup edit: the newer version's content replaces the stored one */
  async _edit(tx, c, self) {
    if (!c || !c.messageUId) return;
    const old = await tx.getMessage(c.messageUId);
    if (!old || (old.version || 0) >= (c.version || 0)) return;
    const content = typeof c.content === 'string' ? c.content : JSON.stringify(c.content);
    await tx.putMessage(recordOf({ ...old, content, version: c.version }, self));
    await this._refresh(tx, old.key, self);
  }

  /** @private an expansion change: keys put (`{k: {v, ts}}`) and deleted */
  async _expansion(tx, c) {
    if (!c || !c.messageUId) return;
    const old = await tx.getMessage(c.messageUId);
    if (!old) return;
    const expansion = { ...(old.expansion || {}) };
    for (const [k, value] of Object.entries(c.put || {})) expansion[k] = value;
    for (const k of Array.isArray(c.del) ? c.del : []) delete expansion[k];
    await tx.putMessage({ ...old, expansion });
  }

  /** @private the conversation lost messages up to `deletedTime` (deleted on some device) */
  async _deleteUpTo(tx, conversationType, targetId, deletedTime) {
    const key = conversationKey(conversationType, targetId);
    // kept even for a conversation not stored yet: older messages synced later stay out
    const c = (await tx.getConversation(key)) || newConversation(conversationType, targetId);
    if (deletedTime <= c.deletedTime) return;
    const doomed = [];
    await walk(tx, { key }, { lo: -Infinity, hi: deletedTime + 1 }, 200, (r) => { doomed.push(r.messageUid); return true; });
    for (const uid of doomed) await tx.deleteMessage(uid);
    await tx.putConversation({ ...c, deletedTime });
    await this._refresh(tx, key, this.userId);
  }

  /** @private */
  async _markRead(tx, key, upTo) {
    const c = await tx.getConversation(key);
    if (!c) return;
    const readTime = upTo === undefined ? (c.lastMessage ? c.lastMessage.sentTime : 0) : upTo;
    if (readTime <= c.readTime) return;
    await tx.putConversation({ ...c, readTime });
    await this._refresh(tx, key, this.userId);
  }

  /** @private counts a conversation's unread messages and mentions again, and finds its last message */
  async _refresh(tx, key, self) {
    const c = await tx.getConversation(key);
    if (!c) return;
    let last = null;
    let unreadCount = 0;
    let mentionCount = 0;
    await walk(tx, { key }, { lo: -Infinity, hi: Infinity }, 50, (r) => {
      if (!last) last = r;
      if (r.sentTime <= c.readTime) return false;
      if (counts(r, self)) {
        unreadCount++;
        if (r.mentioned) mentionCount++;
      }
      return true;
    });
    await tx.putConversation({ ...c, lastMessage: last ? publicMessage(last) : null, unreadCount, mentionCount });
  }

  /** @private */
  _update(conversationType, targetId, change) {
    const key = conversationKey(conversationType, targetId);
    return this._backend.transaction('readwrite', async (tx) => {
      const c = { ...((await tx.getConversation(key)) || newConversation(conversationType, targetId)) };
      change(c);
      await tx.putConversation(c);
    });
  }

  /** @private */
  _raise(name, n) {
    return this._backend.transaction('readwrite', async (tx) => {
      const old = await tx.getMeta(name);
      if (old === undefined || n > old) await tx.putMeta(name, n);
    });
  }
}

/** The uids a message of a batch reads: its own, or the one a recall, edit or expansion change is about. */
function uidsOf(m) {
  if (m.objectName === RECALL || m.objectName === EDIT || m.objectName === EXPANSION) {
    const c = parseContent(m.content);
    return c && typeof c.messageUId === 'string' ? [c.messageUId] : [];
  }
  return m.messageUid ? [m.messageUid] : [];
}

/**
 * A batch's view of a transaction: the messages and conversations it touches are read together up front
 * (`prefetch`: every read in one round, not one round trip per message), then kept here; message writes are
 * issued without waiting for each (IndexedDB runs a transaction's requests in order, so a later read or walk
 * sees them) and told the record they replace (no read before each write); each conversation is written once, at
 * `flush`, which waits for every write.
 */
function batched(raw) {
  const messages = new Map(); // uid -> stored record, or null (none)
  const conversations = new Map(); // key -> record, or null
  const dirty = new Set();
  const writes = [];
  const issue = (write) => {
    const p = Promise.resolve(write);
    p.catch(() => {}); // seen at flush; a batch failing before it must not leave an unhandled rejection
    writes.push(p);
  };
  return {
    ...raw,
    async prefetch(uids, keys) {
      const u = [...new Set(uids)].filter((uid) => !messages.has(uid));
      const k = keys.filter((key) => !conversations.has(key));
      const [ms, cs] = await Promise.all([Promise.all(u.map((uid) => raw.getMessage(uid))),
        Promise.all(k.map((key) => raw.getConversation(key)))]);
      u.forEach((uid, i) => messages.set(uid, ms[i] ?? null));
      k.forEach((key, i) => conversations.set(key, cs[i] ?? null));
    },
    async getMessage(uid) {
      if (!messages.has(uid)) messages.set(uid, (await raw.getMessage(uid)) ?? null);
      return messages.get(uid) ?? undefined;
    },
    putMessage(r) {
      issue(raw.putMessage(r, messages.has(r.messageUid) ? messages.get(r.messageUid) : undefined));
      messages.set(r.messageUid, r);
    },
    deleteMessage(uid) {
      issue(raw.deleteMessage(uid, messages.has(uid) ? messages.get(uid) : undefined));
      messages.set(uid, null);
    },
    async getConversation(key) {
      if (!conversations.has(key)) conversations.set(key, (await raw.getConversation(key)) ?? null);
      return conversations.get(key) ?? undefined;
    },
    putConversation(c) {
      conversations.set(c.key, c);
      dirty.add(c.key);
    },
    async flush() {
      for (const key of dirty) issue(raw.putConversation(conversations.get(key)));
      dirty.clear();
      await Promise.all(writes);
    },
  };
}

function newConversation(conversationType, targetId) {
  return { key: conversationKey(conversationType, targetId), conversationType, targetId, lastMessage: null,
    unreadCount: 0, mentionCount: 0, draft: '', pinned: false, muted: false, readTime: 0, deletedTime: 0, updatedAt: 0 };
}

/**
 * The record of a message: the message, its conversation key, folded text, index terms (each also scoped to the
 * conversation), whether it mentions `self`.
 */
function recordOf(m, self) {
  const key = conversationKey(m.conversationType, m.targetId);
  const text = m.objectName === RECALLED ? '' : fold(searchableText(m.objectName, m.content));
  const terms = indexTerms(text);
  const record = { ...m, key, text, terms: [...terms, ...terms.map((t) => scopedTerm(key, t))],
    sentTime: Number(m.sentTime) || 0 };
  record.mentioned = m.objectName !== RECALLED && mentions(m, self);
  return record;
}

/** Whether a message mentions `self` (or everyone) and is from someone else. */
function mentions(m, self) {
  if (!self || m.fromUserId === self) return false;
  const c = parseContent(m.content);
  const info = c && c.mentionedInfo;
  if (!info) return false;
  return info.type === 1 || (info.type === 2 && Array.isArray(info.userIdList) && info.userIdList.includes(self));
}

/** Whether a message counts as unread for `self`: from someone else, counted, not recalled. Own messages never do. */
function counts(r, self) {
  return r.fromUserId !== self && r.counted !== false && r.objectName !== RECALLED;
}

function isNewer(r, than) {
  return r.sentTime > than.sentTime || (r.sentTime === than.sentTime && r.messageUid > than.messageUid);
}

function publicMessage(r) {
  const m = { ...r };
  for (const k of INTERNAL) delete m[k];
  return m;
}

function publicConversation(c) {
  return { conversationType: c.conversationType, targetId: c.targetId, lastMessage: c.lastMessage,
    unreadCount: c.unreadCount, mentioned: c.mentionCount > 0, mentionCount: c.mentionCount, draft: c.draft,
    pinned: c.pinned, muted: c.muted, readTime: c.readTime, updatedAt: c.updatedAt };
}

function checkLimit(limit) {
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new RangeError('limit must be 1-500');
}
