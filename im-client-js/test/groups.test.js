// Groups by conversation cursor against a real Parley server (the runnable jar), on 127.0.0.1: a group message is
// stored once in the group's log and every member's device follows it by the group's seq (docs/protocol.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient, memoryCursorStore } from '../src/index.js';
import { startServer, waitFor } from '../test-support/server.js';

let server;
const clients = [];
let run = 0;
const uid = (name) => `${name}-${process.pid}-${++run}`;

before(async () => {
  // the server API allows 100 /group/create.json calls a second by default; a test makes 501 groups
  server = await startServer({ env: { PARLEY_MODERATION_RATE_SERVER_API_GROUP_CREATE: 'off' } });
});

after(async () => {
  for (const c of clients) c.close();
  if (server) await server.stop();
});

/** A client whose `received` collects what its message listeners get. */
async function client(userId, options = {}) {
  const c = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket,
    reconnectInitialMs: 50, reconnectMaxMs: 500, ...options });
  clients.push(c);
  c.received = [];
  c.onMessage((m) => c.received.push(m));
  return c;
}

/** A group made through the server API; its log starts with the creation notice (seq 1). */
async function group(members) {
  const groupId = uid('grp');
  await server.callApi('/group/create.json', [...members.map((m) => ['userId', m]), ['groupId', groupId],
    ['groupName', groupId]]);
  return groupId;
}

const text = (groupId, content) => ({ conversationType: 3, targetId: groupId, objectName: 'RC:TxtMsg',
  content: { content } });
const inGroup = (c, groupId) => c.received.filter((m) => m.conversationType === 3 && m.targetId === groupId);
const seqsOf = (messages) => messages.map((m) => m.seq);
const contentOf = (m) => JSON.parse(m.content).content;
const range = (from, n) => Array.from({ length: n }, (_, i) => from + i);

/**
 * Sends `contents` to the group, `window` sends in flight at a time; resolves with a Map seq → content, from the
 * SEND_ACKs: the group's seq is the order of commit, which concurrent sends do not fix in advance.
 */
async function sendAll(sender, groupId, contents, window = 50) {
  const bySeq = new Map();
  for (let i = 0; i < contents.length; i += window) {
    const acks = await Promise.all(contents.slice(i, i + window).map((c) => sender.send(text(groupId, c))));
    acks.forEach((ack, j) => {
      assert.equal(ack.inboxSeq, 0, 'a group message has no inbox entry');
      bySeq.set(ack.seq, contents[i + j]);
    });
  }
  return bySeq;
}

test('members follow a group live by its seq, the sender\'s device included, once each', async () => {
  const [ann, ben] = [uid('ann'), uid('ben')];
  const groupId = await group([ann, ben]);
  const a = await client(ann);
  const b = await client(ben);
  await Promise.all([a.connect(), b.connect()]);
  // the creation notice (seq 1) came before these devices connected: the heads pass pulls it
  await waitFor(() => inGroup(a, groupId).length === 1 && inGroup(b, groupId).length === 1, 10_000, 'the notice');

  const first = await a.send(text(groupId, 'one'));
  assert.deepEqual([first.seq, first.inboxSeq], [2, 0]);
  await b.send(text(groupId, 'two'));
  await a.send(text(groupId, 'three'));
  for (const c of [a, b]) {
    await waitFor(() => inGroup(c, groupId).length === 4, 10_000, 'four group messages');
    const messages = inGroup(c, groupId);
    assert.deepEqual(seqsOf(messages), [1, 2, 3, 4]);
    assert.equal(messages[0].objectName, 'RC:GrpNtf');
    assert.deepEqual(messages.slice(1).map(contentOf), ['one', 'two', 'three']);
    assert.ok(messages.every((m) => m.inboxSeq === 0));
    assert.equal(c.conversationCursor(3, groupId), 4);
    assert.equal(c.cursor, 0, 'nothing went through the inbox');
  }
});

