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
 * - `meta`, out-of-line keys: the sync cursors (`cursor`, `cursor:<conversation key>`), and the notes of search
 *   index owed (`index:<id>`: `{deletes, uids}`).
 *
 * Each transaction of the store is one IndexedDB transaction over these (a write over `messages`,
 * `conversations` and `meta`; a read over what it reads, or all), opened in the order they were asked for, so a
 * read asked for after a write sees it. A write's search index is written after it commits, by a transaction over
 * `postings` alone, which a search waits for (`indexed`); a note in `meta` written with the messages keeps it owed
 * until then, and a store opened later writes what a closed one left owed. Batches are read with `getAll`/`getAllKeys` newest first where the
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

/** The keys in `meta` of the notes of search index owed (`index:<id>` → `{deletes, uids}`). */
const NOTE = 'index:';
const NOTES = (IDBKeyRange) => IDBKeyRange.bound(NOTE, `${NOTE}\uffff`);
/** What a write transaction is over: not `postings` (so it never waits for the index being written). */
const WRITES = ['messages', 'conversations', 'meta'];

/**
 * The operations of one IndexedDB transaction, as the store logic uses them (over the object stores it was opened
 * on). The search index is not written here: `index` collects what to write (postings to delete, records to index),
 * and the transaction leaves a note of it in `meta`; a transaction of its own writes it (see indexedDbBackend).
 */
