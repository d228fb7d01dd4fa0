/**
 * The groups a device follows by conversation cursor (read diffusion; docs/protocol.md, "Delivery and sync" and
 * "Groups: one log read by every member"): one `ConversationSequencer` per group, which groups SYNC must pull and
 * from where, the heads pass after each CONNACK, and when a group's cursor is dropped. Pure state, no I/O: the
 * client writes the SYNCs this plans, hands their answers back, and dispatches and persists what comes out.
 *
 * A group message (conversationType 3) comes with `inboxSeq` 0 and the group's gapless `seq`; ultragroup channels
 * (type 10) are followed by the ultragroup helper instead, and private chats through the inbox.
 *
 * @module conversation-streams
 */
import { ConversationSequencer, DEFAULT_MAX_BUFFERED } from './sequencer.js';

/** RongCloud's conversation type of a group. */
export const GROUP = 3;
/** How many pulls that find nothing below buffered messages are tolerated before the hole is skipped. */
export const MAX_FUTILE_PULLS = 3;

/**
 * A conversation's key in cursor stores and in this module: `<conversationType>:<targetId>`, e.g. `3:team`.
 * @param {number} conversationType @param {string} targetId @returns {string}
 */
export function conversationKey(conversationType, targetId) {
  return `${conversationType}:${targetId}`;
}

/** The conversation a key names. @param {string} key @returns {{conversationType: number, targetId: string}} */
export function parseConversationKey(key) {
  const colon = key.indexOf(':');
  if (colon <= 0) throw new TypeError(`not a conversation key: ${key}`);
  return { conversationType: Number(key.slice(0, colon)), targetId: key.slice(colon + 1) };
}

/**
 * Whether a message belongs to a group's stream: a stored group message (`seq` above 0) that is no inbox entry
 * (a group message directed at some members only is an inbox entry, `inboxSeq` above 0, and is sequenced there).
 * @param {object} message a WireMessage @returns {boolean}
 */
export function isGroupStreamMessage(message) {
  return message.conversationType === GROUP && !(message.inboxSeq > 0) && message.seq > 0;
}

/**
 * @typedef {object} StreamOutcome
 * @property {string} key the conversation's key
 * @property {object[]} dispatch the messages to hand to the listeners, in this order
 * @property {number} cursor the conversation's cursor after the input
 * @property {boolean} gap whether messages wait beyond a hole (a pull is planned)
 */

export class ConversationStreams {
  /**
   * @param {{retryMs?: number, maxBuffered?: number}} [options] `retryMs`: how long a pull that found nothing
   *   below buffered messages waits before it is tried again
   */
  constructor({ retryMs = 500, maxBuffered = DEFAULT_MAX_BUFFERED } = {}) {
    /** @private @type {Map<string, {seq: ConversationSequencer, target: number, futile: number, retryAt: number, solo: boolean}>} */
    this._streams = new Map();
    /** @private */ this._retryMs = retryMs;
    /** @private */ this._maxBuffered = maxBuffered;
    /** @private the heads pass under way, or null */
    this._pass = null;
  }

  /**
   * Takes the cursors a store kept (before the first connection).
   * @param {Iterable<[string, number]>} entries `[key, cursor]` pairs
   */
  load(entries) {
    for (const [key, cursor] of entries) {
      const n = Number(cursor);
      if (Number.isSafeInteger(n) && n >= 0 && !this._streams.has(key)) this._create(key, n);
    }
  }

  /** @returns {string[]} the keys of the conversations followed */
  keys() {
    return [...this._streams.keys()];
  }

  /** The cursor of a conversation, or undefined when it is not followed. @param {string} key @returns {number|undefined} */
  cursor(key) {
    const s = this._streams.get(key);
    return s ? s.seq.cursor : undefined;
  }

  /**
   * A pushed message of a group's stream (see `isGroupStreamMessage`). A group this device has no cursor for
   * starts at 0 (the server serves only what the member may see), or, during a heads pass from the head (a fresh
   * device with `freshDeviceFromHead`), just below this message: it is among the first committed after CONNACK.
   * @param {object} message @returns {StreamOutcome}
   */
  accept(message) {
    const key = conversationKey(message.conversationType, message.targetId);
    let s = this._streams.get(key);
    if (!s) s = this._create(key, this._pass && this._pass.fromHead ? message.seq - 1 : 0);
    if (this._pass) this._pass.touched.add(key);
    const out = s.seq.accept(message);
    return { key, ...out };
  }

  // ------------------------------------------------------------------ heads

  /**
   * Starts a heads pass (after each CONNACK). With `fromHead`, groups without a cursor start at their head
   * instead of 0.
   * @param {boolean} fromHead
   */
  beginHeads(fromHead) {
    this._pass = { fromHead, listed: new Set(), touched: new Set(), known: new Set(this._streams.keys()) };
  }

  /**
   * One page of heads: every group whose head is above its cursor is planned for a pull.
   * @param {Array<{conversationType: number, targetId: string, seq: number}>} heads
   * @returns {Array<{key: string, cursor: number}>} the groups that started at their head (to persist)
   */
  heads(heads) {
    const startedAtHead = [];
    for (const h of heads || []) {
      const key = conversationKey(h.conversationType, h.targetId);
      const head = Number(h.seq) || 0;
      if (this._pass) this._pass.listed.add(key);
      let s = this._streams.get(key);
      if (!s) {
        const fromHead = Boolean(this._pass && this._pass.fromHead);
        s = this._create(key, fromHead ? head : 0);
        if (fromHead && head > 0) startedAtHead.push({ key, cursor: head });
      }
      s.target = Math.max(s.target, head);
    }
    return startedAtHead;
  }

