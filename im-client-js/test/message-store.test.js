// The message store's logic and search, the same suite on each backend: memory and IndexedDB (fake-indexeddb).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { memoryMessageStore, indexedDbMessageStore, messageDatabaseName } from '../src/index.js';

const ME = 'me';
let uidCounter = 0;
/** A delivered text message (a private chat's inbox entry unless a group's `seq` is given). */
function msg(targetId, fromUserId, text, sentTime, extra = {}) {
  uidCounter++;
  return { messageUid: `U${String(uidCounter).padStart(6, '0')}`, conversationType: 1, targetId, fromUserId,
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content: text, ...(extra.contentExtra || {}) }), sentTime,
    inboxSeq: uidCounter, seq: uidCounter, persisted: true, counted: true, ...extra };
}
const texts = (messages) => messages.map((m) => JSON.parse(m.content).content ?? m.objectName);

const backends = {
  memory: () => memoryMessageStore({ userId: ME }),
  indexeddb: () => indexedDbMessageStore({ appKey: 'k', userId: ME, indexedDB: new IDBFactory(), IDBKeyRange }),
};

for (const [name, make] of Object.entries(backends)) {
  describe(`message store (${name})`, () => {
    test('kind', () => assert.equal(make().kind, name));

    test('conversations: last message, unread from others only, mentions; pinned first then newest first', async () => {
      const s = make();
      await s.record([
        msg('bob', 'bob', 'hi', 100),
        msg('bob', ME, 'hello bob', 101), // own: never unread
        msg('bob', 'bob', 'how are you', 102),
        msg('carol', 'carol', 'ping', 200, { contentExtra: { mentionedInfo: { type: 2, userIdList: [ME] } } }),
        msg('dave', 'dave', 'old news', 50, { counted: false }),
      ]);
      let list = await s.conversations();
      assert.deepEqual(list.map((c) => c.targetId), ['carol', 'bob', 'dave']);
      const [carol, bob, dave] = list;
      assert.deepEqual([bob.unreadCount, bob.mentioned, texts([bob.lastMessage])[0], bob.updatedAt], [2, false, 'how are you', 102]);
      assert.deepEqual([carol.unreadCount, carol.mentioned, carol.mentionCount], [1, true, 1]);
      assert.equal(dave.unreadCount, 0);
      assert.equal(bob.lastMessage.key, undefined, 'internal fields stay inside');
      await s.setPinned(1, 'dave', true);
      await s.setDraft(1, 'bob', 'draft…');
      await s.setMuted(1, 'carol', true);
      list = await s.conversations();
      assert.deepEqual(list.map((c) => c.targetId), ['dave', 'bob', 'carol']); // the draft made bob the newest
      assert.deepEqual([list[0].pinned, list[1].draft, list[2].muted], [true, 'draft…', true]);
      await s.markRead(1, 'bob', 101);
      assert.equal((await s.conversation(1, 'bob')).unreadCount, 1);
      await s.markRead(1, 'carol');
      const c = await s.conversation(1, 'carol');
      assert.deepEqual([c.unreadCount, c.mentioned], [0, false]);
      await s.markRead(1, 'bob', 50); // never back
      assert.equal((await s.conversation(1, 'bob')).unreadCount, 1);
    });

    test('messages: newest first, paged by sentTime; a message delivered twice is kept once', async () => {
      const s = make();
      const all = Array.from({ length: 30 }, (_, i) => msg('bob', 'bob', `m${i}`, 1000 + i));
      await s.record(all);
      await s.record([all[5]]);
      const first = await s.messages(1, 'bob', { limit: 10 });
      assert.deepEqual(texts(first), Array.from({ length: 10 }, (_, i) => `m${29 - i}`));
      const second = await s.messages(1, 'bob', { before: first.at(-1).sentTime, limit: 25 });
      assert.deepEqual(texts(second), Array.from({ length: 20 }, (_, i) => `m${19 - i}`));
      assert.equal((await s.conversation(1, 'bob')).unreadCount, 30);
    });

    test('not kept: chatroom messages, status messages, notices', async () => {
      const s = make();
      await s.record([
        msg('room', 'bob', 'in a room', 10, { conversationType: 4, inboxSeq: 0, seq: 0 }),
        { ...msg('bob', 'bob', '', 11), objectName: 'RC:TypSts', inboxSeq: 0, seq: 0, persisted: false },
        { ...msg('bob', 'plugin:reactions', '', 12), notice: true, objectName: 'Reactions:Changed' },
      ]);
      assert.deepEqual(await s.conversations(), []);
      assert.deepEqual((await s.search({ keyword: 'room' })).messages, []);
    });

    test('recall: the message becomes its recall note, unread counted again, no longer found; isDelete removes it', async () => {
      const s = make();
      const a = msg('bob', 'bob', 'secret plan', 100);
      const b = msg('bob', 'bob', 'another secret', 101);
      await s.record([a, b]);
      await s.record([{ ...msg('bob', 'bob', '', 102), objectName: 'RC:RcCmd', content: JSON.stringify({ messageUId: b.messageUid }), counted: false }]);
      const stored = await s.message(b.messageUid);
      assert.equal(stored.objectName, 'RC:RcNtf');
      assert.equal(JSON.parse(stored.content).originalObjectName, 'RC:TxtMsg');
      const c = await s.conversation(1, 'bob');
      assert.deepEqual([c.unreadCount, c.lastMessage.objectName], [1, 'RC:RcNtf']);
      assert.deepEqual(texts((await s.search({ keyword: 'secret' })).messages), ['secret plan']);
      await s.record([{ ...msg('bob', 'bob', '', 103), objectName: 'RC:RcCmd',
        content: JSON.stringify({ messageUId: a.messageUid, isDelete: true }) }]);
      assert.equal(await s.message(a.messageUid), null);
      assert.equal((await s.conversation(1, 'bob')).unreadCount, 0);
      assert.deepEqual((await s.search({ keyword: 'secret' })).messages, []);
    });

    test('ultragroup edit replaces the content (newer versions only) and the index; expansion changes apply', async () => {
      const s = make();
      const m = msg('ug:news', 'ann', 'first draft', 100, { conversationType: 10, inboxSeq: 0, seq: 1 });
      await s.record([m]);
      const edit = (version, text) => ({ ...msg('ug:news', 'ann', '', 101, { conversationType: 10, inboxSeq: 0, seq: 2 }),
        objectName: 'Parley:UgMsgModify',
        content: JSON.stringify({ messageUId: m.messageUid, seq: 1, version, content: JSON.stringify({ content: text }) }) });
      await s.record([edit(2, 'final text'), edit(1, 'stale')]);
      const stored = await s.message(m.messageUid);
      assert.deepEqual([texts([stored])[0], stored.version], ['final text', 2]);
      assert.deepEqual((await s.search({ keyword: 'draft' })).messages, []);
      assert.equal((await s.search({ keyword: 'final' })).messages.length, 1);
      assert.equal((await s.messages(10, 'ug:news')).length, 1, 'the edit note is no message');
      const change = (content) => ({ ...msg('ug:news', 'ann', '', 102), conversationType: 10, objectName: 'Parley:ExpansionChange',
        content: JSON.stringify({ messageUId: m.messageUid, ...content }) });
      await s.record([change({ put: { like: { v: '1', ts: 5 }, tag: { v: 'x', ts: 5 } } }), change({ del: ['tag'] })]);
      assert.deepEqual((await s.message(m.messageUid)).expansion, { like: { v: '1', ts: 5 } });
    });

    test('fetched pages are kept but never counted as unread', async () => {
      const s = make();
      await s.record([msg('ug', 'ann', 'history', 10, { conversationType: 10, inboxSeq: 0 })], { fetched: true });
      const [c] = await s.conversations();
      assert.deepEqual([c.targetId, c.unreadCount], ['ug', 0]);
    });

    test('a deleted conversation loses its messages up to the deletion, and leaves the list until a new one', async () => {
      const s = make();
      await s.record([msg('bob', 'bob', 'one', 10), msg('bob', 'bob', 'two', 20)]);
      await s.applyConversationChange({ conversationType: 1, targetId: 'bob', deletedTime: 20, pinned: false });
      assert.deepEqual(await s.messages(1, 'bob'), []);
      assert.deepEqual(await s.conversations(), []);
      await s.record([msg('bob', 'bob', 'two', 20), msg('bob', 'bob', 'three', 30)]); // a resync of 'two' stays out
      assert.deepEqual(texts(await s.messages(1, 'bob')), ['three']);
      assert.equal((await s.conversations()).length, 1);
      await s.applyConversationChange({ conversationType: 1, targetId: 'eve', deletedTime: 40 }); // none stored yet
      await s.record([msg('eve', 'eve', 'old', 39), msg('eve', 'eve', 'new', 41)]);
      assert.deepEqual(texts(await s.messages(1, 'eve')), ['new']);
    });

    test('search: Chinese, Japanese, accents and case; by sender, conversation and time; paged newest first', async () => {
      const s = make();
      await s.record([
        msg('bob', 'bob', '明天下午三点开会', 100),
        msg('bob', ME, '好的，会议室见', 101),
        msg('ann', 'ann', '東京タワーに行きます', 102),
        msg('ann', 'ann', 'Un café à Paris', 103),
        msg('ann', ME, 'CAFE RENDEZVOUS', 104),
        { ...msg('ann', 'ann', '', 105), objectName: 'RC:FileMsg', content: JSON.stringify({ name: 'Rapport-Été.pdf' }) },
      ]);
      const find = async (query) => texts((await s.search(query)).messages);
      assert.deepEqual(await find({ keyword: '开会' }), ['明天下午三点开会']);
      assert.deepEqual(await find({ keyword: '会' }), ['好的，会议室见', '明天下午三点开会']);
      assert.deepEqual(await find({ keyword: '会议' }), ['好的，会议室见']);
      assert.deepEqual(await find({ keyword: 'タワー' }), ['東京タワーに行きます']);
      assert.deepEqual(await find({ keyword: 'ﾀﾜｰ' }), ['東京タワーに行きます']); // half-width katakana
      assert.deepEqual(await find({ keyword: '京' }), ['東京タワーに行きます']);
      assert.deepEqual(await find({ keyword: 'Café' }), ['CAFE RENDEZVOUS', 'Un café à Paris']);
      assert.deepEqual(await find({ keyword: 'cafe a' }), ['Un café à Paris']);
      assert.deepEqual(await find({ keyword: 'ete' }), ['RC:FileMsg']);
      assert.deepEqual(await find({ keyword: 'cafe', senderId: ME }), ['CAFE RENDEZVOUS']);
      assert.deepEqual(await find({ keyword: '会', conversationType: 1, targetId: 'bob', senderId: 'bob' }), ['明天下午三点开会']);
      assert.deepEqual(await find({ keyword: 'paris', conversationType: 1, targetId: 'bob' }), []);
      assert.deepEqual(await find({ senderId: 'ann', from: 102, to: 103 }), ['Un café à Paris', '東京タワーに行きます']);
      assert.deepEqual(await find({ from: 104 }), ['RC:FileMsg', 'CAFE RENDEZVOUS']);
      assert.deepEqual(await find({ keyword: 'zebra' }), []);
      assert.deepEqual(await find({ keyword: 'café zebra' }), []);
      assert.deepEqual(await find({ keyword: 'paris cafe' }), []); // both words stored, never in this order
      await assert.rejects(s.search({}), TypeError);
      await assert.rejects(s.search({ keyword: 'x', limit: 0 }), RangeError);
    });

    test('search pages: every match once, newest first, also across messages sent in the same millisecond', async () => {
      const s = make();
      const all = Array.from({ length: 47 }, (_, i) => msg(`c${i % 3}`, 'bob', `report ${i} 报告`, 1000 + Math.floor(i / 4)));
      await s.record(all);
      for (const keyword of ['report', '报告', undefined]) {
        const seen = [];
        let before;
        let pages = 0;
        do {
          const page = await s.search({ keyword, senderId: 'bob', limit: 10, before });
          seen.push(...page.messages);
          before = page.next;
          pages++;
        } while (before !== null && pages < 10);
        assert.equal(pages, 5);
        const expected = [...all].sort((a, b) => (b.sentTime - a.sentTime) || (a.messageUid < b.messageUid ? 1 : -1));
        assert.deepEqual(seen.map((m) => m.messageUid), expected.map((m) => m.messageUid));
      }
    });

    test('search finds exactly what a scan of every message finds, with any filters, page after page', async () => {
      const s = make();
      const words = ['budget', 'review', 'coffee', 'café', 'meeting', 'a', '会议', '预算', '咖啡', 'タワー', '東京'];
      let seed = 7;
      const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const all = Array.from({ length: 600 }, (_, i) => msg(`c${i % 4}`, i % 3 ? `c${i % 4}` : ME,
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)])
          .join(random() < 0.5 ? ' ' : ''), 5000 + Math.floor(i / 3)));
      await s.record(all);
      const { fold, matches } = await import('../src/store/text.js');
      const queries = [{ keyword: 'budget review' }, { keyword: 'cafe' }, { keyword: '会议预算' }, { keyword: '会' },
        { keyword: 'coffee', targetId: 'c2', conversationType: 1 }, { keyword: 'review', senderId: ME },
        { keyword: 'a' }, { keyword: 'meeting 東京' }, { keyword: 'タワー', from: 5050, to: 5150 }, { senderId: 'c1' }];
      for (const query of queries) {
        const expected = all.filter((m) => (!query.keyword || matches(fold(JSON.parse(m.content).content), fold(query.keyword)))
          && (!query.targetId || m.targetId === query.targetId) && (!query.senderId || m.fromUserId === query.senderId)
          && (query.from === undefined || m.sentTime >= query.from) && (query.to === undefined || m.sentTime <= query.to))
          .sort((a, b) => (b.sentTime - a.sentTime) || (a.messageUid < b.messageUid ? 1 : -1)).map((m) => m.messageUid);
        const got = [];
        let before;
        do {
          const page = await s.search({ ...query, limit: 25, before });
          got.push(...page.messages.map((m) => m.messageUid));
          before = page.next;
        } while (before !== null);
        assert.deepEqual(got, expected, JSON.stringify(query));
        assert.ok(expected.length > 0, `${JSON.stringify(query)} finds something`);
      }
    });

    test('cursors: the inbox cursor and the groups\' only move forward; null on a fresh device', async () => {
      const s = make();
      assert.equal(await s.load(), null);
      await s.save(0);
      assert.equal(await s.load(), 0);
      await s.save(7);
      await s.save(3);
      assert.equal(await s.load(), 7);
      await s.saveConversation('3:team', 4);
      await s.saveConversation('3:team', 2);
      await s.saveConversation('3:crew', 1);
      assert.deepEqual([...(await s.loadConversations())].sort(), [['3:crew', 1], ['3:team', 4]]);
      await s.deleteConversation('3:crew');
      assert.deepEqual([...(await s.loadConversations())], [['3:team', 4]]);
    });

    test('wipe deletes everything', async () => {
      const s = make();
      await s.record([msg('bob', 'bob', 'hello', 1)]);
      await s.save(1);
      await s.wipe();
      assert.deepEqual(await s.conversations(), []);
      assert.deepEqual((await s.search({ keyword: 'hello' })).messages, []);
      assert.equal(await s.load(), null);
    });
  });
}