test('a device offline while 1,000 group messages were sent catches up in order, exactly once, then follows live', async () => {
  const [alice, bob] = [uid('alice'), uid('bob')];
  const groupId = await group([alice, bob]);
  const store = memoryCursorStore();
  const deviceId = uid('bob-device');
  const a = await client(alice);
  await a.connect();
  const before = await client(bob, { cursorStore: store, deviceId });
  await before.connect();
  await a.send(text(groupId, 'before'));
  await waitFor(() => inGroup(before, groupId).length === 2, 10_000, 'the notice and the first message');
  before.close();
  assert.equal(store.loadConversations().get(`3:${groupId}`), 2, 'the group cursor was saved');

  const offline = await sendAll(a, groupId, range(0, 1000).map((i) => `offline ${i}`));
  assert.deepEqual([...offline.keys()].sort((x, y) => x - y), range(3, 1000));

  // bob comes back while alice keeps sending: DELIVERs of the new messages interleave with the SYNC pages
  const after = await client(bob, { cursorStore: store, deviceId });
  const [, live] = await Promise.all([after.connect(), sendAll(a, groupId, range(0, 20).map((i) => `during ${i}`), 5)]);
  const last = 1002 + 20;
  await waitFor(() => after.conversationCursor(3, groupId) === last, 30_000, 'the catch-up');

  const ending = await a.send(text(groupId, 'live after the catch-up'));
  assert.equal(ending.seq, last + 1);
  // per group, order is by seq: once this one is in, any duplicate of an earlier one would already be there
  await waitFor(() => inGroup(after, groupId).some((m) => m.seq === ending.seq), 10_000, 'the live message');
  const got = inGroup(after, groupId);
  assert.deepEqual(seqsOf(got), range(3, ending.seq - 2), 'seqs 3 to the last, once each, in order');
  const expected = new Map([...offline, ...live, [ending.seq, 'live after the catch-up']]);
  for (const m of got) assert.equal(contentOf(m), expected.get(m.seq), `the content of seq ${m.seq}`);
  assert.equal(store.loadConversations().get(`3:${groupId}`), ending.seq);
});

test('freshDeviceFromHead: a new device starts each group at its head and follows it from there', async () => {
  const [cara, dan] = [uid('cara'), uid('dan')];
  const groupId = await group([cara, dan]);
  const c = await client(cara);
  await c.connect();
  await sendAll(c, groupId, ['old 1', 'old 2', 'old 3']);

  const saved = [];
  const emptyStore = { load: () => null, save: () => {}, loadConversations: () => ({}),
    saveConversation: (key, n) => saved.push([key, n]) };
  const fresh = await client(dan, { cursorStore: emptyStore, freshDeviceFromHead: true });
  await fresh.connect();
  await waitFor(() => fresh.conversationCursor(3, groupId) === 4, 10_000, 'the group at its head');
  assert.deepEqual(saved, [[`3:${groupId}`, 4]]);
  const next = await c.send(text(groupId, 'new'));
  await waitFor(() => inGroup(fresh, groupId).length === 1, 10_000, 'the new message');
  assert.deepEqual(inGroup(fresh, groupId).map(contentOf), ['new']);
  assert.equal(inGroup(fresh, groupId)[0].seq, next.seq);

  // a device that has cursors syncs what it missed, with or without the option
  const known = await client(dan, { cursorStore: memoryCursorStore(0), freshDeviceFromHead: true, platform: 'PC' });
  await known.connect();
  await waitFor(() => inGroup(known, groupId).length === 5, 10_000, 'the whole group');
  assert.deepEqual(inGroup(known, groupId).slice(1).map(contentOf), ['old 1', 'old 2', 'old 3', 'new']);
});

