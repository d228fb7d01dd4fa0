/**
 * Message stores: where a client keeps messages, conversations and cursors on the device (see MessageStore).
 *
 * @module store
 */
import { MessageStore } from './message-store.js';
import { memoryBackend } from './memory-backend.js';
import { indexedDbBackend } from './indexeddb-backend.js';

export { MessageStore } from './message-store.js';
export { fold, indexTerms, queryTerm, queryTerms, matches } from './text.js';
export { SEARCHABLE, searchableText } from './searchable.js';

/**
 * A message store in memory: gone with the page (or process); for tests, and where IndexedDB is missing.
 * @param {{userId?: string}} [options] the user whose store it is (else the client's user at its first connection)
 * @returns {MessageStore}
 */
export function memoryMessageStore({ userId } = {}) {
  return new MessageStore(memoryBackend(), { userId });
}

/**
 * The IndexedDB database name of an app's user: `parley:<appKey>:<userId>`.
 * @param {string} appKey @param {string} userId @returns {string}
 */
export function messageDatabaseName(appKey, userId) {
  return `parley:${appKey}:${userId}`;
}

/**
 * A message store in IndexedDB, one database per app and user (`parley:<appKey>:<userId>`), so that two users of
 * one browser never share one. Without IndexedDB (or when it cannot be opened) the store keeps its data in memory
 * (`store.kind` says 'memory').
 * @param {{appKey: string, userId: string, indexedDB?: IDBFactory, IDBKeyRange?: typeof IDBKeyRange}} options
 *   `indexedDB` and `IDBKeyRange` default to the global ones (pass both from `fake-indexeddb` on Node)
 * @returns {MessageStore}
 */
export function indexedDbMessageStore({ appKey, userId, indexedDB = globalThis.indexedDB,
  IDBKeyRange = globalThis.IDBKeyRange } = {}) {
  if (!appKey || !userId) throw new TypeError('appKey and userId are required');
  if (!indexedDB || !IDBKeyRange) return memoryMessageStore({ userId });
  return new MessageStore(indexedDbBackend(indexedDB, IDBKeyRange, messageDatabaseName(appKey, userId)), { userId });
}
