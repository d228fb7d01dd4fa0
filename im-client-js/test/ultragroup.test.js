// Ultragroup helpers against a real Parley server with the ultragroup plugin (the runnable jar), on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient, UltragroupClient, parseChannelTarget, channelTarget } from '../src/index.js';
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

/** A connected client for `userId` with its UltragroupClient; `got` collects what the helper hands on. */
async function member(userId, options = {}) {
  const client = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket,
    reconnectInitialMs: 50, reconnectMaxMs: 200, ...options });
  clients.push(client);
  const ug = new UltragroupClient(client);
  const got = { messages: [], notices: [], reads: [], edits: [] };
  ug.onMessage((m) => got.messages.push(m));
  ug.onNotice((n) => got.notices.push(n));
  ug.onRead((r) => got.reads.push(r));
  ug.onEdit((e) => got.edits.push(e));
  await client.connect();
  return { client, ug, got };
}

/** An ultragroup owned by `owner` with `members`, and the channels given ({id: type}). */
async function ultragroup(owner, members, channels = {}) {
  const groupId = uid('ug');
  await server.callApi('/ultragroup/create.json', { userId: owner, groupId, groupName: `Group ${groupId}` });
  for (const m of members) await server.callApi('/ultragroup/join.json', { userId: m, groupId });
  for (const [busChannel, type] of Object.entries(channels)) {
    await server.callApi('/ultragroup/channel/create.json', { groupId, busChannel, type: String(type) });
  }
  return groupId;
}

const text = (content, extra = {}) => ({ objectName: 'RC:TxtMsg', content: { content, ...extra } });
const contents = (messages) => messages.map((m) => JSON.parse(m.content).content);
const range = (from, n) => Array.from({ length: n }, (_, i) => from + i);

test('channel target ids: parsed and built, bad ones refused with a clear error', () => {
  assert.deepEqual(parseChannelTarget('town'), { groupId: 'town', channelId: '' });
  assert.deepEqual(parseChannelTarget('town:news2'), { groupId: 'town', channelId: 'news2' });
  assert.equal(channelTarget('town', 'news'), 'town:news');
  assert.equal(channelTarget('town'), 'town');
  assert.throws(() => parseChannelTarget('town:'), /names no channel/);
  assert.throws(() => parseChannelTarget('town:no-dash'), /names no channel/);
  assert.throws(() => parseChannelTarget(''), /names no ultragroup/);
  assert.throws(() => parseChannelTarget('bad group'), /names no ultragroup/);
});

test('the channel list shows the channels a member may see, with latest seq, read position, unread and mentions', async () => {
  const owner = uid('owner');
  const ann = uid('ann');
  const outsider = uid('out');
  const groupId = await ultragroup(owner, [ann, outsider], { news: 0, staff: 1 });
  await server.callApi('/ultragroup/channel/private/users/add.json', { groupId, busChannel: 'staff', userIds: `${owner},${ann}` });
  const o = await member(owner);
  await o.ug.send(`${groupId}:news`, text('one'));
  await o.ug.send(`${groupId}:news`, text(`two @${ann}`, { mentionedInfo: { type: 2, userIdList: [ann] } }));
  await o.ug.send(`${groupId}:staff`, text('private'));

  const a = await member(ann);
  const [group] = await a.ug.channels();
  assert.equal(group.groupId, groupId);
  assert.equal(group.name, `Group ${groupId}`);
  assert.deepEqual(group.channels.map((c) => c.targetId), [groupId, `${groupId}:news`, `${groupId}:staff`]);
  const news = group.channels[1];
  assert.deepEqual([news.latestSeq, news.readSeq, news.unreadCount, news.mentionCount], [2, 0, 2, 1]);
  assert.equal(group.channels[2].type, 1);

  const x = await member(outsider);
  const [seen] = await x.ug.channels(groupId);
  assert.deepEqual(seen.channels.map((c) => c.channelId), ['', 'news']);
  await assert.rejects(x.ug.history(`${groupId}:staff`), (e) => e.code === 44004);
  await x.ug.subscribe(`${groupId}:news`);
  await assert.rejects(x.ug.subscribe(`${groupId}:staff`), (e) => e.code === 44004);
  assert.equal(x.ug.subscribed, `${groupId}:news`, 'a refused subscription keeps the one before');
  await assert.rejects(x.ug.history('no-such-group'), (e) => e.code === 44001);
  await assert.rejects(x.ug.history(`${groupId}:news`, { limit: 101 }), RangeError);
  assert.throws(() => x.ug.send('bad group', text('x')), /names no ultragroup/);
});

test('a subscribed channel\'s messages come whole and in order; another channel\'s come as notices', async () => {
  const ben = uid('ben');
  const cy = uid('cy');
  const groupId = await ultragroup(ben, [cy], { talk: 0 });
  const b = await member(ben);
  const c = await member(cy);
  const talk = `${groupId}:talk`;
  assert.equal(await c.ug.subscribe(talk), 0);
  assert.equal(c.ug.subscribed, talk);
  for (let i = 0; i < 5; i++) await b.ug.send(talk, text(`t${i}`));
  await b.ug.send(groupId, text(`hi @${cy}`, { mentionedInfo: { type: 2, userIdList: [cy] } }));
  await waitFor(() => c.got.messages.length === 5 && c.got.notices.length === 1, 10_000, 'messages and a notice');
  assert.deepEqual(contents(c.got.messages), range(0, 5).map((i) => `t${i}`));
  assert.deepEqual(c.got.messages.map((m) => m.seq), range(1, 5));
  assert.ok(c.got.messages.every((m) => m.conversationType === 10 && m.targetId === talk));
  const [notice] = c.got.notices;
  assert.equal(notice.targetId, groupId);
  assert.equal(notice.fromUserId, ben);
  assert.equal(notice.mentioned, true);
  assert.equal(notice.seq, 1);
});

