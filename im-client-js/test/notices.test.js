// Plugins' notices against a real Parley server (the runnable jar, with the test-only plugin `notice-test` on its
// class path), on 127.0.0.1: a notice reaches `onNotice` listeners, flagged `notice: true`, in order with the
// messages of its stream, by DELIVER and by SYNC, and never `onMessage` listeners (docs/protocol.md, "Notices").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { ParleyClient, memoryCursorStore } from '../src/index.js';
import { startServer, compileNoticePlugin, waitFor } from '../test-support/server.js';

let server;
let pluginDir;
const clients = [];
let run = 0;
const uid = (name) => `${name}-${process.pid}-${++run}`;

before(async () => {
  pluginDir = compileNoticePlugin();
  server = await startServer({ classpath: [pluginDir] });
});

after(async () => {
  for (const c of clients) c.close();
  if (server) await server.stop();
  if (pluginDir) rmSync(pluginDir, { recursive: true, force: true });
});

/** A client whose `messages`, `notices` and `order` (both, as `m:<objectName>` / `n:<objectName>`) record what it got. */
async function client(userId, options = {}) {
  const c = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket, ...options });
  clients.push(c);
  c.messages = [];
  c.notices = [];
  c.order = [];
  c.onMessage((m) => {
    if (!m.seq && !m.inboxSeq) return; // status messages
    c.messages.push(m);
    c.order.push(`m:${m.objectName}`);
  });
  c.onNotice((n) => {
    c.notices.push(n);
    c.order.push(`n:${n.objectName}`);
  });
  return c;
}

const NOTICE = 'Test:Reaction';
const notify = (c, conversationType, targetId, content) =>
  c.command('notice-test.notify', { conversationType, targetId, name: NOTICE, content: JSON.stringify(content) });
const text = (conversationType, targetId, content) =>
  ({ conversationType, targetId, objectName: 'RC:TxtMsg', content: { content } });

test('a private notice reaches both users as a notice, in order with the messages, and is no message', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const a = await client(alice);
  const b = await client(bob);
  await Promise.all([a.connect(), b.connect()]);
  const hello = await a.send(text(1, bob, 'hello'));

  const sent = await notify(a, 1, bob, { emoji: '+1', messageUid: hello.messageUid });
  await a.send(text(1, bob, 'after'));

  await waitFor(() => a.order.length === 3 && b.order.length === 3, 10_000, 'two messages and a notice on each side');
  for (const [c, other] of [[a, bob], [b, alice]]) {
    assert.deepEqual(c.order, ['m:RC:TxtMsg', `n:${NOTICE}`, 'm:RC:TxtMsg']);
    const [n] = c.notices;
    assert.equal(n.notice, true);
    assert.equal(n.messageUid, sent.messageUid);
    assert.equal(n.fromUserId, 'plugin:notice-test');
    assert.equal(n.conversationType, 1);
    assert.equal(n.targetId, other); // the conversation as each user names it
    assert.deepEqual(JSON.parse(n.content), { emoji: '+1', messageUid: hello.messageUid });
    assert.equal(n.persisted, false);
    assert.equal(n.counted, false);
    assert.ok(c.messages.every((m) => m.notice !== true));
    assert.equal(c.cursor, 3); // the notice took an inbox seq, and the cursor passed it
  }
  // the conversation list and history know nothing of it
  const { conversations } = await b.command('conversation.list');
  const listed = conversations.find((c) => c.conversationType === 1 && c.targetId === alice);
  assert.equal(listed.lastMessage.objectName, 'RC:TxtMsg');
  assert.equal(listed.unreadCount, 2);
  const history = await b.command('history.query', { conversationType: 1, targetId: alice });
  assert.deepEqual(history.messages.map((m) => m.objectName), ['RC:TxtMsg', 'RC:TxtMsg']);
});

test('a group notice reaches an offline member by SYNC, once, after the message it followed', async () => {
  const carol = uid('carol');
  const dave = uid('dave');
  const groupId = uid('grp');
  await server.callApi('/group/create.json', [['userId', carol], ['userId', dave], ['groupId', groupId],
    ['groupName', groupId]]);
  const c = await client(carol);
  await c.connect();
  await c.send(text(3, groupId, 'before'));
  const sent = await notify(c, 3, groupId, { vote: 'yes' });
  await waitFor(() => c.notices.length === 1, 10_000, 'the notice on the online member');
  assert.equal(c.notices[0].messageUid, sent.messageUid);
  assert.equal(c.notices[0].seq, sent.seq);

  const store = memoryCursorStore();
  const d = await client(dave, { cursorStore: store });
  await d.connect();
  await waitFor(() => d.notices.length === 1 && d.messages.some((m) => m.objectName === 'RC:TxtMsg'), 10_000,
    'the message and the notice by SYNC');
  assert.deepEqual(d.order.filter((o) => o !== 'm:RC:GrpNtf'), ['m:RC:TxtMsg', `n:${NOTICE}`]);
  const [n] = d.notices;
  assert.equal(n.notice, true);
  assert.equal(n.conversationType, 3);
  assert.equal(n.targetId, groupId);
  assert.equal(n.seq, sent.seq);
  assert.deepEqual(JSON.parse(n.content), { vote: 'yes' });
  assert.equal(d.conversationCursor(3, groupId), sent.seq); // the group's cursor passed it
});
