/**
 * The IndexedDB backend of a message store: one database per app and user. Layout (version 1):
 *
 * - `messages`, key `messageUid`: the message records, with indexes `key` (`[conversation key, sentTime]`: a
 *   conversation's history), `sender` (`[fromUserId, sentTime]`) and `time` (`sentTime`);
 * - `postings`, key `[sentTime, messageUid]`: one small record per message, `{sentTime, messageUid, terms}`, whose
 *   multi-entry index `term` (`[term, sentTime]` for each of the message's index terms) is the search index,
 *   read newest first by key alone (a search intersects its terms before it reads any message);
 * - `conversations`, key `key` (`<conversationType>:<targetId>`): last message, unread and mention counts, read
 *   position, draft, pinned, muted;
 * - `meta`, out-of-line keys: the sync cursors (`cursor`, `cursor:<conversation key>`).
 *
 * Each transaction of the store is one IndexedDB transaction over these, opened in the order they were asked for,
 * so a read asked for after a write sees it. Batches are read with `getAll`/`getAllKeys` newest first where the
 * browser takes a direction (IndexedDB 3), else with cursors. When the database cannot be opened (no IndexedDB,
 * private mode, a failed upgrade), the store keeps its data in memory instead.
 *
 * @module store/indexeddb-backend
 */
import { memoryBackend } from './memory-backend.js';

export const DB_VERSION = 1;
const STORES = ['messages', 'postings', 'conversations', 'meta'];

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

function openDatabase(indexedDB, name, onClosed) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      const messages = db.createObjectStore('messages', { keyPath: 'messageUid' });
      messages.createIndex('key', ['key', 'sentTime']);
      messages.createIndex('sender', ['fromUserId', 'sentTime']);
      messages.createIndex('time', 'sentTime');
      db.createObjectStore('postings', { keyPath: ['sentTime', 'messageUid'] })
        .createIndex('term', 'terms', { multiEntry: true });
      db.createObjectStore('conversations', { keyPath: 'key' });
      db.createObjectStore('meta');
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { // another tab (or store) wipes or upgrades: let it, and open again when used
        db.close();
        onClosed(db);
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`database ${name} is blocked by an older version open elsewhere`));
  });
}

/** A message's postings record: its index terms, each with its sentTime (the index key). */
const postingOf = (r) => ({ sentTime: r.sentTime, messageUid: r.messageUid, terms: r.terms.map((t) => [t, r.sentTime]) });
const sameTerms = (a, b) => a.sentTime === b.sentTime && a.terms.length === b.terms.length
  && a.terms.every((t, i) => t === b.terms[i]);
const hasDirection = (source) => typeof source.getAllRecords === 'function';

