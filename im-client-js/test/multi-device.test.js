// Several devices of one user online at once (two web tabs and a phone), and read state the same on each of them,
// including a device that connects after the receipt: against a real Parley server with its default settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient, Status } from '../src/index.js';
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

/** A connected device of `userId`, recording what it receives (status messages included) and its events. */
async function device(userId, options = {}) {
  const c = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket, ...options });
  clients.push(c);
  c.received = [];
  c.events = [];
  c.statuses = [];
  c.onMessage((m) => c.received.push(m));
  c.onEvent((e) => c.events.push(e));
  c.onStatus((status, error) => c.statuses.push({ status, code: error?.code }));
  await c.connect();
  return c;
}

const of = (c, objectName) => c.received.filter((m) => m.objectName === objectName);
const entry = (list, type, targetId) => list.conversations.find((c) => c.conversationType === type && c.targetId === targetId);

/** Alice's two web tabs and her Android phone, all connected. */
async function aliceDevices(alice) {
  const tab1 = await device(alice, { deviceId: 'tab-1' });
  const tab2 = await device(alice, { deviceId: 'tab-2' });
  const phone = await device(alice, { deviceId: 'phone', platform: 'Android' });
  return [tab1, tab2, phone];
}

function assertNoneKicked(devices) {
  for (const d of devices) {
    assert.equal(d.status, Status.CONNECTED, `${d.deviceId} is connected`);
    assert.deepEqual(d.statuses.filter((s) => s.status === Status.KICKED), [], `${d.deviceId} was never kicked`);
  }
}

test('two web tabs and a phone stay online together, and all see a private message read, as does a later tab', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const devices = await aliceDevices(alice);
  const [tab1] = devices;
  const b = await device(bob, { platform: 'iOS' });

  const sent = await tab1.send({ conversationType: 1, targetId: bob, objectName: 'RC:TxtMsg', content: { content: 'hi' } });
  await waitFor(() => b.received.some((m) => m.messageUid === sent.messageUid), 10_000, 'bob gets the message');

  // bob reads it: his read receipt reaches every device of alice
  await b.send({ conversationType: 1, targetId: alice, objectName: 'RC:ReadNtf',
    content: { lastMessageSendTime: sent.sentTime, messageUId: sent.messageUid, type: 1 } });
  for (const d of devices) {
    await waitFor(() => of(d, 'RC:ReadNtf').length === 1, 10_000, `${d.deviceId} gets the receipt`);
    assert.equal(JSON.parse(of(d, 'RC:ReadNtf')[0].content).lastMessageSendTime, sent.sentTime);
    await waitFor(() => d.events.some((e) => e.name === 'conversation.changed' && e.body.targetId === bob
      && e.body.peerReadTime === sent.sentTime), 10_000, `${d.deviceId} is told the conversation's peer read time`);
    const list = await d.command('conversation.list');
    assert.equal(entry(list, 1, bob).peerReadTime, sent.sentTime, `${d.deviceId} reads it from the list`);
  }
  assertNoneKicked(devices);

  // a tab opened afterwards missed the status message, and reads the same state from the conversation list
  const later = await device(alice, { deviceId: 'tab-3' });
  assert.equal(entry(await later.command('conversation.list'), 1, bob).peerReadTime, sent.sentTime);
  assertNoneKicked([...devices, later]);

  // bob's own list shows no peer read time: alice has not read anything of his
  assert.equal(entry(await b.command('conversation.list'), 1, alice).peerReadTime, 0);
});

test('group read receipts reach every device of the sender, and a later tab reads the count', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const groupId = uid('grp');
  await server.callApi('/group/create.json', [['userId', alice], ['userId', bob], ['groupId', groupId],
    ['groupName', groupId]]);
  const devices = await aliceDevices(alice);
  const b = await device(bob, { platform: 'iOS' });

  const sent = await devices[1].send({ conversationType: 3, targetId: groupId, objectName: 'RC:TxtMsg',
    content: { content: 'hello group' } });
  await waitFor(() => b.received.some((m) => m.messageUid === sent.messageUid), 10_000, 'bob gets the message');
  await b.send({ conversationType: 3, targetId: groupId, objectName: 'RC:RRRspMsg',
    content: { receiptMessageDic: { [alice]: [sent.messageUid] } } });
  for (const d of devices) {
    await waitFor(() => of(d, 'RC:RRRspMsg').length === 1, 10_000, `${d.deviceId} gets the group receipt`);
    const receipts = await d.command('message.receipts', { targetId: groupId, messageUid: sent.messageUid });
    assert.equal(receipts.readCount, 1);
  }
  const later = await device(alice, { deviceId: 'tab-3' });
  const receipts = await later.command('message.receipts', { targetId: groupId, messageUid: sent.messageUid });
  assert.equal(receipts.readCount, 1);
  assert.deepEqual(receipts.readers.map((r) => r.userId), [bob]);
  assertNoneKicked([...devices, later]);
});

test('one device reading syncs the others: RC:SRSMsg reaches them, and a later tab reads no unread', async () => {
  const alice = uid('alice');
  const bob = uid('bob');
  const devices = await aliceDevices(alice);
  const [tab1, tab2, phone] = devices;
  const b = await device(bob, { platform: 'iOS' });

  const sent = await b.send({ conversationType: 1, targetId: alice, objectName: 'RC:TxtMsg', content: { content: 'read me' } });
  await waitFor(() => devices.every((d) => d.received.some((m) => m.messageUid === sent.messageUid)), 10_000,
    'every device of alice gets it');
  assert.equal(entry(await tab1.command('conversation.list'), 1, bob).unreadCount, 1);

  await phone.send({ conversationType: 1, targetId: bob, objectName: 'RC:SRSMsg',
    content: { lastMessageSendTime: sent.sentTime } });
  for (const d of [tab1, tab2]) {
    await waitFor(() => of(d, 'RC:SRSMsg').length === 1, 10_000, `${d.deviceId} gets the read sync`);
    const conv = entry(await d.command('conversation.list'), 1, bob);
    assert.equal(conv.unreadCount, 0);
    assert.equal(conv.readTime, sent.sentTime);
  }
  assert.equal(of(b, 'RC:SRSMsg').length, 0, 'a read sync is for the sender\'s own devices only');
  const later = await device(alice, { deviceId: 'tab-3' });
  assert.equal(entry(await later.command('conversation.list'), 1, bob).unreadCount, 0);
  assertNoneKicked([...devices, later]);
});

test('a second Android phone kicks the first with 31010, and the web tabs stay', async () => {
  const alice = uid('alice');
  const devices = await aliceDevices(alice);
  const [tab1, tab2, phone] = devices;
  const newPhone = await device(alice, { deviceId: 'new-phone', platform: 'Android' });
  await waitFor(() => phone.status === Status.KICKED, 10_000, 'the old phone is kicked');
  assert.deepEqual(phone.statuses.filter((s) => s.status === Status.KICKED), [{ status: Status.KICKED, code: 31010 }]);
  assertNoneKicked([tab1, tab2, newPhone]);
  const online = await server.callApi('/user/checkOnline.json', { userId: alice });
  assert.equal(String(online.status), '1');
});