  /**
   * The last heads page came: a group that was followed before the pass and was neither listed nor heard from
   * during it is no longer the user's (left, removed, dismissed): its cursor is dropped.
   * @returns {string[]} the keys dropped
   */
  endHeads() {
    const pass = this._pass;
    this._pass = null;
    if (!pass) return [];
    const dropped = [];
    for (const key of pass.known) {
      if (!pass.listed.has(key) && !pass.touched.has(key) && this._streams.has(key)) {
        this._streams.delete(key);
        dropped.push(key);
      }
    }
    return dropped;
  }

  /** A heads pass cut short (the connection dropped): the next CONNACK starts another. */
  abandonHeads() {
    this._pass = null;
  }

  // ------------------------------------------------------------------ pulls

  /**
   * The conversation cursors of the next SYNC: the conversations below their known head or with a hole, except
   * those waiting after a futile pull. A conversation whose batch was refused is pulled alone.
   * @param {number} now @param {number} max how many conversations one SYNC may carry
   * @returns {Array<{conversationType: number, targetId: string, afterSeq: number}>}
   */
  nextPull(now, max) {
    const batch = [];
    for (const [key, s] of this._streams) {
      if (!this._wantsPull(s) || s.retryAt > now) continue;
      const cursor = { ...parseConversationKey(key), afterSeq: s.seq.cursor };
      if (s.solo) return [cursor];
      if (batch.length < max) batch.push(cursor);
    }
    return batch;
  }

  /** When the earliest waiting pull may go, or 0 when none waits. @returns {number} */
  nextRetryAt() {
    let at = 0;
    for (const s of this._streams.values()) {
      if (this._wantsPull(s) && s.retryAt > 0 && (at === 0 || s.retryAt < at)) at = s.retryAt;
    }
    return at;
  }

  /**
   * The answer to a SYNC that carried conversation cursors: each conversation's messages go through its
   * sequencer, and its cursor moves to where the page ended (`conversationCursors`), hidden seqs included.
   * @param {Array<{conversationType: number, targetId: string, afterSeq: number}>} sent the cursors sent
   * @param {{conversationMessages?: object[], conversationCursors?: object[]}} page the SYNC_RESULT
   * @param {number} now
   * @returns {{outcomes: StreamOutcome[], progress: boolean}} `progress`: some conversation's page covered more
   */
  acceptPage(sent, page, now) {
    const messages = new Map();
    for (const m of page.conversationMessages || []) {
      const key = conversationKey(m.conversationType, m.targetId);
      if (!messages.has(key)) messages.set(key, []);
      messages.get(key).push(m);
    }
    const sentAfter = new Map(sent.map((c) => [conversationKey(c.conversationType, c.targetId), c.afterSeq]));
    const outcomes = [];
    let progress = false;
    for (const c of page.conversationCursors || []) {
      const key = conversationKey(c.conversationType, c.targetId);
      const s = this._streams.get(key);
      if (!s || !sentAfter.has(key)) continue; // dropped meanwhile, or not asked for
      const pageCursor = Number(c.afterSeq) || 0;
      const out = s.seq.acceptSyncPage(messages.get(key), pageCursor);
      const dispatch = [...out.dispatch];
      s.solo = false;
      if (pageCursor > sentAfter.get(key)) {
        progress = true;
        s.futile = 0;
        s.retryAt = 0;
      } else {
        // nothing beyond the cursor: the page is at the head this member may read
        s.target = Math.min(s.target, s.seq.cursor);
        if (s.seq.hasGap()) {
          // a DELIVER beyond a seq the server does not serve yet: try again shortly, then give up on the hole
          if (++s.futile >= MAX_FUTILE_PULLS) {
            dispatch.push(...s.seq.skipGap().dispatch);
            s.futile = 0;
            s.retryAt = 0;
          } else {
            s.retryAt = now + this._retryMs;
          }
        }
      }
      outcomes.push({ key, dispatch, cursor: s.seq.cursor, gap: s.seq.hasGap() });
    }
    return { outcomes, progress };
  }

  /**
   * A SYNC carrying these cursors was refused because the user is not a member of one of them (22406). Pulled
   * alone, the one refused is known: its cursor is dropped; in a batch, each is pulled alone next.
   * @param {Array<{conversationType: number, targetId: string}>} sent @returns {string[]} the keys dropped
   */
  refused(sent) {
    const keys = sent.map((c) => conversationKey(c.conversationType, c.targetId));
    if (keys.length === 1) {
      if (!this._streams.delete(keys[0])) return [];
      return keys;
    }
    for (const key of keys) {
      const s = this._streams.get(key);
      if (s) s.solo = true;
    }
    return [];
  }

  /** @private */
  _wantsPull(s) {
    return s.seq.cursor < s.target || s.seq.hasGap();
  }

  /** @private */
  _create(key, cursor) {
    const s = { seq: new ConversationSequencer(Math.max(0, cursor), this._maxBuffered), target: 0, futile: 0,
      retryAt: 0, solo: false };
    this._streams.set(key, s);
    return s;
  }
}
