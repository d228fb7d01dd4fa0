// The message store with real clients against a real Parley server (the runnable jar) on 127.0.0.1: what is
// received is stored before the listeners run; a new client opens from the store with the server stopped, then
// syncs only what is new; recalls, edits, expansions and deletions update the store; chatrooms are not stored;
// two users never mix; logout can wipe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  ParleyClient, UltragroupClient, Status, ErrorCodes, indexedDbMessageStore, memoryMessageStore,
} from '../src/index.js';
import { startServer, waitFor, APP_KEY } from '../test-support/server.js';

let server;
const clients = [];
let run = 0;
const uid = (name) => `${name}-${process.pid}-${++run}`;

before(async () => {
  server = await startServer();
});

after(async () => {
  for (const c of clients) c.close();
  if (server) await server.stop();
});

async function client(userId, options = {}, on = server) {
  const c = new ParleyClient({ url: on.wsUrl, WebSocket, reconnectInitialMs: 50, reconnectMaxMs: 200, ...options,
    token: options.token || await on.getToken(userId) });
  clients.push(c);
  c.received = [];
  c.onMessage((m) => c.received.push(m));
  return c;
}

const storeOf = (indexedDB, userId) => indexedDbMessageStore({ appKey: APP_KEY, userId, indexedDB, IDBKeyRange });
const text = (conversationType, targetId, content, extra = {}) =>
  ({ conversationType, targetId, objectName: 'RC:TxtMsg', content: { content, ...extra } });
const contents = (messages) => messages.map((m) => JSON.parse(m.content).content);
/** Polls an async condition until it holds. */
async function eventually(check, what, timeoutMs = 15_000) {
  let ok = false;
  const deadline = Date.now() + timeoutMs;
  while (!(ok = await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok, `timed out waiting for ${what}`);
}
const storedCount = async (store, type, targetId) => (await store.messages(type, targetId, { limit: 500 })).length;

test('messages received online are in the store before the listeners run; own messages are never unread', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const store = storeOf(new IDBFactory(), bob);
  const a = await client(alice);
  const b = await client(bob, { messageStore: store });
  assert.equal(b.store, store);
  assert.equal(a.store, null);
  const seenInStore = [];
  b.onMessage((m) => { store.message(m.messageUid).then((s) => seenInStore.push(s !== null)); });
  await Promise.all([a.connect(), b.connect()]);
  await a.send(text(1, bob, 'hello 你好'));
  await b.send(text(1, alice, 'hi Alice'));
  await a.send(text(1, bob, 'Café at noon?'));
  await waitFor(() => seenInStore.length === 3, 10_000, 'three messages looked up');
  assert.deepEqual(seenInStore, [true, true, true]);
  assert.deepEqual(contents(await store.messages(1, alice)), ['Café at noon?', 'hi Alice', 'hello 你好']);
  const [c] = await store.conversations();
  assert.deepEqual([c.targetId, c.unreadCount, contents([c.lastMessage])[0]], [alice, 2, 'Café at noon?']);
  assert.equal((await store.messages(1, alice))[0].fromUserId, alice);
  assert.deepEqual(contents((await store.search({ keyword: 'cafe' })).messages), ['Café at noon?']);
  assert.deepEqual(contents((await store.search({ keyword: '你好' })).messages), ['hello 你好']);
  assert.deepEqual(contents((await store.search({ senderId: bob })).messages), ['hi Alice']);
  assert.equal(await store.load(), b.cursor, 'the store is the cursor store too');
});

