// The SDK over TLS: a server with tls.cert-file and tls.key-file (a self-signed certificate made by openssl, as an
// operator would), reached at wss://localhost, its certificate trusted through the ws package's `ca` option.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ParleyClient } from '../src/index.js';
import { startServer, waitFor } from '../test-support/server.js';

let server;
let certDir;
let ca;
const clients = [];

before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'parley-tls-'));
  const cert = join(certDir, 'server.crt');
  const key = join(certDir, 'server.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', key, '-out', cert], { stdio: 'pipe' });
  ca = readFileSync(cert, 'utf8');
  server = await startServer({ env: { PARLEY_TLS_CERT_FILE: cert, PARLEY_TLS_KEY_FILE: key }, ca });
});

after(async () => {
  for (const c of clients) c.close();
  if (server) await server.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

/** The ws package's WebSocket, trusting the test certificate, as an app with a private CA would configure it. */
class TrustingWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols, { ca });
  }
}

test('two clients chat over wss:// with the server certificate checked', async () => {
  assert.match(server.wsUrl, /^wss:\/\/localhost:/);
  const make = async (userId) => {
    const c = new ParleyClient({ url: server.wsUrl, token: await server.getToken(userId), WebSocket: TrustingWebSocket });
    clients.push(c);
    c.received = [];
    c.onMessage((m) => c.received.push(m));
    return c;
  };
  const alice = await make('tls-alice');
  const bob = await make('tls-bob');
  await Promise.all([alice.connect(), bob.connect()]);
  const sent = await alice.send({ conversationType: 1, targetId: 'tls-bob', objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: 'over TLS' }) });
  assert.ok(sent.messageUid);
  await waitFor(() => bob.received.length === 1, 10_000, 'the message over TLS');
  assert.equal(JSON.parse(bob.received[0].content).content, 'over TLS');
});

test('a client that does not trust the certificate is not connected', async () => {
  const untrusting = new WebSocket(server.wsUrl);
  const failure = await new Promise((resolve) => {
    untrusting.on('error', resolve);
    untrusting.on('open', () => resolve(null));
  });
  assert.ok(failure, 'the handshake must fail without the certificate trusted');
  assert.match(String(failure.code || failure.message), /SELF_SIGNED|self.signed|DEPTH_ZERO/i);
});
