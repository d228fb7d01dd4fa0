import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InboxSequencer, ConversationSequencer, StreamSequencer } from '../src/index.js';

const m = (inboxSeq, extra = {}) => ({ inboxSeq, ...extra });
const seqs = (outcome) => outcome.dispatch.map((x) => x.inboxSeq);

test('dispatches the next seq and drops duplicates', () => {
  const s = new InboxSequencer(5);
  assert.deepEqual(seqs(s.accept(m(6))), [6]);
  assert.deepEqual(seqs(s.accept(m(6))), []);
  assert.deepEqual(seqs(s.accept(m(3))), []);
  assert.equal(s.cursor, 6);
});

test('buffers beyond a gap, reports it, and drains once the hole fills', () => {
  const s = new InboxSequencer(0);
  const o = s.accept(m(3));
  assert.deepEqual(seqs(o), []);
  assert.equal(o.gap, true);
  assert.equal(s.accept(m(2)).gap, true);
  const filled = s.accept(m(1));
  assert.deepEqual(seqs(filled), [1, 2, 3]);
  assert.equal(filled.gap, false);
  assert.equal(filled.cursor, 3);
});

test('a status message (inboxSeq 0) is dispatched at once and leaves the cursor alone', () => {
  const s = new InboxSequencer(4);
  s.accept(m(7));
  const o = s.accept(m(0, { objectName: 'RC:TypSts' }));
  assert.equal(o.dispatch.length, 1);
  assert.equal(o.cursor, 4);
  assert.equal(s.bufferedCount, 1);
});

test('a sync page merges with buffered messages in order, without duplicates', () => {
  const s = new InboxSequencer(0);
  s.accept(m(4));
  s.accept(m(2));
  const o = s.acceptSyncPage([m(1), m(2), m(3)], 3);
  assert.deepEqual(seqs(o), [1, 2, 3, 4]);
  assert.equal(o.cursor, 4);
  assert.equal(o.gap, false);
});

test('a hole inside a sync page (retention) is skipped on the server\'s word', () => {
  const s = new InboxSequencer(0);
  const o = s.acceptSyncPage([m(5), m(6)], 6);
  assert.deepEqual(seqs(o), [5, 6]);
  assert.equal(s.cursor, 6);
  const empty = s.acceptSyncPage([], 10);
  assert.deepEqual(seqs(empty), []);
  assert.equal(empty.cursor, 10);
});

test('a sync page keeps buffered messages beyond its end and still reports the gap', () => {
  const s = new InboxSequencer(0);
  s.accept(m(9));
  const o = s.acceptSyncPage([m(1), m(2)], 2);
  assert.deepEqual(seqs(o), [1, 2]);
  assert.equal(o.gap, true);
});

test('skipGap dispatches everything buffered in order', () => {
  const s = new InboxSequencer(1);
  s.accept(m(5));
  s.accept(m(3));
  const o = s.skipGap();
  assert.deepEqual(seqs(o), [3, 5]);
  assert.equal(o.cursor, 5);
  assert.equal(o.gap, false);
});

test('the buffer is bounded, dropping the highest seqs', () => {
  const s = new InboxSequencer(0, 2);
  s.accept(m(4));
  s.accept(m(3));
  s.accept(m(5));
  assert.equal(s.bufferedCount, 2);
  assert.deepEqual(seqs(s.accept(m(1))), [1]);
  assert.deepEqual(seqs(s.accept(m(2))), [2, 3, 4]);
});

test('rejects a negative cursor', () => {
  assert.throws(() => new InboxSequencer(-1), RangeError);
});

test('a conversation sequencer follows the conversation seq and ignores inboxSeq', () => {
  const s = new ConversationSequencer(10);
  const g = (seq) => ({ inboxSeq: 0, seq, conversationType: 3, targetId: 'team' });
  assert.deepEqual(s.accept(g(12)).dispatch, []);
  assert.equal(s.hasGap(), true);
  assert.equal(s.highestBuffered, 12);
  assert.deepEqual(s.accept(g(11)).dispatch.map((x) => x.seq), [11, 12]);
  assert.deepEqual(s.accept(g(11)).dispatch, [], 'a duplicate');
  const page = s.acceptSyncPage([g(13), g(15)], 16);
  assert.deepEqual(page.dispatch.map((x) => x.seq), [13, 15], 'seq 14 and 16 were hidden from this member');
  assert.equal(page.cursor, 16);
});

test('a stream sequencer takes its seq from any field', () => {
  const s = new StreamSequencer((x) => x.n, 0);
  assert.deepEqual(s.accept({ n: 1 }).dispatch, [{ n: 1 }]);
  assert.throws(() => new StreamSequencer(null), TypeError);
});