test('IndexedDB: one database per app and user; two users never mix; wiping one leaves the other', async () => {
  const indexedDB = new IDBFactory();
  const open = (userId) => indexedDbMessageStore({ appKey: 'app', userId, indexedDB, IDBKeyRange });
  const ann = open('ann');
  const ben = open('ben');
  await ann.record([msg('x', 'x', 'for ann', 1)]);
  await ben.record([msg('y', 'y', 'for ben', 2)]);
  await ann.save(11);
  await ben.save(22);
  assert.deepEqual((await ann.conversations()).map((c) => c.targetId), ['x']);
  assert.deepEqual((await ben.conversations()).map((c) => c.targetId), ['y']);
  assert.deepEqual((await ann.search({ keyword: 'for' })).messages.map((m) => m.targetId), ['x']);
  assert.deepEqual([await ann.load(), await ben.load()], [11, 22]);
  const names = (await indexedDB.databases()).map((d) => d.name).sort();
  assert.deepEqual(names, [messageDatabaseName('app', 'ann'), messageDatabaseName('app', 'ben')]);
  assert.equal(messageDatabaseName('app', 'ann'), 'parley:app:ann');
  await ann.wipe();
  assert.deepEqual((await indexedDB.databases()).map((d) => d.name), ['parley:app:ben']);
  const annAgain = open('ann');
  assert.deepEqual(await annAgain.conversations(), []);
  assert.deepEqual((await open('ben').conversations()).map((c) => c.targetId), ['y']);
});