test('a member who left a group: its cursor is dropped at the next connection, and a new member sees from joining', async () => {
  const [eve, finn, gus] = [uid('eve'), uid('finn'), uid('gus')];
  const groupId = await group([eve, finn]);
  const store = memoryCursorStore();
  const deviceId = uid('finn-device');
  const e = await client(eve);
  await e.connect();
  const f1 = await client(finn, { cursorStore: store, deviceId });
  await f1.connect();
  await e.send(text(groupId, 'while finn is in'));
  await waitFor(() => f1.conversationCursor(3, groupId) === 2, 10_000, 'finn\'s cursor');
  f1.close();
  await server.callApi('/group/quit.json', { userId: finn, groupId });
  await server.callApi('/group/join.json', { userId: gus, groupId, groupName: groupId });
  const sent = await e.send(text(groupId, 'after the changes'));

  const f2 = await client(finn, { cursorStore: store, deviceId });
  await f2.connect();
  await waitFor(() => !store.loadConversations().has(`3:${groupId}`), 10_000, 'the cursor dropped');
  assert.equal(f2.conversationCursor(3, groupId), undefined);

  const g = await client(gus);
  await g.connect();
  await waitFor(() => g.conversationCursor(3, groupId) >= sent.seq, 10_000, 'gus at the head');
  // only what was sent from gus's joining on: the notices of the quit and of the join, and the last message
  const seen = inGroup(g, groupId);
  assert.ok(seen.every((m) => m.objectName === 'RC:GrpNtf' || contentOf(m) === 'after the changes'),
    JSON.stringify(seen.map((m) => m.objectName)));
  assert.equal(seen.at(-1).seq, sent.seq);
  assert.equal(seen.filter((m) => m.objectName === 'RC:TxtMsg').length, 1);
});

test('a member added while online follows the group from its first DELIVER, seeing nothing from before joining', async () => {
  const [ivy, jon, kim] = [uid('ivy'), uid('jon'), uid('kim')];
  const groupId = await group([ivy, jon]);
  const j = await client(jon);
  await j.connect();
  await sendAll(j, groupId, ['before kim 1', 'before kim 2', 'before kim 3']);
  const k = await client(kim);
  await k.connect();
  await server.callApi('/group/join.json', { userId: kim, groupId, groupName: groupId });
  const welcome = await j.send(text(groupId, 'welcome kim'));
  // the group is new to kim's device: it starts at 0, and the pull from there covers the seqs hidden from kim
  await waitFor(() => k.conversationCursor(3, groupId) === welcome.seq, 10_000, 'kim at the welcome');
  const seen = inGroup(k, groupId);
  assert.deepEqual(seen.filter((m) => m.objectName === 'RC:TxtMsg').map(contentOf), ['welcome kim']);
  assert.deepEqual(seqsOf(seen), [...seqsOf(seen)].sort((x, y) => x - y));
  assert.equal(new Set(seqsOf(seen)).size, seen.length);
});

test('heads come 500 groups at a time: a member of 501 groups catches up on every one of them', async () => {
  const [host, hal] = [uid('host'), uid('hal')];
  const groups = [];
  for (let i = 0; i < 501; i++) {
    const groupId = `g${String(i).padStart(4, '0')}-${run}`;
    await server.callApi('/group/create.json', [['userId', host], ['userId', hal], ['groupId', groupId],
      ['groupName', groupId]]);
    groups.push(groupId);
  }
  const last = groups.at(-1); // the only one on the second page of heads
  const h = await client(host);
  await h.connect();
  await h.send(text(last, 'in the last group'));

  const c = await client(hal, { syncConversationsPerRequest: 50 });
  await c.connect();
  await waitFor(() => groups.every((groupId) => c.conversationCursor(3, groupId) >= 1)
    && c.conversationCursor(3, last) === 2, 30_000, 'every group pulled');
  const byGroup = new Map(groups.map((groupId) => [groupId, seqsOf(inGroup(c, groupId))]));
  for (const [groupId, seqs] of byGroup) assert.deepEqual(seqs, groupId === last ? [1, 2] : [1], groupId);
  assert.equal(contentOf(inGroup(c, last)[1]), 'in the last group');
});
