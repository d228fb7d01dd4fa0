/**
 * The in-memory backend of a message store: the same records and walks as the IndexedDB backend, in Maps and
 * sorted lists. Transactions run one after another, in the order they were asked for (as IndexedDB runs
 * overlapping ones), so a read asked for after a write sees it.
 *
 * @module store/memory-backend
 */
import { SortedRecords } from './sorted-records.js';

/** @returns {import('./message-store.js').Backend} */
export function memoryBackend() {
  let messages = new Map();
  let byKey = new Map();
  let byTerm = new Map();
  let bySender = new Map();
  let all = new SortedRecords();
  let conversations = new Map();
  let meta = new Map();
  let queue = Promise.resolve();

  const list = (map, name) => {
    let l = map.get(name);
    if (!l) map.set(name, l = new SortedRecords());
    return l;
  };
  const unlink = (r) => {
    all.remove(r);
    byKey.get(r.key)?.remove(r);
    bySender.get(r.fromUserId)?.remove(r);
    for (const t of r.terms) {
      const l = byTerm.get(t);
      if (l) {
        l.remove(r);
        if (l.size === 0) byTerm.delete(t);
      }
    }
  };
  const tx = {
    getMessage: (uid) => messages.get(uid),
    putMessage: (r) => {
      const old = messages.get(r.messageUid);
      if (old) unlink(old);
      messages.set(r.messageUid, r);
      all.add(r);
      list(byKey, r.key).add(r);
      list(bySender, r.fromUserId).add(r);
      for (const t of r.terms) list(byTerm, t).add(r);
    },
    deleteMessage: (uid) => {
      const old = messages.get(uid);
      if (!old) return;
      unlink(old);
      messages.delete(uid);
    },
    scan: ({ key, sender }, range) => {
      const l = key !== undefined ? byKey.get(key) : sender !== undefined ? bySender.get(sender) : all;
      return l ? l.scan(range) : { next: () => [] };
    },
    termScan: (term, range) => (byTerm.has(term) ? byTerm.get(term).scan(range) : { next: () => [] }),
    termExists: (term, lo, hi) => byTerm.has(term) && byTerm.get(term).scan({ lo, hi: hi + 1 }).next(1).length > 0,
    termUids: (term, lo, hi) => {
      const uids = new Set();
      const l = byTerm.get(term);
      if (l) {
        const scan = l.scan({ lo, hi: hi + 1 });
        for (let batch = scan.next(1024); batch.length > 0; batch = scan.next(1024)) {
          for (const r of batch) uids.add(r.messageUid);
        }
      }
      return uids;
    },
    getConversation: (key) => conversations.get(key),
    putConversation: (c) => { conversations.set(c.key, c); },
    deleteConversation: (key) => { conversations.delete(key); },
    conversations: () => [...conversations.values()],
    getMeta: (name) => meta.get(name),
    putMeta: (name, value) => { meta.set(name, value); },
    deleteMeta: (name) => { meta.delete(name); },
    metaEntries: () => [...meta.entries()],
  };
  return {
    kind: 'memory',
    transaction(mode, fn) {
      const run = queue.then(() => fn(tx));
      queue = run.catch(() => {});
      return run;
    },
    wipe() {
      const run = queue.then(() => {
        messages = new Map(); byKey = new Map(); byTerm = new Map(); bySender = new Map(); all = new SortedRecords();
        conversations = new Map(); meta = new Map();
      });
      queue = run.catch(() => {});
      return run;
    },
    close() {},
  };
}