test('IndexedDB: a wipe by one store of a user closes the others\' connections, which open the new database when used', async () => {
  const indexedDB = new IDBFactory();
  const first = indexedDbMessageStore({ appKey: 'app', userId: 'u', indexedDB, IDBKeyRange });
  const second = indexedDbMessageStore({ appKey: 'app', userId: 'u', indexedDB, IDBKeyRange });
  await first.record([msg('x', 'x', 'before the wipe', 1)]);
  assert.equal((await second.messages(1, 'x')).length, 1);
  await first.wipe();
  assert.deepEqual(await second.messages(1, 'x'), []);
  await second.record([msg('x', 'x', 'after the wipe', 2)]);
  assert.deepEqual(texts(await first.messages(1, 'x')), ['after the wipe']);
});

test('without IndexedDB the store falls back to memory', async () => {
  const s = indexedDbMessageStore({ appKey: 'app', userId: 'u', indexedDB: undefined, IDBKeyRange: undefined });
  assert.equal(s.kind, 'memory');
  await s.record([msg('x', 'x', 'kept', 1)]);
  assert.equal((await s.messages(1, 'x')).length, 1);
});

test('IndexedDB: the search index is written after the messages; a search waits for it; a reload writes what a closed session owed', async () => {
  const indexedDB = new IDBFactory();
  const open = () => indexedDbMessageStore({ appKey: 'app', userId: ME, indexedDB, IDBKeyRange });
  const first = open();
  const written = first.record([msg('bob', 'bob', 'budget review at noon', 10), msg('bob', 'bob', '明天开会', 11)]);
  // asked for before the write is even committed: the search waits for the index of that write
  assert.deepEqual(texts((await first.search({ keyword: 'budget rev' })).messages), ['budget review at noon']);
  await written;
  await first.record([msg('bob', 'bob', 'budget again', 12)]);
  await first.close(); // waits for the index

  const openDb = () => new Promise((resolve, reject) => {
    const r = indexedDB.open(messageDatabaseName('app', ME));
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const notesIn = (db) => new Promise((resolve) => {
    db.transaction('meta').objectStore('meta').getAllKeys(IDBKeyRange.bound('index:', 'index:\uffff'))
      .onsuccess = (e) => resolve(e.target.result);
  });
  const db = await openDb();
  assert.deepEqual(await notesIn(db), [], 'a closed store owes no index');
  // what a session closing between a write and its index leaves: the messages, no postings, a note of them
  await new Promise((resolve, reject) => {
    const t = db.transaction(['messages', 'postings', 'meta'], 'readwrite');
    t.objectStore('messages').getAll().onsuccess = (e) => {
      const all = e.target.result;
      t.objectStore('postings').clear();
      t.objectStore('meta').put({ deletes: [], uids: all.map((r) => r.messageUid) }, 'index:test');
    };
    t.oncomplete = resolve;
    t.onabort = () => reject(t.error);
  });
  db.close();

  const second = open();
  assert.deepEqual(texts((await second.search({ keyword: 'budget' })).messages), ['budget again', 'budget review at noon']);
  assert.deepEqual(texts((await second.search({ keyword: '开会' })).messages), ['明天开会']);
  assert.deepEqual(texts((await second.search({ keyword: 'noon', conversationType: 1, targetId: 'bob' })).messages),
    ['budget review at noon']);
  await second.close();
  const again = await openDb();
  assert.deepEqual(await notesIn(again), [], 'the note is gone once written');
  again.close();
});