test('history pages back by seq and forward from a seq; catchUp pulls past one page', async () => {
  const dee = uid('dee');
  const groupId = await ultragroup(dee, []);
  const d = await member(dee);
  for (let i = 1; i <= 130; i++) await d.ug.send(groupId, text(`h${i}`));
  const newest = await d.ug.history(groupId, { limit: 30 });
  assert.equal(newest.latestSeq, 130);
  assert.deepEqual(newest.messages.map((m) => m.seq), range(101, 30).reverse());
  const before = await d.ug.history(groupId, { beforeSeq: 101, limit: 30 });
  assert.deepEqual(before.messages.map((m) => m.seq), range(71, 30).reverse());
  const after = await d.ug.history(groupId, { afterSeq: 10, limit: 5 });
  assert.deepEqual(contents(after.messages), ['h11', 'h12', 'h13', 'h14', 'h15']);
  const all = await d.ug.catchUp(groupId, 5);
  assert.deepEqual(all.map((m) => m.seq), range(6, 125));
});

test('a read position moves on one device and the other device hears of it; unread counts follow', async () => {
  const eve = uid('eve');
  const fay = uid('fay');
  const groupId = await ultragroup(fay, [eve]);
  const f = await member(fay);
  for (let i = 0; i < 3; i++) await f.ug.send(groupId, text(`r${i}`));
  const phone = await member(eve, { platform: 'iOS', deviceId: 'phone' });
  const laptop = await member(eve, { platform: 'PC', deviceId: 'laptop' });
  assert.equal((await laptop.ug.channels())[0].channels[0].unreadCount, 3);
  assert.equal(await phone.ug.markRead(groupId, 2), 2);
  await waitFor(() => laptop.got.reads.length === 1, 10_000, 'the read event on the laptop');
  assert.deepEqual(laptop.got.reads[0], { targetId: groupId, readSeq: 2 });
  const channel = (await laptop.ug.channels(groupId))[0].channels[0];
  assert.deepEqual([channel.readSeq, channel.unreadCount], [2, 1]);
  assert.equal(await laptop.ug.markRead(groupId, 1), 2, 'never back');
  assert.equal(await laptop.ug.markRead(groupId), 3, 'absent: the latest');
});

test('an edit reaches the subscriber as an edit event, and history shows the edited version', async () => {
  const gil = uid('gil');
  const hal = uid('hal');
  const groupId = await ultragroup(gil, [hal]);
  const g = await member(gil);
  const h = await member(hal);
  await h.ug.subscribe(groupId);
  const sent = await g.ug.send(groupId, text('first draft'));
  await waitFor(() => h.got.messages.length === 1, 10_000, 'the message');
  assert.equal(await g.ug.modify(groupId, sent.messageUid, { content: 'final text' }), 1);
  await waitFor(() => h.got.edits.length === 1, 10_000, 'the edit');
  assert.deepEqual(h.got.edits[0], { targetId: groupId, messageUid: sent.messageUid, seq: sent.seq, version: 1,
    content: '{"content":"final text"}', fromUserId: gil });
  assert.equal(h.got.messages.length, 1, 'the edit note is not a message');
  await assert.rejects(h.ug.modify(groupId, sent.messageUid, { content: 'not mine' }), (e) => e.code === 44009);
  const { messages } = await h.ug.history(groupId, { limit: 1, beforeSeq: sent.seq + 1 });
  assert.equal(JSON.parse(messages[0].content).content, 'final text');
  assert.equal(messages[0].version, 1);
});

test('after a dropped connection the subscription is renewed and the missed messages come in order, once', async () => {
  const ivy = uid('ivy');
  const jon = uid('jon');
  const groupId = await ultragroup(ivy, [jon]);
  const i = await member(ivy);
  const j = await member(jon);
  await j.ug.subscribe(groupId);
  await i.ug.send(groupId, text('before'));
  await waitFor(() => j.got.messages.length === 1, 10_000, 'the first message');
  j.client._ws.terminate(); // the network drops
  for (let n = 0; n < 4; n++) await i.ug.send(groupId, text(`while-down${n}`));
  await waitFor(() => j.got.messages.length === 5, 10_000, 'the catch-up');
  await i.ug.send(groupId, text('after'));
  await waitFor(() => j.got.messages.length === 6, 10_000, 'live again');
  await new Promise((r) => setTimeout(r, 300)); // would a duplicate follow?
  assert.deepEqual(contents(j.got.messages), ['before', 'while-down0', 'while-down1', 'while-down2', 'while-down3', 'after']);
  assert.deepEqual(j.got.messages.map((m) => m.seq), range(1, 6));
});

test('subscribe with afterSeq catches up what came after it first', async () => {
  const kim = uid('kim');
  const groupId = await ultragroup(kim, []);
  const k = await member(kim);
  for (let n = 1; n <= 4; n++) await k.ug.send(groupId, text(`k${n}`));
  assert.equal(await k.ug.subscribe(groupId, { afterSeq: 2 }), 4);
  await waitFor(() => k.got.messages.length === 2, 10_000, 'the two after seq 2');
  assert.deepEqual(contents(k.got.messages), ['k3', 'k4']);
  await k.ug.unsubscribe();
  assert.equal(k.ug.subscribed, null);
});
