/**
 * @parley/im-client: the JavaScript client SDK of Parley.
 * @module @parley/im-client
 */
export {
  ParleyClient, ParleyError, Status, ErrorCodes, TOKEN_CODES, REFUSAL_CODES, KICKED_CODE, NOT_IN_GROUP, randomUuid,
} from './client.js';
export {
  StreamSequencer, InboxSequencer, ConversationSequencer, DEFAULT_MAX_BUFFERED,
} from './sequencer.js';
export {
  ConversationStreams, GROUP, conversationKey, parseConversationKey, isGroupStreamMessage,
} from './conversation-streams.js';
export { BusyRetry, SERVER_BUSY } from './busy-retry.js';
export { Backoff } from './backoff.js';
export {
  UltragroupClient, ULTRA_GROUP, MODIFY_NOTE, MAX_HISTORY_PAGE, parseChannelTarget, channelTarget, editOf,
} from './ultragroup.js';

/**
 * A cursor store in memory: the inbox cursor and the group cursors (share one between clients of the same device).
 * @param {number} [initial=0] the inbox cursor
 * @returns {import('./client.js').CursorStore}
 */
export function memoryCursorStore(initial = 0) {
  let cursor = initial;
  const conversations = new Map();
  return {
    load: () => cursor,
    save: (n) => { cursor = Math.max(cursor, n); },
    loadConversations: () => new Map(conversations),
    saveConversation: (key, n) => { conversations.set(key, Math.max(conversations.get(key) || 0, n)); },
    deleteConversation: (key) => { conversations.delete(key); },
  };
}

/**
 * A cursor store in a Web Storage area (`localStorage`): the inbox cursor under `key`, each group's cursor under
 * `<key>:conversation:<conversationKey>` (e.g. `…:conversation:3:team`), so they survive page reloads. `load()`
 * gives null until the inbox cursor was saved (a fresh device, see the `freshDeviceFromHead` option).
 * @param {Storage} storage @param {string} key
 * @returns {import('./client.js').CursorStore}
 */
export function webStorageCursorStore(storage, key) {
  const prefix = `${key}:conversation:`;
  /** Cursors only move forward; the first save of a key writes even 0 (it marks the device as known). */
  const raise = (item, n) => {
    const old = storage.getItem(item);
    if (old === null || n > (Number(old) || 0)) storage.setItem(item, String(n));
  };
  return {
    load: () => (storage.getItem(key) === null ? null : Number(storage.getItem(key)) || 0),
    save: (n) => raise(key, n),
    loadConversations: () => {
      const cursors = new Map();
      for (let i = 0; i < storage.length; i++) {
        const item = storage.key(i);
        if (item !== null && item.startsWith(prefix)) cursors.set(item.slice(prefix.length), Number(storage.getItem(item)) || 0);
      }
      return cursors;
    },
    saveConversation: (conversation, n) => raise(prefix + conversation, n),
    deleteConversation: (conversation) => storage.removeItem(prefix + conversation),
  };
}
export {
  MessageStore, memoryMessageStore, indexedDbMessageStore, messageDatabaseName, fold, indexTerms, queryTerm, queryTerms, matches,
  SEARCHABLE, searchableText,
} from './store/index.js';
