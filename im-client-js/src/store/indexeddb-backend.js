/**
 * The IndexedDB backend of a message store: one database per app and user. Layout (version 1):
 *
 * - `messages`, key `messageUid`: the message records, with indexes `key` (`[conversation key, sentTime]`: a
 *   conversation's history), `time` (`sentTime`: everything by time) and `term` (multi-entry, `[term, sentTime]`
 *   for each index term of the searchable text: search, newest first);
 * - `conversations`, key `key` (`<conversationType>:<targetId>`): last message, unread and mention counts, read
 *   position, draft, pinned, muted;
 * - `meta`, out-of-line keys: the sync cursors (`cursor`, `cursor:<conversation key>`).
 *
 * Each transaction of the store is one IndexedDB transaction over the three, opened in the order they were asked
 * for, so a read asked for after a write sees it. When the database cannot be opened (no IndexedDB, private
 * mode, a failed upgrade), the store keeps its data in memory instead.
 *
 * @module store/indexeddb-backend
 */
import { memoryBackend } from './memory-backend.js';

export const DB_VERSION = 1;
const STORES = ['messages', 'conversations', 'meta'];

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/** The record as stored: each term with the sentTime, for the multi-entry index. */
const toStored = (r) => ({ ...r, terms: r.terms.map((t) => [t, r.sentTime]) });
const fromStored = (v) => (v ? { ...v, terms: v.terms.map((k) => k[0]) } : v);

function openDatabase(indexedDB, name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('messages')) {
        const messages = db.createObjectStore('messages', { keyPath: 'messageUid' });
        messages.createIndex('key', ['key', 'sentTime']);
        messages.createIndex('time', 'sentTime');
        messages.createIndex('term', 'terms', { multiEntry: true });
      }
      if (!db.objectStoreNames.contains('conversations')) db.createObjectStore('conversations', { keyPath: 'key' });
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // another tab wipes or upgrades: let it
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`database ${name} is blocked by an older version open elsewhere`));
  });
}

/** The operations of one IndexedDB transaction, as the store logic uses them. */
function operations(t, IDBKeyRange) {
  const messages = t.objectStore('messages');
  const conversations = t.objectStore('conversations');
  const meta = t.objectStore('meta');
  return {
    getMessage: async (uid) => fromStored(await done(messages.get(uid))),
    putMessage: (r) => done(messages.put(toStored(r))),
    deleteMessage: (uid) => done(messages.delete(uid)),
    walk: ({ term, key }, { lo, hi, hiUid }, visit) => new Promise((resolve, reject) => {
      const upperOpen = hiUid === undefined;
      if (lo > hi || (lo === hi && upperOpen)) { resolve(); return; }
      let source;
      let range;
      if (term !== undefined) {
        source = messages.index('term');
        range = IDBKeyRange.bound([term, lo], [term, hi], false, upperOpen);
      } else if (key !== undefined) {
        source = messages.index('key');
        range = IDBKeyRange.bound([key, lo], [key, hi], false, upperOpen);
      } else {
        source = messages.index('time');
        range = IDBKeyRange.bound(lo, hi, false, upperOpen);
      }
      const request = source.openCursor(range, 'prev');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) { resolve(); return; }
        const v = cursor.value;
        if (!upperOpen && v.sentTime === hi && v.messageUid >= hiUid) { cursor.continue(); return; }
        let more;
        try {
          more = visit(fromStored(v));
        } catch (e) {
          reject(e);
          return;
        }
        if (more === false) resolve();
        else cursor.continue();
      };
    }),
    getConversation: (key) => done(conversations.get(key)),
    putConversation: (c) => done(conversations.put(c)),
    deleteConversation: (key) => done(conversations.delete(key)),
    conversations: () => done(conversations.getAll()),
    getMeta: (name) => done(meta.get(name)),
    putMeta: (name, value) => done(meta.put(value, name)),
    deleteMeta: (name) => done(meta.delete(name)),
    metaEntries: async () => {
      const [keys, values] = await Promise.all([done(meta.getAllKeys()), done(meta.getAll())]);
      return keys.map((k, i) => [k, values[i]]);
    },
  };
}

/**
 * An IndexedDB backend over the database `name`, opened at the first transaction.
 * @param {IDBFactory} indexedDB @param {typeof IDBKeyRange} IDBKeyRange @param {string} name
 * @returns {import('./message-store.js').Backend}
 */
export function indexedDbBackend(indexedDB, IDBKeyRange, name) {
  /** @type {Promise<{db?: IDBDatabase, memory?: object}>|null} */
  let ready = null;
  const target = () => {
    if (!ready) {
      ready = openDatabase(indexedDB, name).then((db) => ({ db }), () => ({ memory: memoryBackend() }));
    }
    return ready;
  };
  const backend = {
    kind: 'indexeddb',
    name,
    transaction(mode, fn) {
      return target().then(({ db, memory }) => {
        if (memory) {
          backend.kind = 'memory';
          return memory.transaction(mode, fn);
        }
        return new Promise((resolve, reject) => {
          let t;
          try {
            t = db.transaction(STORES, mode);
          } catch (e) {
            reject(e); // closed by a wipe elsewhere
            return;
          }
          let result;
          let failed = null;
          t.oncomplete = () => (failed ? reject(failed) : resolve(result));
          t.onabort = () => reject(failed || t.error || new Error('transaction aborted'));
          Promise.resolve().then(() => fn(operations(t, IDBKeyRange))).then((r) => { result = r; }, (e) => {
            failed = e;
            try { t.abort(); } catch { /* already finished */ }
          });
        });
      });
    },
    /** Deletes the database (after closing this connection); the next transaction starts an empty one. */
    async wipe() {
      const current = ready;
      ready = null;
      if (current) {
        const { db, memory } = await current;
        if (memory) await memory.wipe();
        if (db) db.close();
      }
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
    },
    async close() {
      const current = ready;
      ready = null;
      if (current) {
        const { db } = await current;
        if (db) db.close();
      }
    },
  };
  return backend;
}
