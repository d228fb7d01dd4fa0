// End-to-end tests against a real Parley server (im-starter/target/parley-server.jar), on 127.0.0.1 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient, Status, memoryCursorStore } from '../src/index.js';
import { startServer, waitFor } from '../test-support/server.js';

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

async function client(userId, options = {}) {
  const c = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket, ...options });
  clients.push(c);
  c.received = [];
  c.onMessage((m) => c.received.push(m));
  return c;
}

const text = (targetId, content, extra = {}) =>
  ({ conversationType: 1, targetId, objectName: 'RC:TxtMsg', content: JSON.stringify({ content }), ...extra });
const contents = (messages) => messages.map((m) => JSON.parse(m.content).content);
const inboxSeqs = (messages) => messages.map((m) => m.inboxSeq);
const range = (from, n) => Array.from({ length: n }, (_, i) => from + i);

test('two users exchange messages; each receives both sides in order, once', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  const b = await client(bob);
  await Promise.all([a.connect(), b.connect()]);
  const expected = [];
  for (let i = 0; i < 10; i++) {
    const [from, to] = i % 2 === 0 ? [a, bob] : [b, alice];
    const result = await from.send(text(to, `m${i}`));
    assert.ok(result.messageUid);
    assert.equal(result.inboxSeq, i + 1); // both inboxes hold every message
    expected.push(`m${i}`);
  }
  await waitFor(() => a.received.length >= 10 && b.received.length >= 10, 10_000, '10 messages on each side');
  for (const c of [a, b]) {
    assert.deepEqual(contents(c.received), expected);
    assert.deepEqual(inboxSeqs(c.received), range(1, 10));
    assert.equal(c.cursor, 10);
  }
  assert.equal(a.received[1].fromUserId, bob);
  assert.equal(a.received[1].targetId, bob);
  assert.equal(b.received[0].targetId, alice);
});

test('an offline device catches up on 50 messages in order, without duplicates, from its cursor store', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const store = memoryCursorStore();
  const deviceId = `bob-device-${run}`;
  const a = await client(alice);
  await a.connect();
  const b1 = await client(bob, { cursorStore: store, deviceId });
  await b1.connect();
  for (let i = 0; i < 5; i++) await a.send(text(bob, `early${i}`));
  await waitFor(() => b1.received.length === 5, 10_000, 'the first 5');
  b1.close();
  assert.equal(store.load(), 5);

  for (let i = 0; i < 50; i++) await a.send(text(bob, `late${i}`));
  const b2 = await client(bob, { cursorStore: store, deviceId, syncPageSize: 16 }); // several SYNC pages
  await b2.connect();
  await waitFor(() => b2.received.length >= 50, 15_000, '50 messages after reconnect');
  await new Promise((r) => setTimeout(r, 300)); // would a duplicate follow?
  assert.deepEqual(contents(b2.received), range(0, 50).map((i) => `late${i}`));
  assert.deepEqual(inboxSeqs(b2.received), range(6, 50));
  assert.equal(store.load(), 55);
});

test('after an unexpected close the client reconnects, catches up, and retries a pending send', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  const b = await client(bob, { reconnectInitialMs: 50, reconnectMaxMs: 200 });
  await Promise.all([a.connect(), b.connect()]);
  const statuses = [];
  b.onStatus((s) => statuses.push(s));
  b._ws.terminate(); // the network drops
  const pending = b.send(text(alice, 'from bob while down'));
  for (let i = 0; i < 5; i++) await a.send(text(bob, `while-down${i}`));
  const sent = await pending;
  assert.ok(sent.messageUid);
  await waitFor(() => b.received.length >= 6, 10_000, 'catch-up after reconnect');
  assert.ok(statuses.includes(Status.DISCONNECTED) && statuses.includes(Status.CONNECTED), statuses.join());
  assert.deepEqual(inboxSeqs(b.received), range(1, 6));
  assert.equal(b.received.filter((m) => m.clientMsgId === sent.clientMsgId).length, 1);
  await waitFor(() => a.received.some((m) => m.clientMsgId === sent.clientMsgId), 10_000, 'bob\'s message at alice');
});

