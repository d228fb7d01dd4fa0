/**
 * @parley/im-client: the JavaScript client SDK of Parley.
 * @module @parley/im-client
 */
export { ParleyClient, ParleyError, Status, ErrorCodes, TOKEN_CODES, REFUSAL_CODES, KICKED_CODE, randomUuid } from './client.js';
export { InboxSequencer, DEFAULT_MAX_BUFFERED } from './sequencer.js';
export { Backoff } from './backoff.js';
export {
  UltragroupClient, ULTRA_GROUP, MODIFY_NOTE, MAX_HISTORY_PAGE, parseChannelTarget, channelTarget, editOf,
} from './ultragroup.js';

/**
 * A cursor store that keeps the inbox cursor in memory (share one between clients of the same device).
 * @param {number} [initial=0]
 * @returns {{load(): number, save(n: number): void}}
 */
export function memoryCursorStore(initial = 0) {
  let cursor = initial;
  return {
    load: () => cursor,
    save: (n) => { cursor = Math.max(cursor, n); },
  };
}

/**
 * A cursor store in a Web Storage area (`localStorage`), under `key`: the cursor survives page reloads.
 * `load()` gives null until a cursor was saved (a fresh device, see the `freshDeviceFromHead` option).
 * @param {Storage} storage @param {string} key
 * @returns {{load(): (number|null), save(n: number): void}}
 */
export function webStorageCursorStore(storage, key) {
  return {
    load: () => (storage.getItem(key) === null ? null : Number(storage.getItem(key)) || 0),
    save: (n) => {
      if (n > (Number(storage.getItem(key)) || 0)) storage.setItem(key, String(n));
    },
  };
}
