/**
 * Ultragroups (conversation type 10), over the ultragroup plugin's client commands and events: the channel list
 * with latest seqs, read positions, unread and mention counts; history per channel by seq; read positions
 * synced across devices; the subscribed channel's messages in seq order, once each, with gaps and reconnects
 * caught up from history; sending; and edits. See docs/plugins/ultragroup.md for the plugin's side.
 *
 * @module ultragroup
 */
import { Status } from './client.js';

/** RongCloud's conversation type of an ultragroup channel. */
export const ULTRA_GROUP = 10;
/** The note the plugin writes into a channel when a message there was edited. */
export const MODIFY_NOTE = 'Parley:UgMsgModify';
/** The largest page `ultragroup.history` serves. */
export const MAX_HISTORY_PAGE = 100;

const GROUP_ID = /^[A-Za-z0-9_=+.@-]{1,64}$/;
const CHANNEL_ID = /^[A-Za-z0-9]{1,20}$/;

/**
 * Splits a channel's `targetId` (`<groupId>` for the default channel, `<groupId>:<channelId>` for another).
 * @param {string} targetId @returns {{groupId: string, channelId: string}} `channelId` '' for the default channel
 * @throws {TypeError} when it names no channel
 */
export function parseChannelTarget(targetId) {
  if (typeof targetId !== 'string') throw new TypeError('targetId must be a string');
  const colon = targetId.indexOf(':');
  const groupId = colon < 0 ? targetId : targetId.slice(0, colon);
  const channelId = colon < 0 ? '' : targetId.slice(colon + 1);
  if (!GROUP_ID.test(groupId)) {
    throw new TypeError(`"${targetId}" names no ultragroup: a group id is 1-64 of A-Z a-z 0-9 _ = + . @ -`);
  }
  if (colon >= 0 && !CHANNEL_ID.test(channelId)) {
    throw new TypeError(`"${targetId}" names no channel: a channel id is 1-20 letters or digits`);
  }
  return { groupId, channelId };
}

/** The `targetId` of a channel. @param {string} groupId @param {string} [channelId=''] the default channel when empty */
export function channelTarget(groupId, channelId = '') {
  const targetId = channelId ? `${groupId}:${channelId}` : groupId;
  parseChannelTarget(targetId);
  return targetId;
}

/**
 * @typedef {object} Channel
 * @property {string} channelId '' for the default channel
 * @property {string} targetId
 * @property {number} type 0 public, 1 private
 * @property {number} latestSeq
 * @property {number} readSeq the user's read position
 * @property {number} unreadCount counted messages from others after the read position (capped by the server)
 * @property {number} mentionCount
 * @property {number} unpushLevel
 */

/**
 * @typedef {object} Edit
 * @property {string} targetId
 * @property {string} messageUid the edited message
 * @property {number} seq the edited message's seq
 * @property {number} version 1, 2, …
 * @property {string} content the new content (a JSON string, as sent)
 * @property {string} fromUserId who edited
 */

/**
 * Ultragroup helpers over one ParleyClient. Messages of the subscribed channel go to `onMessage` listeners
 * (not only to the client's, which see every DELIVER as it comes); the client's own listeners still get them.
 */
export class UltragroupClient {
  /** @param {import('./client.js').ParleyClient} client */
  constructor(client) {
    if (!client || typeof client.command !== 'function') throw new TypeError('a ParleyClient is required');
    /** @private */ this._client = client;
    /** @private */ this._listeners = { message: new Set(), notice: new Set(), read: new Set(), edit: new Set() };
    /** @private the subscribed channel: {targetId, seen (last seq handed on), filling, again} or null */
    this._open = null;
    /** @private */ this._off = [
      client.onMessage((m) => this._onDeliver(m)),
      client.onNotice((m) => this._onDeliver(m)), // a plugin's notice takes a seq of its channel too
      client.onEvent((e) => this._onEvent(e)),
      client.onStatus((s) => { if (s === Status.CONNECTED) this._resubscribe(); }),
    ];
  }

  // ------------------------------------------------------------------ commands

  /**
   * The user's ultragroups (or the one named) with the channels it may see, the default channel first.
   * @param {string} [groupId] @returns {Promise<Array<{groupId: string, name: string, channels: Channel[]}>>}
   */
  async channels(groupId) {
    const body = groupId === undefined ? {} : { groupId: parseChannelTarget(groupId).groupId };
    const result = await this._client.command('ultragroup.channels', body);
    return result.groups || [];
  }