/** The operations of one IndexedDB transaction, as the store logic uses them. */
function operations(t, IDBKeyRange) {
  const messages = t.objectStore('messages');
  const postings = t.objectStore('postings');
  const conversations = t.objectStore('conversations');
  const meta = t.objectStore('meta');
  const terms = postings.index('term');
  return {
    getMessage: (uid) => done(messages.get(uid)),
    /** `old`: the stored record (null: none) when the caller knows it, else read here. */
    async putMessage(r, old) {
      if (old === undefined) old = await done(messages.get(r.messageUid));
      const writes = [done(messages.put(r))];
      if (old && old.sentTime !== r.sentTime) writes.push(done(postings.delete([old.sentTime, old.messageUid])));
      if (!old || !sameTerms(old, r)) writes.push(done(postings.put(postingOf(r))));
      await Promise.all(writes);
    },
    async deleteMessage(uid, old) {
      if (old === undefined) old = await done(messages.get(uid));
      if (!old) return;
      await Promise.all([done(messages.delete(uid)), done(postings.delete([old.sentTime, old.messageUid]))]);
    },
    scan: ({ key, sender }, { lo, hi, hiUid }) => {
      const upperOpen = hiUid === undefined;
      if (lo > hi || (lo === hi && upperOpen)) return { next: async () => [] };
      const [index, bound] = key !== undefined ? ['key', (x) => [key, x]]
        : sender !== undefined ? ['sender', (x) => [sender, x]] : ['time', (x) => x];
      const source = messages.index(index);
      const range = IDBKeyRange.bound(bound(lo), bound(hi), false, upperOpen);
      const skip = (v) => !upperOpen && v.sentTime === hi && v.messageUid >= hiUid;
      if (!hasDirection(source)) return cursorBatches(source, range, (c) => (skip(c.value) ? null : c.value), 'openCursor');
      const fetch = (query, count) => done(source.getAll({ query, count, direction: 'prev' }));
      return pages(fetch, range, bound, lo, skip, IDBKeyRange);
    },
    termScan: (term, { lo, hi, hiUid }) => {
      const upperOpen = hiUid === undefined;
      if (lo > hi || (lo === hi && upperOpen)) return { next: async () => [] };
      const bound = (x) => [term, x];
      const range = IDBKeyRange.bound(bound(lo), bound(hi), false, upperOpen);
      // the primary keys of the postings are [sentTime, messageUid]: enough to page, intersect and read
      const lite = ([sentTime, messageUid]) => ({ sentTime, messageUid });
      const skip = (p) => !upperOpen && p.sentTime === hi && p.messageUid >= hiUid;
      if (!hasDirection(terms)) {
        return cursorBatches(terms, range, (c) => { const p = lite(c.primaryKey); return skip(p) ? null : p; }, 'openKeyCursor');
      }
      const fetch = async (query, count) => (await done(terms.getAllKeys({ query, count, direction: 'prev' }))).map(lite);
      return pages(fetch, range, bound, lo, skip, IDBKeyRange);
    },
    termExists: async (term, lo, hi) => (await done(terms.getKey(IDBKeyRange.bound([term, lo], [term, hi])))) !== undefined,
    termUids: async (term, lo, hi) => new Set((await done(terms.getAllKeys(
      IDBKeyRange.bound([term, lo], [term, hi])))).map((k) => k[1])),
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
 * Reads an index newest first a batch at a time, with `fetch(query, count)` (a `getAll` or `getAllKeys` with the
 * direction 'prev', giving items with `sentTime` and `messageUid`): each batch starts at the last sentTime of the
 * one before (what was seen there is skipped; a batch all in one millisecond reads that millisecond whole).
 */
function pages(fetch, range, bound, lo, skip, IDBKeyRange) {
  let query = range;
  let last = null;
  let ended = false;
  return {
    async next(count) {
      const unseen = (v) => !skip(v) && !(last && v.sentTime === last.sentTime && v.messageUid >= last.messageUid);
      while (!ended) {
        const items = await fetch(query, count);
        if (items.length < count) ended = true;
        if (items.length === 0) break;
        let fresh = items.filter(unseen);
        const t = items[items.length - 1].sentTime;
        if (!ended && items[0].sentTime === t) {
          fresh = (await fetch(IDBKeyRange.only(bound(t)), undefined)).filter(unseen);
          last = null;
          if (lo < t) query = IDBKeyRange.bound(bound(lo), bound(t), false, true);
          else ended = true;
        } else {
          last = items[items.length - 1];
          query = IDBKeyRange.bound(bound(lo), bound(t), false, false);
        }
        if (fresh.length > 0) return fresh;
      }
      return [];
    },
  };
}

/** Reads newest first with a cursor, a batch at a time (where getAll takes no direction); `pick` may skip (null). */
function cursorBatches(source, range, pick, open) {
  let cursor = null;
  let ended = false;
  return {
    next(count) {
      if (ended) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        const batch = [];
        const step = (request) => {
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            cursor = request.result;
            if (!cursor) {
              ended = true;
              resolve(batch);
              return;
            }
            const item = pick(cursor);
            if (item !== null) batch.push(item);
            if (batch.length >= count) resolve(batch);
            else cursor.continue();
          };
        };
        if (cursor) {
          step(cursor.request);
          cursor.continue();
        } else {
          step(source[open](range, 'prev'));
        }
      });
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
      const opening = openDatabase(indexedDB, name, () => { if (ready === opening) ready = null; })
        .then((db) => ({ db }), () => ({ memory: memoryBackend() }));
      ready = opening;
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