test('a new client opens from the store with the server stopped, then syncs only what is new', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-js-store-'));
  let own = await startServer({ dataDir });
  try {
    const alice = uid('alice');
    const bob = uid('bob');
    const groupId = uid('grp');
    await own.callApi('/group/create.json', [['userId', alice], ['userId', bob], ['groupId', groupId], ['groupName', groupId]]);
    const indexedDB = new IDBFactory(); // the device's IndexedDB, kept across clients
    const deviceId = `bob-device-${run}`;
    const a = await client(alice, {}, own);
    const bobToken = await own.getToken(bob);
    const b1 = await client(bob, { messageStore: storeOf(indexedDB, bob), deviceId, token: bobToken }, own);
    await Promise.all([a.connect(), b1.connect()]);
    for (let i = 0; i < 5; i++) await a.send(text(1, bob, `private ${i}`));
    for (let i = 0; i < 3; i++) await a.send(text(3, groupId, `群聊 ${i}`));
    await eventually(async () => (await storedCount(b1.store, 1, alice)) === 5
      && (await storedCount(b1.store, 3, groupId)) >= 3, 'the first messages stored');
    b1.close();
    a.close();
    await own.stop();

    // offline: a new client (a page reload) on the same database, never connected
    const b2 = await client(bob, { messageStore: storeOf(indexedDB, bob), deviceId, token: bobToken }, own);
    const list = await b2.store.conversations();
    assert.deepEqual(list.map((c) => c.targetId), [groupId, alice]);
    assert.deepEqual(contents(await b2.store.messages(1, alice, { limit: 2 })), ['private 4', 'private 3']);
    assert.deepEqual(contents((await b2.store.search({ keyword: '群聊' })).messages), ['群聊 2', '群聊 1', '群聊 0']);
    assert.equal(b2.status, Status.IDLE);

    own = await startServer({ dataDir });
    const a2 = await client(alice, {}, own);
    await a2.connect();
    for (let i = 5; i < 8; i++) await a2.send(text(1, bob, `private ${i}`));
    await a2.send(text(3, groupId, '群聊 3'));
    const b3 = await client(bob, { messageStore: storeOf(indexedDB, bob), deviceId }, own);
    await b3.connect();
    await waitFor(() => b3.received.filter((m) => m.objectName === 'RC:TxtMsg').length >= 4, 15_000, 'the new messages');
    await eventually(async () => (await storedCount(b3.store, 3, groupId)) >= 4, 'the new group message stored');
    // a marker sent last: once it is in, anything synced twice would have come before it
    await a2.send(text(1, bob, 'marker'));
    await waitFor(() => b3.received.some((m) => m.content.includes('marker')), 10_000, 'the marker');
    assert.deepEqual(contents(b3.received.filter((m) => m.objectName === 'RC:TxtMsg')).sort(),
      ['marker', 'private 5', 'private 6', 'private 7', '群聊 3'].sort(), 'only what is new was synced');
    await eventually(async () => (await storedCount(b3.store, 1, alice)) === 9, 'the private chat stored');
    assert.deepEqual(contents(await b3.store.messages(1, alice, { limit: 500 })),
      ['marker', ...Array.from({ length: 8 }, (_, i) => `private ${7 - i}`)]);
    const group = (await b3.store.messages(3, groupId, { limit: 500 })).filter((m) => m.objectName === 'RC:TxtMsg');
    assert.deepEqual(contents(group), ['群聊 3', '群聊 2', '群聊 1', '群聊 0']);
    assert.equal((await b3.store.conversation(1, alice)).unreadCount, 9);
  } finally {
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('recall, expansion and a deletion on another device update the store; chatroom messages are not stored', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const store = memoryMessageStore();
  const a = await client(alice);
  const b = await client(bob, { messageStore: store });
  const bOther = await client(bob); // bob's other device, without a store
  await Promise.all([a.connect(), b.connect(), bOther.connect()]);
  assert.equal(store.userId, bob, 'a store without a user takes the client\'s');
  const kept = await a.send(text(1, bob, 'keep me'));
  const recalled = await a.send(text(1, bob, 'oops wrong chat'));
  await eventually(async () => (await store.message(recalled.messageUid)) !== null, 'both stored');

  await a.send({ conversationType: 1, targetId: bob, objectName: 'RC:RcCmd',
    content: { messageUId: recalled.messageUid, conversationType: 1, targetId: bob, sentTime: recalled.sentTime } });
  await eventually(async () => (await store.message(recalled.messageUid)).objectName === 'RC:RcNtf', 'the recall applied');
  assert.deepEqual((await store.search({ keyword: 'oops' })).messages, []);
  assert.equal((await store.conversation(1, alice)).unreadCount, 1);

  await a.command('message.expansion.set', { conversationType: 1, targetId: bob, messageUid: kept.messageUid,
    values: { mood: 'happy' } });
  await eventually(async () => (await store.message(kept.messageUid)).expansion?.mood?.v === 'happy', 'the expansion applied');

  // a chatroom message reaches the listener, never the store
  const roomId = uid('room');
  await server.callApi('/chatroom/create.json', { [`chatroom[${roomId}]`]: roomId });
  await a.command('chatroom.join', { roomId });
  await b.command('chatroom.join', { roomId });
  await a.send(text(4, roomId, 'chatroom chatter'));
  await waitFor(() => b.received.some((m) => m.conversationType === 4), 10_000, 'the chatroom message');
  await a.send(text(1, bob, 'after the room'));
  await eventually(async () => (await store.search({ keyword: 'after the room' })).messages.length === 1, 'the marker');
  assert.deepEqual((await store.search({ keyword: 'chatter' })).messages, []);
  assert.deepEqual((await store.messages(4, roomId)), []);

  await bOther.command('conversation.delete', { conversationType: 1, targetId: alice });
  await eventually(async () => (await store.messages(1, alice)).length === 0, 'the deletion applied');
  assert.deepEqual((await store.conversations()).filter((c) => c.conversationType === 1), []);
});

test('ultragroup: the subscribed channel\'s messages, fetched history and edits are stored', async () => {
  const owner = uid('owner');
  const ann = uid('ann');
  const groupId = uid('ug');
  await server.callApi('/ultragroup/create.json', { userId: owner, groupId, groupName: groupId });
  await server.callApi('/ultragroup/join.json', { userId: ann, groupId });
  const o = await client(owner);
  const oug = new UltragroupClient(o);
  await o.connect();
  await oug.send(groupId, { objectName: 'RC:TxtMsg', content: { content: 'before anyone looked' } });
  const store = storeOf(new IDBFactory(), ann);
  const a = await client(ann, { messageStore: store });
  const aug = new UltragroupClient(a);
  await a.connect();
  await aug.subscribe(groupId);
  await aug.history(groupId, { limit: 20 });
  assert.deepEqual(contents(await store.messages(10, groupId)), ['before anyone looked']);
  const sent = await oug.send(groupId, { objectName: 'RC:TxtMsg', content: { content: 'first draft' } });
  await eventually(async () => (await store.message(sent.messageUid)) !== null, 'the live message stored');
  await oug.modify(groupId, sent.messageUid, { content: 'final words' });
  await eventually(async () => contents([await store.message(sent.messageUid)])[0] === 'final words', 'the edit applied');
  assert.deepEqual(contents((await store.search({ keyword: 'final' })).messages), ['final words']);
  assert.deepEqual((await store.search({ keyword: 'draft' })).messages, []);
  assert.equal((await store.messages(10, groupId)).length, 2, 'the edit note is no message');
});

test('pages of history.query are kept, never counted as unread; a fresh device finds them offline afterwards', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  await a.connect();
  for (let i = 0; i < 5; i++) await a.send(text(1, bob, `earlier ${i}`));
  const store = storeOf(new IDBFactory(), bob);
  const b = await client(bob, { messageStore: store, freshDeviceFromHead: true });
  await b.connect();
  assert.deepEqual(await store.messages(1, alice), [], 'a fresh device starts at the head');
  const page = await b.command('history.query', { conversationType: 1, targetId: alice, limit: 3 });
  assert.equal(page.messages.length, 3);
  assert.deepEqual(contents(await store.messages(1, alice)), ['earlier 4', 'earlier 3', 'earlier 2']);
  assert.equal((await store.conversation(1, alice)).unreadCount, 0);
  assert.deepEqual(contents((await store.search({ keyword: 'earlier', conversationType: 1, targetId: alice })).messages),
    ['earlier 4', 'earlier 3', 'earlier 2']);
});