  /**
   * A page of a channel's history, as the reader sees it now (edited versions, recall notes). With `afterSeq`:
   * the messages above it, oldest first; else the newest below `beforeSeq` (absent or 0: the newest), newest
   * first. Messages have the shape of delivered ones (`conversationType` 10, `inboxSeq` 0) plus `version`.
   * @param {string} targetId @param {{afterSeq?: number, beforeSeq?: number, limit?: number}} [page]
   * @returns {Promise<{messages: object[], latestSeq: number}>}
   */
  async history(targetId, { afterSeq, beforeSeq, limit = 20 } = {}) {
    parseChannelTarget(targetId);
    if (afterSeq !== undefined && beforeSeq !== undefined) throw new TypeError('give afterSeq or beforeSeq, not both');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
      throw new RangeError(`limit must be 1-${MAX_HISTORY_PAGE}`);
    }
    const body = { targetId, limit };
    if (afterSeq !== undefined) body.afterSeq = seqOf(afterSeq, 'afterSeq');
    if (beforeSeq !== undefined) body.beforeSeq = seqOf(beforeSeq, 'beforeSeq');
    const result = await this._client.command('ultragroup.history', body);
    const messages = (result.messages || []).map((m) => ({ ...m, conversationType: ULTRA_GROUP, inboxSeq: 0 }));
    const store = this._client.store;
    if (store) {
      // a channel's pages are kept as fetched (never counted as unread); edit notes among them apply to the rest
      try {
        await store.record(messages, { fetched: true });
      } catch { /* a failing store must not fail the page */ }
    }
    return { messages, latestSeq: result.latestSeq || 0 };
  }

  /**
   * Every message of a channel after `afterSeq`, oldest first, pulled page by page up to the latest seq.
   * @param {string} targetId @param {number} afterSeq @returns {Promise<object[]>}
   */
  async catchUp(targetId, afterSeq) {
    const all = [];
    let after = seqOf(afterSeq, 'afterSeq');
    for (;;) {
      const page = await this.history(targetId, { afterSeq: after, limit: MAX_HISTORY_PAGE });
      all.push(...page.messages);
      const last = page.messages.at(-1);
      // history hides nothing past the reader's join floor, so an empty page below the head ends it too
      if (!last || last.seq >= page.latestSeq || page.messages.length < MAX_HISTORY_PAGE) return all;
      after = last.seq;
    }
  }

  /**
   * Moves the read position forward (never back); the user's other devices hear of it (`onRead`).
   * @param {string} targetId @param {number} [seq] absent: the latest @returns {Promise<number>} the read position kept
   */
  async markRead(targetId, seq) {
    parseChannelTarget(targetId);
    const body = { targetId };
    if (seq !== undefined) body.seq = seqOf(seq, 'seq');
    return (await this._client.command('ultragroup.read', body)).readSeq;
  }

  /**
   * Subscribes to a channel: its messages come whole from now on (one channel per user; the last call wins).
   * `onMessage` listeners get them in seq order, once each; a missing seq, or a reconnect, is caught up from
   * history. With `afterSeq`, what came after it is caught up first; without, only messages above the latest
   * seq at the time of the call are handed on.
   * @param {string} targetId @param {{afterSeq?: number}} [options] @returns {Promise<number>} the latest seq
   */
  async subscribe(targetId, { afterSeq } = {}) {
    parseChannelTarget(targetId);
    const open = { targetId, seen: afterSeq === undefined ? null : seqOf(afterSeq, 'afterSeq'), filling: false,
      again: false };
    const previous = this._open;
    this._open = open;
    let latestSeq;
    try {
      ({ latestSeq } = await this._client.command('ultragroup.subscribe', { targetId }));
    } catch (e) {
      if (this._open === open) this._open = previous; // refused: the server kept the previous subscription
      throw e;
    }
    if (this._open !== open) return latestSeq;
    if (open.seen === null) open.seen = latestSeq;
    else if (latestSeq > open.seen) this._fill(open);
    return latestSeq;
  }

  /** Stops the subscription: messages come as notices again. @returns {Promise<void>} */
  async unsubscribe() {
    this._open = null;
    await this._client.command('ultragroup.unsubscribe', {});
  }

  /** The subscribed channel's target id, or null. @returns {string|null} */
  get subscribed() {
    return this._open ? this._open.targetId : null;
  }

  /**
   * Sends to a channel (the client's `send` with `conversationType` 10): `{objectName, content, …}` as there.
   * @param {string} targetId @param {object} message @returns {Promise<import('./client.js').SendResult>}
   */
  send(targetId, message) {
    parseChannelTarget(targetId);
    return this._client.send({ ...message, conversationType: ULTRA_GROUP, targetId });
  }

  /**
   * Edits one of the user's messages in a channel; everyone reads the new version from then on.
   * @param {string} targetId @param {string} messageUid @param {string|object} content objects are JSON-encoded
   * @returns {Promise<number>} the new version
   */
  async modify(targetId, messageUid, content) {
    parseChannelTarget(targetId);
    if (!messageUid) throw new TypeError('messageUid is required');
    const body = { targetId, messageUid, content: typeof content === 'string' ? content : JSON.stringify(content) };
    return (await this._client.command('ultragroup.modify', body)).version;
  }

  /**
   * The user's own do-not-disturb level for a channel (the default channel's target: the whole ultragroup).
   * @param {string} targetId @param {-1|0|1|2|4|5} level
   */
  async setNotDisturb(targetId, level) {
    parseChannelTarget(targetId);
    if (![-1, 0, 1, 2, 4, 5].includes(level)) throw new RangeError('level must be -1, 0, 1, 2, 4 or 5');
    await this._client.command('ultragroup.notdisturb.set', { targetId, level });
  }

  // ------------------------------------------------------------------ listeners

  /** Messages of the subscribed channel, in seq order, once each (edit notes go to `onEdit` instead). */
  onMessage(listener) {
    return this._add('message', listener);
  }

  /**
   * A message was committed in a channel the user may read but has not subscribed to:
   * `{targetId, groupId, channelId, seq, messageUid, fromUserId, objectName, sentTime, counted, mentioned}`.
   */
  onNotice(listener) {
    return this._add('notice', listener);
  }

  /** The user's read position of a channel moved, on this device or another: `{targetId, readSeq}`. */
  onRead(listener) {
    return this._add('read', listener);
  }

  /** A message of the subscribed channel (or of a page caught up) was edited: an `Edit`. */
  onEdit(listener) {
    return this._add('edit', listener);
  }

  /** Removes this helper's listeners from the client. */
  close() {
    for (const off of this._off.splice(0)) off();
    this._open = null;
  }

  // ------------------------------------------------------------------ internals

  /** @private a DELIVER of the subscribed channel is handed on in seq order; a gap is filled from history */
  _onDeliver(message) {
    if (message.conversationType !== ULTRA_GROUP) return;
    const open = this._open;
    if (!message.seq) {
      if (open && open.targetId === message.targetId) this._emit('message', message); // typing: never stored
      return;
    }
    if (!open || open.targetId !== message.targetId || open.seen === null) {
      // another device of this user subscribed to another channel: to this one it is a notice (of a new message;
      // a plugin's notice is none, and reached the client's notice listeners)
      if ((!open || open.targetId !== message.targetId) && !message.notice) this._emit('notice', noticeOf(message));
      return;
    }
    if (message.seq <= open.seen) return;
    if (message.seq === open.seen + 1 && !open.filling) {
      this._hand(open, message);
    } else {
      this._fill(open);
    }
  }

  /** @private pulls what followed `open.seen` until the head; runs once at a time per subscription */
  async _fill(open) {
    if (open.filling) {
      open.again = true;
      return;
    }
    open.filling = true;
    try {
      do {
        open.again = false;
        const messages = await this.catchUp(open.targetId, open.seen);
        if (this._open !== open) return;
        for (const m of messages) if (m.seq > open.seen) this._hand(open, m);
      } while (open.again && this._open === open);
    } catch {
      // the connection dropped: the reconnect catches up again
    } finally {
      open.filling = false;
    }
  }

  /** @private */
  _hand(open, message) {
    open.seen = message.seq;
    if (message.notice === true) return; // a plugin's notice: no message (the client's notice listeners get them)
    if (message.objectName === MODIFY_NOTE) {
      const edit = editOf(message);
      if (edit) this._emit('edit', edit);
    } else {
      this._emit('message', message);
    }
  }

  /** @private the server forgets a subscription when the connection goes: subscribe again and catch up */
  _resubscribe() {
    const open = this._open;
    if (!open) return;
    this._client.command('ultragroup.subscribe', { targetId: open.targetId }).then(({ latestSeq }) => {
      if (this._open !== open) return;
      if (open.seen === null) open.seen = latestSeq;
      else if (latestSeq > open.seen) this._fill(open);
    }, () => { /* lost again: the next 'connected' retries */ });
  }

  /** @private */
  _onEvent({ name, body }) {
    if (name === 'ultragroup.message') {
      if (this._open && this._open.targetId === body.targetId && this._open.seen !== null) {
        // committed before our subscription took effect: pull it
        if (body.seq > this._open.seen) this._fill(this._open);
        return;
      }
      if (body.notice !== true) this._emit('notice', body); // a plugin's notice is no new message
    } else if (name === 'ultragroup.read') {
      this._emit('read', { targetId: body.targetId, readSeq: body.readSeq });
    }
  }

  /** @private */
  _add(kind, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    this._listeners[kind].add(listener);
    return () => this._listeners[kind].delete(listener);
  }

  /** @private listeners' exceptions are reported and do not stop the others */
  _emit(kind, value) {
    for (const l of [...this._listeners[kind]]) {
      try {
        l(value);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }
}

/** The edit a `Parley:UgMsgModify` note tells of, or null for a malformed one. */
export function editOf(note) {
  let c;
  try {
    c = typeof note.content === 'string' ? JSON.parse(note.content) : note.content;
  } catch {
    return null;
  }
  if (!c || !c.messageUId) return null;
  return { targetId: note.targetId, messageUid: c.messageUId, seq: c.seq || 0, version: c.version || 0,
    content: typeof c.content === 'string' ? c.content : JSON.stringify(c.content), fromUserId: note.fromUserId };
}

function noticeOf(m) {
  const { groupId, channelId } = parseChannelTarget(m.targetId);
  return { targetId: m.targetId, groupId, channelId, seq: m.seq, messageUid: m.messageUid, fromUserId: m.fromUserId,
    objectName: m.objectName, sentTime: m.sentTime, counted: m.counted !== false, mentioned: false };
}

function seqOf(value, name) {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0`);
  return value;
}
