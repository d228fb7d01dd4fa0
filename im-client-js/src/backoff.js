/**
 * Exponential reconnect backoff with "equal jitter": attempt n waits a random time in `[base/2, base]`
 * where `base = min(max, initial * 2^n)`, so that many clients dropped at once do not come back at once,
 * and the wait still grows. Mirrors the Java SDK's `Backoff`.
 *
 * @module backoff
 */

const MAX_SHIFT = 30;

export class Backoff {
  /**
   * @param {number} initialMs the ceiling of the first delay, > 0
   * @param {number} maxMs the largest ceiling, >= initialMs
   * @param {() => number} [random=Math.random] values in [0, 1)
   */
  constructor(initialMs, maxMs, random = Math.random) {
    if (!(initialMs > 0) || !(maxMs >= initialMs)) {
      throw new RangeError(`need 0 < initial <= max: ${initialMs}, ${maxMs}`);
    }
    this._initial = initialMs;
    this._max = maxMs;
    this._random = random;
    this._attempt = 0;
  }

  /** The delay in milliseconds before the next attempt; each call counts as one more attempt. @returns {number} */
  next() {
    const base = this.ceiling(this._attempt);
    if (this._attempt < MAX_SHIFT) this._attempt++;
    const half = base / 2;
    const jitter = this._random() * (base - half);
    return Math.round(half + Math.min(jitter, base - half));
  }

  /**
   * The largest delay `next()` can return for the given attempt.
   * @param {number} attemptIndex 0-based
   * @returns {number}
   */
  ceiling(attemptIndex) {
    const shift = Math.min(attemptIndex, MAX_SHIFT);
    return Math.min(this._initial * 2 ** shift, this._max);
  }

  /** After a successful connection: the next failure starts from the initial delay again. */
  reset() {
    this._attempt = 0;
  }

  /** @returns {number} how many delays were handed out since the last reset */
  get attempts() {
    return this._attempt;
  }
}
