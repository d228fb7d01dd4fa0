/**
 * Stream sequencing: turns the messages of one stream a client receives, pushed (DELIVER) or pulled
 * (SYNC_RESULT), in any order and with any duplicates, into one sequence in which every seq of the stream
 * appears once, in order. A device follows two kinds of stream with the same rules (docs/protocol.md, "Delivery
 * and sync"): its inbox, by `inboxSeq` (`InboxSequencer`, mirroring the Java SDK's), and each of its groups, by
 * the group's conversation `seq` (`ConversationSequencer`).
 *
 * - seq <= cursor: a duplicate, dropped;
 * - seq == cursor + 1: dispatched, the cursor advances, and buffered successors follow;
 * - seq > cursor + 1: buffered, and the outcome reports a gap (the caller runs SYNC);
 * - seq == 0: a status message, dispatched at once and never buffered.
 *
 * A sync page is the server's word on a range: a hole inside it (an entry removed by retention, a group message
 * hidden from this member) is not a gap, and the cursor moves to the page's cursor.
 *
 * @module sequencer
 */

/** Beyond this many buffered messages the highest are dropped; sync fetches them again. */
export const DEFAULT_MAX_BUFFERED = 10_000;

/**
 * @typedef {object} Outcome
 * @property {object[]} dispatch the messages to hand to the listeners, in this order
 * @property {boolean} gap whether messages are buffered beyond a hole, so that a SYNC is needed
 * @property {number} cursor the cursor after the input
 */

/** Sequences one stream; `seqOf` says which field of a message is its seq in that stream. */
export class StreamSequencer {
  /**
   * @param {(message: object) => number} seqOf the message's seq in this stream (0 for a status message)
   * @param {number} [cursor=0] the last seq of the stream already processed
   * @param {number} [maxBuffered=DEFAULT_MAX_BUFFERED] how many out-of-order messages to hold at most
   */
  constructor(seqOf, cursor = 0, maxBuffered = DEFAULT_MAX_BUFFERED) {
    if (typeof seqOf !== 'function') throw new TypeError('seqOf must be a function');
    if (!Number.isSafeInteger(cursor) || cursor < 0) throw new RangeError(`cursor must be >= 0: ${cursor}`);
    if (!Number.isSafeInteger(maxBuffered) || maxBuffered < 1) {
      throw new RangeError(`maxBuffered must be >= 1: ${maxBuffered}`);
    }
    /** @private @type {Map<number, object>} */
    this._buffered = new Map();
    this._maxBuffered = maxBuffered;
    this._cursor = cursor;
    /** @private */
    this._seqOf = seqOf;
  }

  /** The last seq dispatched (or skipped on the server's word). @returns {number} */
  get cursor() {
    return this._cursor;
  }

  /** Whether messages wait beyond a hole. @returns {boolean} */
  hasGap() {
    return this._buffered.size > 0;
  }

  /** @returns {number} how many messages are buffered */
  get bufferedCount() {
    return this._buffered.size;
  }

  /** @returns {number} the highest seq buffered beyond the hole, or the cursor when nothing is */
  get highestBuffered() {
    let highest = this._cursor;
    for (const seq of this._buffered.keys()) if (seq > highest) highest = seq;
    return highest;
  }

  /**
   * A pushed message (DELIVER).
   * @param {object} message
   * @returns {Outcome}
   */
  accept(message) {
    const out = [];
    const seq = this._seqOf(message) || 0;
    if (seq === 0) {
      out.push(message);
    } else if (seq === this._cursor + 1) {
      out.push(message);
      this._cursor = seq;
      this._drainContiguous(out);
    } else if (seq > this._cursor + 1) {
      if (!this._buffered.has(seq)) this._buffered.set(seq, message);
      this._trim();
    }
    return this._outcome(out);
  }

  /**
   * A page of SYNC_RESULT. Its messages and the buffered ones up to the page's end are dispatched in seq
   * order, holes included; then the cursor is at least `pageCursor`, and buffered successors follow.
   * @param {object[]|null|undefined} messages the page's messages of this stream, in seq order
   * @param {number} pageCursor the page's cursor for this stream (`inboxCursor`, or the conversation's
   *   `afterSeq` in `conversationCursors`): every seq up to it was sent or is not there for this device
   * @returns {Outcome}
   */
  acceptSyncPage(messages, pageCursor) {
    const out = [];
    let upTo = pageCursor || 0;
    for (const m of messages || []) {
      const seq = this._seqOf(m) || 0;
      if (seq === 0) {
        out.push(m); // not expected in a page, but a status message is never sequenced
      } else if (seq > this._cursor) {
        if (!this._buffered.has(seq)) this._buffered.set(seq, m);
        upTo = Math.max(upTo, seq);
      }
    }
    if (upTo > this._cursor) {
      // the server vouches for everything up to upTo: no hole below it will fill later
      for (const seq of this._sortedKeys()) {
        if (seq > upTo) break;
        out.push(this._buffered.get(seq));
        this._buffered.delete(seq);
      }
      this._cursor = upTo;
    }
    this._drainContiguous(out);
    this._trim();
    return this._outcome(out);
  }

  /**
   * Gives up on the hole below the buffered messages (sync has repeatedly said there is nothing there):
   * dispatches everything buffered, in order.
   * @returns {Outcome}
   */
  skipGap() {
    const keys = this._sortedKeys();
    const out = keys.map((k) => this._buffered.get(k));
    if (keys.length > 0) this._cursor = keys[keys.length - 1];
    this._buffered.clear();
    return this._outcome(out);
  }

  /** @private */
  _outcome(dispatch) {
    return { dispatch, gap: this.hasGap(), cursor: this._cursor };
  }

  /** @private */
  _sortedKeys() {
    return [...this._buffered.keys()].sort((a, b) => a - b);
  }

  /** @private */
  _trim() {
    if (this._buffered.size <= this._maxBuffered) return;
    const keys = this._sortedKeys();
    for (let i = keys.length - 1; this._buffered.size > this._maxBuffered; i--) this._buffered.delete(keys[i]);
  }

  /** @private drop buffered duplicates the cursor has passed, then take contiguous successors */
  _drainContiguous(out) {
    if (this._buffered.size === 0) return;
    for (const seq of this._sortedKeys()) {
      if (seq <= this._cursor) {
        this._buffered.delete(seq);
      } else if (seq === this._cursor + 1) {
        out.push(this._buffered.get(seq));
        this._buffered.delete(seq);
        this._cursor = seq;
      } else {
        break;
      }
    }
  }
}

/** The inbox: sequenced by `inboxSeq`. */
export class InboxSequencer extends StreamSequencer {
  /**
   * @param {number} [cursor=0] the last inbox seq already processed
   * @param {number} [maxBuffered=DEFAULT_MAX_BUFFERED] how many out-of-order messages to hold at most
   */
  constructor(cursor = 0, maxBuffered = DEFAULT_MAX_BUFFERED) {
    super((m) => m.inboxSeq, cursor, maxBuffered);
  }
}

/** A conversation followed by cursor (a group): sequenced by its conversation `seq`. */
export class ConversationSequencer extends StreamSequencer {
  /**
   * @param {number} [cursor=0] the last seq of the conversation already processed
   * @param {number} [maxBuffered=DEFAULT_MAX_BUFFERED] how many out-of-order messages to hold at most
   */
  constructor(cursor = 0, maxBuffered = DEFAULT_MAX_BUFFERED) {
    super((m) => m.seq, cursor, maxBuffered);
  }
}