test('a send retried with the same clientMsgId is committed once', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  const b = await client(bob);
  await Promise.all([a.connect(), b.connect()]);
  const clientMsgId = `retry-${run}`;
  const first = await a.send(text(bob, 'once', { clientMsgId }));
  const second = await a.send(text(bob, 'once', { clientMsgId }));
  assert.deepEqual(second, first);

  // the same through the bare protocol: two SEND frames, one clientMsgId
  const ws = new WebSocket(server.wsUrl);
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const rawId = `raw-${run}`;
  ws.send(JSON.stringify({ type: 'CONNECT', requestId: 1,
    body: { token: await server.getToken(alice), deviceId: `raw-${run}`, platform: 'PC', inboxCursor: 0 } }));
  await waitFor(() => frames.some((f) => f.type === 'CONNACK'), 10_000, 'CONNACK');
  const body = { clientMsgId: rawId, conversationType: 1, targetId: bob, objectName: 'RC:TxtMsg', content: '{"content":"raw"}' };
  ws.send(JSON.stringify({ type: 'SEND', requestId: 2, body }));
  ws.send(JSON.stringify({ type: 'SEND', requestId: 3, body }));
  await waitFor(() => frames.filter((f) => f.type === 'SEND_ACK').length === 2, 10_000, 'two SEND_ACKs');
  const acks = frames.filter((f) => f.type === 'SEND_ACK');
  assert.deepEqual(acks.map((f) => f.requestId).sort(), [2, 3]);
  assert.equal(acks[0].body.code, 0);
  assert.equal(acks[0].body.messageUid, acks[1].body.messageUid);
  assert.equal(acks[0].body.seq, acks[1].body.seq);
  assert.equal(acks[0].body.seq, first.seq + 1);
  ws.close();

  await waitFor(() => b.received.length >= 2, 10_000, 'two messages at bob');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(b.received.map((m) => m.clientMsgId), [clientMsgId, rawId]);
});

test('commands: conversation.list answers, an unknown command is refused', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  await a.connect();
  await a.send(text(bob, 'hello'));
  const result = await a.command('conversation.list');
  assert.equal(result.conversations.length, 1);
  assert.equal(result.conversations[0].targetId, bob);
  assert.equal(JSON.parse(result.conversations[0].lastMessage.content).content, 'hello');
  await assert.rejects(a.command('no.such-command'), (e) => e.code === 33004);
});

test('a bad token stops the client without reconnecting', async () => {
  const c = new ParleyClient({ url: server.wsUrl, token: 'not-a-token', WebSocket, reconnectInitialMs: 20 });
  clients.push(c);
  const statuses = [];
  c.onStatus((s) => statuses.push(s));
  await assert.rejects(c.connect(), (e) => e.code === 31004);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(c.status, Status.TOKEN_INCORRECT);
  assert.deepEqual(statuses, [Status.CONNECTING, Status.TOKEN_INCORRECT]);
});

test('a device kicked by another device of the same platform stops', async () => {
  // phones are one per platform (session.multi-device.mobile); web tabs may be many, so this is a phone
  const alice = uid('alice');
  const first = await client(alice, { reconnectInitialMs: 20, platform: 'Android' });
  const errors = [];
  first.onStatus((status, error) => { if (status === Status.KICKED) errors.push(error); });
  await first.connect();
  const second = await client(alice, { platform: 'Android' });
  await second.connect();
  await waitFor(() => first.status === Status.KICKED, 10_000, 'KICKED');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(first.status, Status.KICKED);
  assert.equal(errors[0].code, 31010);
  assert.equal(second.status, Status.CONNECTED);
});

test('freshDeviceFromHead: a device with an empty cursor store starts at the inbox head, one with a cursor syncs', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  await a.connect();
  for (let i = 0; i < 3; i++) await a.send(text(bob, `old${i}`));

  const saved = [];
  const emptyStore = { load: () => null, save: (n) => saved.push(n) };
  const fresh = await client(bob, { cursorStore: emptyStore, freshDeviceFromHead: true, deviceId: 'fresh' });
  await fresh.connect();
  assert.equal(fresh.cursor, 3);
  assert.deepEqual(saved, [3]);
  await a.send(text(bob, 'new'));
  await waitFor(() => fresh.received.length === 1, 10_000, 'the new message');
  assert.deepEqual(contents(fresh.received), ['new']);
  assert.equal(fresh.received[0].inboxSeq, 4);

  // a device that has a cursor (0 included) syncs what it missed, with or without the option
  const known = await client(bob, { cursorStore: memoryCursorStore(0), freshDeviceFromHead: true, deviceId: 'known',
    platform: 'PC' });
  await known.connect();
  await waitFor(() => known.received.length === 4, 10_000, 'the backlog');
  assert.deepEqual(contents(known.received), ['old0', 'old1', 'old2', 'new']);
});
