// Sends refused as busy (33012) against a real Parley server whose bound of messages in flight is 1
// (message.max-in-flight), so that a burst of concurrent sends is mostly refused at first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient, SERVER_BUSY } from '../src/index.js';
import { startServer, waitFor } from '../test-support/server.js';

const BURST = 30;
let server;
const clients = [];
let run = 0;
const uid = (name) => `${name}-${process.pid}-${++run}`;

before(async () => {
  server = await startServer({ env: { PARLEY_MESSAGE_MAX_IN_FLIGHT: '1' } });
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
  await c.connect();
  return c;
}

/** How many sends the server has refused as busy so far, from its metrics. */
async function refusedBusy() {
  const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const match = /^im_messages_refused_busy_total(?:\{[^}]*\})? (\S+)$/m.exec(metrics);
  assert.ok(match, 'the server reports im_messages_refused_busy_total');
  return Number(match[1]);
}

const text = (to, i) => ({ conversationType: 1, targetId: to, objectName: 'RC:TxtMsg', content: { content: `burst ${i}` },
  clientMsgId: `busy-${run}-${i}` });

test('a burst the server refuses as busy is retried with the same clientMsgIds and committed once each', async () => {
  const [ada, ben] = [uid('ada'), uid('ben')];
  const a = await client(ada);
  const b = await client(ben);
  const refusedBefore = await refusedBusy();
  const acks = await Promise.all(Array.from({ length: BURST }, (_, i) => a.send(text(ben, i))));
  assert.ok(await refusedBusy() > refusedBefore, 'the server refused some of the burst as busy');
  assert.equal(new Set(acks.map((ack) => ack.messageUid)).size, BURST);
  assert.deepEqual(acks.map((ack) => ack.inboxSeq).sort((x, y) => x - y), Array.from({ length: BURST }, (_, i) => i + 1),
    'one inbox entry each: nothing stored twice');
  await waitFor(() => b.received.length === BURST, 10_000, 'the burst at ben');
  const last = await a.send(text(ben, 'last'));
  await waitFor(() => b.received.some((m) => m.clientMsgId === last.clientMsgId), 10_000, 'the last message');
  assert.deepEqual(b.received.map((m) => m.inboxSeq), Array.from({ length: BURST + 1 }, (_, i) => i + 1));
  assert.deepEqual(new Set(b.received.map((m) => m.clientMsgId)).size, BURST + 1);
});

test('a send still refused when its retry budget is spent fails with 33012, and nothing of it is stored', async () => {
  const [cal, dee] = [uid('cal'), uid('dee')];
  const c = await client(cal, { busyRetryTotalMs: 0 }); // no retry: the first refusal is final
  const d = await client(dee);
  const results = await Promise.allSettled(Array.from({ length: BURST }, (_, i) => c.send(text(dee, i))));
  const failed = results.filter((r) => r.status === 'rejected');
  const sent = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  assert.ok(failed.length > 0, 'some sends were refused as busy');
  for (const r of failed) assert.equal(r.reason.code, SERVER_BUSY, r.reason.message);

  const marker = await c.send({ ...text(dee, 'marker'), clientMsgId: `marker-${run}` });
  await waitFor(() => d.received.some((m) => m.clientMsgId === marker.clientMsgId), 10_000, 'the marker');
  assert.deepEqual(d.received.map((m) => m.clientMsgId).sort(),
    [...sent.map((s) => s.clientMsgId), marker.clientMsgId].sort(), 'only the committed sends reached dee');
});
