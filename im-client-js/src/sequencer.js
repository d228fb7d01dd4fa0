/**
 * Inbox sequencing: turns the inbox messages a client receives, pushed (DELIVER) or pulled (SYNC_RESULT),
 * in any order and with any duplicates, into one stream in which every inbox seq appears once, in order.
 * Mirrors the Java SDK's `InboxSequencer`.
 *
 * - `inboxSeq` <= cursor: a duplicate, dropped;
 * - `inboxSeq` == cursor + 1: dispatched, the cursor advances, and buffered successors follow;
 * - `inboxSeq` > cursor + 1: buffered, and the outcome reports a gap (the caller runs SYNC);
 * - `inboxSeq` == 0: a status message, dispatched at once and never buffered.
 *
 * A sync page is the server's word on a range: a hole inside it (an entry removed by retention) is not a
 * gap, and the cursor moves to the page's cursor.
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

export class InboxSequencer {
  /**
   * @param {number} [cursor=0] the last inbox seq already processed
   * @param {number} [maxBuffered=DEFAULT_MAX_BUFFERED] how many out-of-order messages to hold at most
   */
  constructor(cursor = 0, maxBuffered = DEFAULT_MAX_BUFFERED) {
    if (!Number.isSafeInteger(cursor) || cursor < 0) throw new RangeError(`cursor must be >= 0: ${cursor}`);
    if (!Number.isSafeInteger(maxBuffered) || maxBuffered < 1) {
      throw new RangeError(`maxBuffered must be >= 1: ${maxBuffered}`);
    }
    /** @private @type {Map<number, object>} */
    this._buffered = new Map();
    this._maxBuffered = maxBuffered;
    this._cursor = cursor;
  }

  /** The last inbox seq dispatched (or skipped on the server's word). @returns {number} */
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

  /**
   * A pushed message (DELIVER).
   * @param {{inboxSeq?: number}} message
   * @returns {Outcome}
   */
  accept(message) {
    const out = [];
    const seq = message.inboxSeq || 0;
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
   * @param {object[]|null|undefined} messages the page's inbox messages, in inbox-seq order
   * @param {number} pageCursor the page's `inboxCursor`: every entry up to it was sent or no longer exists
   * @returns {Outcome}
   */
  acceptSyncPage(messages, pageCursor) {
    const out = [];
    let upTo = pageCursor || 0;
    for (const m of messages || []) {
      const seq = m.inboxSeq || 0;
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
