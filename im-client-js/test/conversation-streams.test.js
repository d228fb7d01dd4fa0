// Unit tests of group sequencing by conversation cursor: which DELIVERs are group stream messages, the per-group
// rules, the heads pass, the pulls it plans, and the pages that answer them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConversationStreams, isGroupStreamMessage, conversationKey, parseConversationKey, MAX_FUTILE_PULLS,
} from '../src/conversation-streams.js';

const g = (targetId, seq, extra = {}) => ({ conversationType: 3, targetId, inboxSeq: 0, seq, ...extra });
const seqs = (outcome) => outcome.dispatch.map((m) => m.seq);
const head = (targetId, seq) => ({ conversationType: 3, targetId, seq });
const cursor = (targetId, afterSeq) => ({ conversationType: 3, targetId, afterSeq });

test('only stored group messages outside the inbox are group stream messages', () => {
  assert.equal(isGroupStreamMessage(g('team', 4)), true);
  assert.equal(isGroupStreamMessage(g('team', 4, { inboxSeq: 9 })), false, 'directed at some members: an inbox entry');
  assert.equal(isGroupStreamMessage(g('team', 0, { objectName: 'RC:TypSts' })), false, 'a status message');
  assert.equal(isGroupStreamMessage({ conversationType: 10, targetId: 'town', inboxSeq: 0, seq: 4 }), false,
    'ultragroup channels are the ultragroup helper\'s');
  assert.equal(isGroupStreamMessage({ conversationType: 1, targetId: 'bob', inboxSeq: 3, seq: 2 }), false);
});

test('conversation keys name a type and a target, whose id may hold colons', () => {
  assert.equal(conversationKey(3, 'team'), '3:team');
  assert.deepEqual(parseConversationKey('3:a:b'), { conversationType: 3, targetId: 'a:b' });
  assert.throws(() => parseConversationKey('team'), TypeError);
});

test('each group is its own stream: next seq dispatched, duplicates dropped, a gap buffered and pulled', () => {
  const streams = new ConversationStreams();
  streams.load([['3:team', 4]]);
  assert.deepEqual(seqs(streams.accept(g('team', 5))), [5]);
  assert.deepEqual(seqs(streams.accept(g('team', 5))), [], 'a duplicate');
  const gap = streams.accept(g('team', 8));
  assert.deepEqual(seqs(gap), []);
  assert.equal(gap.gap, true);
  assert.deepEqual(seqs(streams.accept(g('ops', 1))), [1], 'a group without a cursor starts at 0');
  assert.deepEqual(streams.nextPull(0, 20), [cursor('team', 5)]);

  const { outcomes, progress } = streams.acceptPage([cursor('team', 5)],
    { conversationMessages: [g('team', 6), g('team', 7), g('team', 8)], conversationCursors: [cursor('team', 8)] }, 0);
  assert.equal(progress, true);
  assert.deepEqual(outcomes.map((o) => [o.key, seqs(o), o.cursor, o.gap]), [['3:team', [6, 7, 8], 8, false]]);
  assert.deepEqual(streams.nextPull(0, 20), []);
});

test('the heads pass plans a pull for each group above its cursor, from 0 for a new one', () => {
  const streams = new ConversationStreams();
  streams.load([['3:a', 5], ['3:b', 7]]);
  streams.beginHeads(false);
  assert.deepEqual(streams.heads([head('a', 5), head('b', 9), head('c', 2)]), []);
  assert.deepEqual(streams.endHeads(), []);
  assert.deepEqual(streams.nextPull(0, 20), [cursor('b', 7), cursor('c', 0)]);
  assert.deepEqual(streams.nextPull(0, 1), [cursor('b', 7)], 'at most the batch size');
});

test('a page that ends short of the head asks again from where it ended; hidden seqs count', () => {
  const streams = new ConversationStreams();
  streams.beginHeads(false);
  streams.heads([head('team', 450)]);
  streams.endHeads();
  const page = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => g('team', from + i));
  // seqs 1-10 were sent before this member joined: the first page covers them without showing them
  let result = streams.acceptPage([cursor('team', 0)],
    { conversationMessages: page(11, 200), conversationCursors: [cursor('team', 200)] }, 0);
  assert.deepEqual(seqs(result.outcomes[0]), page(11, 200).map((m) => m.seq));
  assert.deepEqual(streams.nextPull(0, 20), [cursor('team', 200)]);
  result = streams.acceptPage([cursor('team', 200)],
    { conversationMessages: page(201, 400), conversationCursors: [cursor('team', 400)] }, 0);
  assert.deepEqual(streams.nextPull(0, 20), [cursor('team', 400)]);
  result = streams.acceptPage([cursor('team', 400)],
    { conversationMessages: page(401, 450), conversationCursors: [cursor('team', 450)] }, 0);
  assert.equal(result.outcomes[0].cursor, 450);
  assert.deepEqual(streams.nextPull(0, 20), [], 'at its head');
});

