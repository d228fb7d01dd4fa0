/**
 * How a message store finds messages: the search index (postings by term, intersected, then the text checked) or,
 * without a term, a race of scans (a conversation, a sender, everything by time). Runs inside one transaction of
 * a backend (see message-store.js, `Backend`).
 *
 * @module store/search
 */
import { conversationKey } from '../conversation-streams.js';
import { matches, queryTerms } from './text.js';

/**
 * The records of a search, newest first, at most `n`.
 * @param {object} tx a backend transaction
 * @param {{q: string, conversationType?: number, targetId?: string, senderId?: string,
 *   range: {lo: number, hi: number, hiUid?: string}, n: number}} query `q`: the folded keyword ('' for none)
 * @returns {Promise<object[]>}
 */
export async function findRecords(tx, { q, conversationType, targetId, senderId, range, n }) {
  const scope = conversationType !== undefined && targetId !== undefined
    ? conversationKey(conversationType, targetId) : null;
  // a search in one conversation reads that conversation's own postings
  const terms = (q ? queryTerms(q).slice(0, MAX_QUERY_TERMS) : []).map((t) => (scope ? scopedTerm(scope, t) : t));
  const inConversation = (key) => {
    const colon = key.indexOf(':');
    return (conversationType === undefined || Number(key.slice(0, colon)) === conversationType)
      && (targetId === undefined || key.slice(colon + 1) === targetId);
  };
  const candidate = (c) => inConversation(c.key) && (senderId === undefined || c.fromUserId === senderId);
  const wanted = (r) => candidate(r) && (!q || matches(r.text, q));
  if (terms.length > 0) return byTerms(tx, terms, range, candidate, wanted, n);
  // every source holds all the matches (in time order), so the first to find a page (or run out) answers
  const sources = [];
  if (scope) sources.push({ key: scope });
  if (senderId !== undefined) sources.push({ sender: senderId });
  if (sources.length === 0) sources.push({});
  return race(sources.map((source) => tx.scan(source, range)), wanted, n);
}

const FIRST_BATCH = 64;
const MAX_BATCH = 1024;
/** A query's terms beyond these are checked on the text only. */
const MAX_QUERY_TERMS = 4;

/** Visits a source's records newest first, read in growing batches, until `visit` returns false. */
export async function walk(tx, source, range, firstBatch, visit) {
  const scan = tx.scan(source, range);
  for (let count = Math.max(1, firstBatch); ; count = Math.min(count * 2, MAX_BATCH)) {
    const batch = await scan.next(count);
    if (batch.length === 0) return;
    for (const r of batch) if (visit(r) === false) return;
  }
}

/**
 * Finds the newest `n` messages by the search index: the postings of the first term, newest first, a batch at a
 * time, are filtered by conversation and sender (`candidate`, on the postings alone), intersected with the other
 * terms' postings over the batch's time span, and only then are the messages read and checked (`wanted`).
 */
async function byTerms(tx, terms, range, candidate, wanted, n) {
  const lo = range.lo;
  const hi = range.hiUid === undefined ? range.hi - 1 : range.hi;
  if (lo > hi) return [];
  for (const t of terms.slice(1)) if (!(await tx.termExists(t, lo, hi))) return []; // a term found nowhere
  const scan = tx.termScan(terms[0], range);
  const found = [];
  for (let count = FIRST_BATCH; ; count = Math.min(count * 2, MAX_BATCH)) {
    const batch = await scan.next(count);
    if (batch.length === 0) return found;
    // the memory backend gives whole records, IndexedDB's postings only sentTime and messageUid
    let candidates = batch.filter((c) => c.key === undefined || candidate(c));
    for (let i = 1; i < terms.length && candidates.length > 0; i++) {
      const uids = await tx.termUids(terms[i], candidates[candidates.length - 1].sentTime, candidates[0].sentTime);
      candidates = candidates.filter((c) => uids.has(c.messageUid));
    }
    // read a few more than still needed at a time: most candidates of a query are matches
    for (let at = 0; at < candidates.length;) {
      const slice = candidates.slice(at, at + Math.max(8, n - found.length));
      at += slice.length;
      const records = await Promise.all(slice.map((c) => (c.text !== undefined ? c : tx.getMessage(c.messageUid))));
      for (const r of records) {
        if (r && wanted(r)) found.push(r);
        if (found.length >= n) return found;
      }
    }
  }
}

/**
 * Reads several scans of the same matches a batch at a time in turn, keeping the records `wanted` accepts; the
 * first scan to find `n` of them, or to run out, gives the answer (newest first). The cheapest scan for a query
 * (a small conversation, a quiet sender) thus decides its cost.
 */
async function race(scans, wanted, n) {
  const found = scans.map(() => []);
  for (let count = FIRST_BATCH; ; count = Math.min(count * 2, MAX_BATCH)) {
    for (let i = 0; i < scans.length; i++) {
      const batch = await scans[i].next(count);
      for (const r of batch) {
        if (wanted(r)) found[i].push(r);
        if (found[i].length >= n) return found[i];
      }
      if (batch.length === 0) return found[i];
    }
  }
}

/** A term of one conversation's own postings: `<conversation key>\u0001<term>`. */
export function scopedTerm(key, term) {
  return `${key}\u0001${term}`;
}

/** The sentTime range of a search: at or after `from`, at or before `to`, before the `before` cursor. */
export function rangeOf({ from, to, before }) {
  let hi = to === undefined ? Infinity : Number(to) + 1;
  let hiUid;
  if (before !== undefined && before !== null) {
    const [time, uid] = typeof before === 'string' && before.includes(':')
      ? [Number(before.slice(0, before.indexOf(':'))), before.slice(before.indexOf(':') + 1)] : [Number(before), undefined];
    if (!Number.isFinite(time)) throw new TypeError(`not a search cursor: ${before}`);
    if (time < hi || (time === hi && uid !== undefined)) {
      hi = time;
      hiUid = uid;
    }
  }
  return { lo: from === undefined ? -Infinity : Number(from), hi, hiUid };
}
