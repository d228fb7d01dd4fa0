/**
 * A list of message records kept in (sentTime, messageUid) order, walked newest first: the in-memory backend's
 * stand-in for an IndexedDB index.
 *
 * @module store/sorted-records
 */

/** Orders records by sentTime, then messageUid (as IndexedDB orders an index's equal keys by primary key). */
export function compareRecords(a, b) {
  if (a.sentTime !== b.sentTime) return a.sentTime < b.sentTime ? -1 : 1;
  return a.messageUid < b.messageUid ? -1 : a.messageUid > b.messageUid ? 1 : 0;
}

export class SortedRecords {
  constructor() {
    /** @private */ this._items = [];
  }

  get size() {
    return this._items.length;
  }

  /** @private the first index whose record is not below `r` */
  _lowerBound(r) {
    let lo = 0;
    let hi = this._items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRecords(this._items[mid], r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds a record (mostly the newest: appended) or replaces the one of its messageUid and sentTime. */
  add(record) {
    const items = this._items;
    const last = items[items.length - 1];
    if (!last || compareRecords(last, record) < 0) {
      items.push(record);
      return;
    }
    const at = this._lowerBound(record);
    if (at < items.length && compareRecords(items[at], record) === 0) items[at] = record;
    else items.splice(at, 0, record);
  }

  /** Removes the record of that messageUid and sentTime. */
  remove(record) {
    const at = this._lowerBound(record);
    if (at < this._items.length && compareRecords(this._items[at], record) === 0) this._items.splice(at, 1);
  }

  /**
   * Reads records newest first within a range, a batch at a time.
   * @param {{lo: number, hi: number, hiUid?: string}} range sentTime ≥ lo and below hi (or, with hiUid, at hi with a
   *   smaller messageUid)
   * @returns {{next: (count: number) => object[]}} an empty batch at the end
   */
  scan({ lo, hi, hiUid }) {
    const items = this._items;
    let i = this._lowerBound({ sentTime: hi, messageUid: hiUid === undefined ? '' : hiUid }) - 1;
    return {
      next: (count) => {
        const batch = [];
        for (; i >= 0 && batch.length < count; i--) {
          if (items[i].sentTime < lo) { i = -1; break; }
          batch.push(items[i]);
        }
        return batch;
      },
    };
  }
}