test('a fresh device starts each group at its head; a DELIVER during that pass starts just below itself', () => {
  const streams = new ConversationStreams();
  streams.beginHeads(true);
  assert.deepEqual(seqs(streams.accept(g('late', 41))), [41], 'no heads for it yet: the present starts here');
  assert.deepEqual(streams.heads([head('a', 30), head('empty', 0), head('late', 41)]), [{ key: '3:a', cursor: 30 }]);
  streams.endHeads();
  assert.deepEqual(streams.nextPull(0, 20), []);
  assert.equal(streams.cursor('3:a'), 30);
  assert.equal(streams.cursor('3:late'), 41);
  assert.deepEqual(seqs(streams.accept(g('a', 31))), [31]);
  // after that pass the device is no longer fresh: a group it learns of later starts at 0
  assert.deepEqual(seqs(streams.accept(g('joined-later', 3))), []);
  assert.deepEqual(streams.nextPull(0, 20), [cursor('joined-later', 0)]);
});

test('a group no longer listed is dropped, unless it was heard from during the pass', () => {
  const streams = new ConversationStreams();
  streams.load([['3:kept', 1], ['3:left', 2], ['3:heard', 3]]);
  streams.beginHeads(false);
  streams.accept(g('heard', 4)); // joined again, or listed on a page computed before it: keep it
  streams.heads([head('kept', 1)]);
  assert.deepEqual(streams.endHeads(), ['3:left']);
  assert.deepEqual(streams.keys().sort(), ['3:heard', '3:kept']);
});

test('pages of heads are one pass: a group listed on any page is kept', () => {
  const streams = new ConversationStreams();
  streams.load([['3:a', 1], ['3:z', 1]]);
  streams.beginHeads(false);
  streams.heads([head('a', 1)]);
  streams.heads([head('z', 2)]);
  assert.deepEqual(streams.endHeads(), []);
  streams.beginHeads(false);
  streams.abandonHeads(); // the connection dropped before the last page: nothing is dropped
  assert.deepEqual(streams.endHeads(), []);
  assert.equal(streams.keys().length, 2);
});

test('a pull that finds nothing below buffered messages waits, and after a few the hole is skipped', () => {
  const streams = new ConversationStreams({ retryMs: 500 });
  streams.load([['3:team', 2]]);
  streams.accept(g('team', 5));
  for (let attempt = 1; attempt < MAX_FUTILE_PULLS; attempt++) {
    const now = attempt * 1000;
    assert.deepEqual(streams.nextPull(now, 20), [cursor('team', 2)]);
    const { outcomes, progress } = streams.acceptPage([cursor('team', 2)],
      { conversationMessages: [], conversationCursors: [cursor('team', 2)] }, now);
    assert.equal(progress, false);
    assert.deepEqual(seqs(outcomes[0]), []);
    assert.deepEqual(streams.nextPull(now + 100, 20), [], 'waits');
    assert.equal(streams.nextRetryAt(), now + 500);
  }
  const { outcomes } = streams.acceptPage([cursor('team', 2)],
    { conversationMessages: [], conversationCursors: [cursor('team', 2)] }, 9000);
  assert.deepEqual(seqs(outcomes[0]), [5], 'given up on 3 and 4');
  assert.equal(streams.cursor('3:team'), 5);
  assert.equal(streams.nextRetryAt(), 0);
});

test('a refused batch is pulled a group at a time, and the group refused alone is dropped', () => {
  const streams = new ConversationStreams();
  streams.beginHeads(false);
  streams.heads([head('a', 3), head('b', 3), head('c', 3)]);
  streams.endHeads();
  const batch = streams.nextPull(0, 20);
  assert.equal(batch.length, 3);
  assert.deepEqual(streams.refused(batch), []);
  const alone = streams.nextPull(0, 20);
  assert.deepEqual(alone, [cursor('a', 0)]);
  streams.acceptPage(alone, { conversationMessages: [g('a', 1), g('a', 2), g('a', 3)],
    conversationCursors: [cursor('a', 3)] }, 0);
  assert.deepEqual(streams.nextPull(0, 20), [cursor('b', 0)]);
  assert.deepEqual(streams.refused([cursor('b', 0)]), ['3:b']);
  assert.equal(streams.cursor('3:b'), undefined);
  assert.deepEqual(streams.nextPull(0, 20), [cursor('c', 0)]);
});

test('a page for a group dropped meanwhile, or not asked for, is ignored', () => {
  const streams = new ConversationStreams();
  streams.load([['3:a', 0]]);
  const { outcomes } = streams.acceptPage([cursor('a', 0)], {
    conversationMessages: [g('a', 1), g('x', 1)],
    conversationCursors: [cursor('a', 1), cursor('x', 1)],
  }, 0);
  assert.deepEqual(outcomes.map((o) => o.key), ['3:a']);
  assert.equal(streams.cursor('3:x'), undefined);
});