test('two users on one device never mix; logout({wipe: true}) deletes one user\'s database only', async () => {
  const ann = uid('ann');
  const ben = uid('ben');
  const indexedDB = new IDBFactory();
  const a = await client(ann, { messageStore: storeOf(indexedDB, ann) });
  const b = await client(ben, { messageStore: storeOf(indexedDB, ben) });
  await Promise.all([a.connect(), b.connect()]);
  await a.send(text(1, ben, 'from ann'));
  await b.send(text(1, ann, 'from ben'));
  await eventually(async () => (await storedCount(a.store, 1, ben)) === 2 && (await storedCount(b.store, 1, ann)) === 2,
    'both sides stored');
  assert.deepEqual((await a.store.conversations()).map((c) => c.targetId), [ben]);
  assert.deepEqual((await b.store.conversations()).map((c) => c.targetId), [ann]);
  assert.equal((await a.store.conversation(1, ben)).unreadCount, 1);
  assert.equal((await b.store.conversation(1, ann)).unreadCount, 1);

  // ann's store given to a client of ben's token is refused
  const wrong = await client(ben, { messageStore: storeOf(indexedDB, ann) });
  await assert.rejects(wrong.connect(), (e) => e.code === ErrorCodes.STORE_OF_ANOTHER_USER);
  assert.equal((await storeOf(indexedDB, ann).messages(1, ben)).length, 2);

  await a.logout({ wipe: true });
  assert.deepEqual((await indexedDB.databases()).map((d) => d.name), [`parley:${APP_KEY}:${ben}`]);
  assert.deepEqual(await storeOf(indexedDB, ann).conversations(), []);
  assert.equal((await storeOf(indexedDB, ben).messages(1, ann)).length, 2);
});
