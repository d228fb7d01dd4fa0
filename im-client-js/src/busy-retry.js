/**
 * When to send again a message the server refused as busy (SEND_ACK code 33012, docs/protocol.md "Sending"):
 * nothing was stored, so the same `clientMsgId` is sent again after a backoff. The waits grow like the reconnect
 * backoff (`Backoff`, equal jitter): a random wait in `[base/2, base]`, `base` 100 ms doubling up to 5 s, so that
 * the senders a busy server refused together do not all come back together. A send is retried for up to 30 s
 * from its first refusal, or until its own deadline, whichever is sooner; then it fails with 33012.
 *
 * @module busy-retry
 */
import { Backoff } from './backoff.js';

/** The server is at its bound of work in flight; nothing was stored. */
export const SERVER_BUSY = 33012;

export class BusyRetry {
  /**
   * @param {{initialMs?: number, maxMs?: number, totalMs?: number, random?: () => number, now?: () => number}} [options]
   *   `initialMs` (100) the first ceiling, `maxMs` (5000) the largest, `totalMs` (30000) how long after the first
   *   refusal a send may still be retried
   */
  constructor({ initialMs = 100, maxMs = 5000, totalMs = 30_000, random = Math.random, now = Date.now } = {}) {
    if (!(totalMs >= 0)) throw new RangeError(`totalMs must be >= 0: ${totalMs}`);
    /** @private */ this._backoff = new Backoff(initialMs, maxMs, random);
    /** @private */ this._totalMs = totalMs;
    /** @private */ this._now = now;
    /** @private */ this._firstRefusal = null;
  }

  /**
   * After a refusal: how long to wait before the next attempt, or -1 when that attempt would come after the
   * retry budget or the send's deadline (the send then fails).
   * @param {number} [deadline=Infinity] the send's deadline (ms since the epoch)
   * @returns {number}
   */
  next(deadline = Infinity) {
    const now = this._now();
    if (this._firstRefusal === null) this._firstRefusal = now;
    const delay = this._backoff.next();
    const end = Math.min(this._firstRefusal + this._totalMs, deadline);
    return now + delay <= end ? delay : -1;
  }

  /** @returns {number} how many refusals were seen (calls to `next`) */
  get refusals() {
    return this._backoff.attempts;
  }
}