function operations(t, IDBKeyRange, index) {
  const store = (name) => t.objectStore(name);
  const messages = () => store('messages');
  const postings = () => store('postings');
  const conversations = () => store('conversations');
  const meta = () => store('meta');
  const terms = () => postings().index('term');
  return {
    getMessage: (uid) => done(messages().get(uid)),
    /** `old`: the stored record (null: none) when the caller knows it, else read here. */
    async putMessage(r, old) {
      if (old === undefined) old = await done(messages().get(r.messageUid));
      const write = done(messages().put(r));
      if (old && old.sentTime !== r.sentTime) index.deletes.push([old.sentTime, old.messageUid]);
      if (!old || old.sentTime !== r.sentTime || !sameTerms(old, r)) index.records.set(r.messageUid, r);
      await write;
    },
    async deleteMessage(uid, old) {
      if (old === undefined) old = await done(messages().get(uid));
      if (!old) return;
      index.records.delete(uid);
      index.deletes.push([old.sentTime, old.messageUid]);
      await done(messages().delete(uid));
    },
    scan: ({ key, sender }, { lo, hi, hiUid }) => {
      const upperOpen = hiUid === undefined;
      if (lo > hi || (lo === hi && upperOpen)) return { next: async () => [] };
      const [index, bound] = key !== undefined ? ['key', (x) => [key, x]]
        : sender !== undefined ? ['sender', (x) => [sender, x]] : ['time', (x) => x];
      const source = messages().index(index);
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
      const source = terms();
      if (!hasDirection(source)) {
        return cursorBatches(source, range, (c) => { const p = lite(c.primaryKey); return skip(p) ? null : p; }, 'openKeyCursor');
      }
      const fetch = async (query, count) => (await done(source.getAllKeys({ query, count, direction: 'prev' }))).map(lite);
      return pages(fetch, range, bound, lo, skip, IDBKeyRange);
    },
    termExists: async (term, lo, hi) => (await done(terms().getKey(IDBKeyRange.bound([term, lo], [term, hi])))) !== undefined,
    termUids: async (term, lo, hi) => new Set((await done(terms().getAllKeys(
      IDBKeyRange.bound([term, lo], [term, hi])))).map((k) => k[1])),
    getConversation: (key) => done(conversations().get(key)),
    putConversation: (c) => done(conversations().put(c)),
    deleteConversation: (key) => done(conversations().delete(key)),
    conversations: () => done(conversations().getAll()),
    getMeta: (name) => done(meta().get(name)),
    putMeta: (name, value) => done(meta().put(value, name)),
    deleteMeta: (name) => done(meta().delete(name)),
    metaEntries: async () => {
      const [keys, values] = await Promise.all([done(meta().getAllKeys()), done(meta().getAll())]);
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

/** Writes the search index of `records` (after deleting the postings `deletes`). */
function writeIndex(t, deletes, records) {
  const postings = t.objectStore('postings');
  const writes = deletes.map((k) => done(postings.delete(k)));
  for (const r of records) writes.push(done(postings.put(postingOf(r))));
  return Promise.all(writes);
}

/**
 * Writes the search index a past session may have left owed (its notes in `meta`: it closed before writing it, or
 * before the note was dropped): the postings of the noted messages as they are now (writing them twice is harmless).
 */
async function recover(db, IDBKeyRange) {
  const tx = (stores, mode, fn) => new Promise((resolve, reject) => {
    const t = db.transaction(stores, mode);
    let result;
    t.oncomplete = () => resolve(result);
    t.onabort = () => reject(t.error);
    Promise.resolve(fn(t)).then((r) => { result = r; }, (e) => { try { t.abort(); } catch { /* finished */ } reject(e); });
  });
  const keys = await tx(['meta'], 'readonly', (t) => done(t.objectStore('meta').getAllKeys(NOTES(IDBKeyRange))));
  if (keys.length === 0) return;
  await tx(['messages', 'postings', 'meta'], 'readwrite', async (t) => {
    const meta = t.objectStore('meta');
    const notes = (await Promise.all(keys.map((k) => done(meta.get(k))))).filter(Boolean);
    const uids = [...new Set(notes.flatMap((n) => n.uids))];
    const records = (await Promise.all(uids.map((uid) => done(t.objectStore('messages').get(uid))))).filter(Boolean);
    await writeIndex(t, notes.flatMap((n) => n.deletes), records);
    await Promise.all(keys.map((k) => done(meta.delete(k))));
  });
}

/**
 * An IndexedDB backend over the database `name`, opened at the first transaction.
 * @param {IDBFactory} indexedDB @param {typeof IDBKeyRange} IDBKeyRange @param {string} name
 * @returns {import('./message-store.js').Backend}
 */
export function indexedDbBackend(indexedDB, IDBKeyRange, name) {
  /** @type {Promise<{db?: IDBDatabase, memory?: object}>|null} */
  let ready = null;
  /** The indexing still to do, in order: each write transaction's, after it (and, first, what a past session left). */
  let indexing = Promise.resolve();
  /** Notes whose index is written, dropped by the next write transaction (the index's own is over `postings` alone). */
  let written = [];
  const target = () => {
    if (!ready) {
      const opening = openDatabase(indexedDB, name, () => { if (ready === opening) ready = null; })
        .then((db) => ({ db }), () => ({ memory: memoryBackend() }));
      ready = opening;
      indexing = indexing.then(() => opening).then(({ db }) => db && recover(db, IDBKeyRange)).catch(() => {});
    }
    return ready;
  };
  /** Runs `fn` in one IndexedDB transaction over `stores`; resolves with its result once committed. */
  const run = (db, stores, mode, fn) => new Promise((resolve, reject) => {
    let t;
    try {
      t = db.transaction(stores, mode);
    } catch (e) {
      reject(e); // closed by a wipe elsewhere
      return;
    }
    let result;
    let failed = null;
    t.oncomplete = () => (failed ? reject(failed) : resolve(result));
    t.onabort = () => reject(failed || t.error || new Error('transaction aborted'));
    Promise.resolve().then(() => fn(t)).then((r) => { result = r; }, (e) => {
      failed = e;
      try { t.abort(); } catch { /* already finished */ }
    });
  });
  const backend = {
    kind: 'indexeddb',
    name,
    /**
     * One transaction over `stores` (all by default). A write transaction writes the messages, conversations and
     * cursors, and a note of the search index it owes (in `meta`); the index itself is written just after, by a
     * transaction of its own over `postings` alone: reads of messages, conversations and cursors, and the next
     * writes, never wait for it; a search waits for it (`indexed`). A write transaction is not over `postings`.
     */
    transaction(mode, fn, stores = mode === 'readwrite' ? WRITES : STORES) {
      const index = { deletes: [], records: new Map() };
      const result = target().then(({ db, memory }) => {
        if (memory) {
          backend.kind = 'memory';
          return memory.transaction(mode, fn);
        }
        index.db = db; // the index goes to this database, never to one opened after a wipe
        return run(db, stores, mode, async (t) => {
          const r = await fn(operations(t, IDBKeyRange, index));
          if (mode !== 'readwrite' || !stores.includes('meta')) return r;
          const drop = written;
          written = [];
          const notes = drop.map((k) => done(t.objectStore('meta').delete(k)));
          if (index.deletes.length > 0 || index.records.size > 0) {
            index.note = `${NOTE}${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}`;
            notes.push(done(t.objectStore('meta').put({ deletes: index.deletes, uids: [...index.records.keys()] },
              index.note)));
          }
          await Promise.all(notes);
          return r;
        });
      });
      if (mode === 'readwrite') {
        indexing = indexing.then(() => result.then(async () => {
          if (!index.note) return;
          await run(index.db, ['postings'], 'readwrite', (t) => writeIndex(t, index.deletes, [...index.records.values()]));
          written.push(index.note);
        }, () => {})).catch(() => {}); // not written: the note stays, and the next session writes it (recover)
      }
      return result;
    },
    /** Resolves once the search index holds every write asked for so far. */
    indexed() {
      target(); // a first use: what a past session owed comes first
      return indexing;
    },
    /** Deletes the database (after closing this connection); the next transaction starts an empty one. */
    async wipe() {
      indexing = Promise.resolve(); // what is still owed goes with the database
      written = [];
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
      await indexing;
      if (written.length > 0) await backend.transaction('readwrite', () => undefined).catch(() => {}); // drops the notes
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
