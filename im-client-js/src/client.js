/**
 * The Parley client: one WebSocket connection (JSON text frames) to a Parley server, with reconnection,
 * inbox sync, idempotent sends, plugin commands and events. Mirrors the Java SDK's `ClientCore`,
 * `InboxSync` and `PendingSends`; see docs/protocol.md for the wire protocol.
 *
 * @module client
 */
import { Backoff } from './backoff.js';
import { InboxSequencer } from './sequencer.js';

/** CONNACK / ERROR codes after which the client stops instead of reconnecting: the token is bad. */
export const TOKEN_CODES = new Set([31004, 31020]);
/** Codes after which the client stops: protocol version, refused, user blocked. */
export const REFUSAL_CODES = new Set([31001, 31002, 31009]);
/** KICKED by another device (or by a token expiry, 31020). */
export const KICKED_CODE = 31010;
/** Local error codes. */
export const ErrorCodes = Object.freeze({ TIMEOUT: -1, CLOSED: -2, CONNECTION_LOST: -3, NOT_CONNECTED: -4 });

/** Connection states reported to `onStatus` listeners. */
export const Status = Object.freeze({
  IDLE: 'idle',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  DISCONNECTED: 'disconnected', // lost; a reconnect is scheduled
  KICKED: 'kicked', // terminal
  TOKEN_INCORRECT: 'token_incorrect', // terminal
  CONNECT_REFUSED: 'connect_refused', // terminal
  CLOSED: 'closed', // terminal: close() or logout()
});
const TERMINAL = new Set([Status.KICKED, Status.TOKEN_INCORRECT, Status.CONNECT_REFUSED, Status.CLOSED]);

const MAX_FUTILE_SYNCS = 3;
const SYNC_RETRY_MS = 500;
const OPEN = 1;

/** An error from the server (a code of the protocol) or from the SDK (a negative `ErrorCodes` value). */
export class ParleyError extends Error {
  /** @param {number} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
  }
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost), so a page
 * served over plain HTTP on a LAN address builds one from `crypto.getRandomValues`.
 * @returns {string}
 */
export function randomUuid() {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * @typedef {object} ClientOptions
 * @property {string} url the WebSocket URL, e.g. `ws://127.0.0.1:9000/websocket`
 * @property {string} token from the server API's `/user/getToken.json`
 * @property {string} [deviceId] stable per installation, 1–64 characters; a random UUID by default
 * @property {string} [platform='Web']
 * @property {Function} [WebSocket] a WebSocket constructor (e.g. the `ws` package's); `globalThis.WebSocket` by default
 * @property {{load(): (number|Promise<number>), save(cursor: number): (void|Promise<void>)}} [cursorStore]
 *   where the inbox cursor is kept across clients; in memory by default
 * @property {number} [syncPageSize=200]
 * @property {number} [connectTimeoutMs=10000] how long to wait for CONNACK on one attempt
 * @property {number} [sendAckTimeoutMs=10000] after this long without SEND_ACK, a send is written again (same clientMsgId)
 * @property {number} [sendDeadlineMs=60000] how long a send is retried before it fails with `ErrorCodes.TIMEOUT`
 * @property {number} [commandTimeoutMs=10000] for COMMAND and SYNC answers
 * @property {number} [reconnectInitialMs=200]
 * @property {number} [reconnectMaxMs=10000]
 * @property {number} [ackIntervalMs=1000] how long a processed cursor may wait before it is ACKed
 * @property {number} [ackEveryMessages=32] ACK at once after this many processed messages
 * @property {number} [defaultHeartbeatSeconds=30] used when CONNACK gives none
 * @property {boolean} [freshDeviceFromHead=false] a device whose cursor store holds nothing yet (`load()` gives
 *   null or undefined) starts at the inbox head from its first CONNACK instead of syncing the whole offline
 *   backlog; the app shows older messages from the conversation list and `history.query`
 * @property {number} [tickMs=250] the period of the internal timer
 * @property {string} [sdkVersion]
 */

/**
 * @typedef {object} SendResult
 * @property {string} clientMsgId
 * @property {string} messageUid
 * @property {number} seq the conversation seq (0 for a status message)
 * @property {number} sentTime
 * @property {number} inboxSeq the seq of the sender's own inbox entry
 */

/** A Parley client. Create it, add listeners, then `connect()`. */
export class ParleyClient {
  /** @param {ClientOptions} options */
  constructor(options) {
    if (!options || !options.url || !options.token) throw new TypeError('url and token are required');
    const o = {
      deviceId: undefined,
      platform: 'Web',
      WebSocket: globalThis.WebSocket,
      cursorStore: null,
      syncPageSize: 200,
      connectTimeoutMs: 10_000,
      sendAckTimeoutMs: 10_000,
      sendDeadlineMs: 60_000,
      commandTimeoutMs: 10_000,
      reconnectInitialMs: 200,
      reconnectMaxMs: 10_000,
      ackIntervalMs: 1000,
      ackEveryMessages: 32,
      defaultHeartbeatSeconds: 30,
      freshDeviceFromHead: false,
      tickMs: 250,
      sdkVersion: 'parley-js/0.1.0',
      uuid: randomUuid,
      ...options,
    };
    if (typeof o.WebSocket !== 'function') {
      throw new TypeError('no WebSocket: pass options.WebSocket (e.g. the ws package) on Node');
    }
    if (!o.deviceId) o.deviceId = o.uuid();
    /** @private */ this._o = o;
    /** @private */ this._backoff = new Backoff(o.reconnectInitialMs, o.reconnectMaxMs);
    /** @private */ this._listeners = { message: new Set(), status: new Set(), event: new Set() };
    /** @private */ this._status = Status.IDLE;
    /** @private */ this._ws = null;
    /** @private */ this._connected = false;
    /** @private */ this._nextRequestId = 1;
    /** @private @type {Map<number, object>} */ this._sends = new Map();
    /** @private @type {Map<number, object>} */ this._commands = new Map();
    /** @private */ this._connectWaiters = [];
    /** @private */ this._seq = null;
    /** @private */ this._sync = { running: false, requestId: 0, sentAt: 0, futile: 0, retry: null };
    /** @private */ this._ack = { processed: 0, acked: 0, firstUnackedAt: 0 };
    /** @private */ this._timer = null;
    /** @private */ this._reconnectTimer = null;
    /** @private */ this._connectStartedAt = 0;
    /** @private */ this._lastSentAt = 0;
    /** @private */ this._lastReceivedAt = 0;
    /** @private */ this._heartbeatMs = o.defaultHeartbeatSeconds * 1000;
    /** The user id from CONNACK, or null. @type {string|null} */
    this.userId = null;
  }

  /** The connection status (one of `Status`). @returns {string} */
  get status() {
    return this._status;
  }

  /** The inbox cursor: the last inbox seq handed to the message listeners. @returns {number} */
  get cursor() {
    return this._seq ? this._seq.cursor : 0;
  }

  /** The device id sent in CONNECT. @returns {string} */
  get deviceId() {
    return this._o.deviceId;
  }

  /**
   * Adds a message listener: called with each WireMessage, once per inbox seq, in inbox order (status
   * messages, `inboxSeq` 0, at once). @param {(message: object) => void} listener @returns {() => void} removes it
   */
  onMessage(listener) {
    return this._add('message', listener);
  }

  /** Adds a status listener. @param {(status: string, error?: ParleyError) => void} listener @returns {() => void} */
  onStatus(listener) {
    return this._add('status', listener);
  }

  /** Adds an EVENT listener. @param {(event: {name: string, body: object}) => void} listener @returns {() => void} */
  onEvent(listener) {
    return this._add('event', listener);
  }

  /**
   * Connects (loading the cursor from the cursor store first). Resolves with the CONNACK body once
   * connected; network failures are retried with backoff meanwhile. Rejects when the client stops: a token
   * error, a refusal, a kick, or `close()`.
   * @returns {Promise<object>}
   */
  async connect() {
    if (TERMINAL.has(this._status)) throw new ParleyError(ErrorCodes.CLOSED, `client is ${this._status}`);
    if (!this._seq) {
      let stored = null;
      if (this._o.cursorStore) stored = await this._o.cursorStore.load();
      const cursor = Number(stored) || 0;
      if (!this._seq) {
        this._seq = new InboxSequencer(cursor);
        this._ack.processed = this._ack.acked = cursor;
        this._startAtHead = this._o.freshDeviceFromHead && (stored === null || stored === undefined);
      }
    }
    const waiter = new Promise((resolve, reject) => this._connectWaiters.push({ resolve, reject }));
    if (this._connected) {
      this._connectWaiters.pop();
      return this._connack;
    }
    if (!this._ws && !this._reconnectTimer) this._open();
    if (!this._timer) {
      this._timer = setInterval(() => this._tick(), this._o.tickMs);
      if (typeof this._timer.unref === 'function') this._timer.unref();
    }
    return waiter;
  }

  /**
   * Sends a message. Resolves once the server committed it (SEND_ACK code 0); while unanswered it is written
   * again, with the same `clientMsgId`, after a reconnect or `sendAckTimeoutMs`, until `sendDeadlineMs`.
   * @param {{conversationType: number, targetId: string, objectName: string, content: (string|object),
   *   pushContent?: string, pushData?: string, persisted?: boolean, counted?: boolean, clientMsgId?: string}} message
   *   `content` objects are JSON-encoded; `clientMsgId` defaults to a random UUID
   * @returns {Promise<SendResult>}
   */
  send(message) {
    if (TERMINAL.has(this._status)) return Promise.reject(new ParleyError(ErrorCodes.CLOSED, `client is ${this._status}`));
    const body = {
      clientMsgId: message.clientMsgId || this._o.uuid(),
      conversationType: message.conversationType,
      targetId: message.targetId,
      objectName: message.objectName,
      content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
    };
    for (const k of ['pushContent', 'pushData', 'persisted', 'counted']) {
      if (message[k] !== undefined && message[k] !== null) body[k] = message[k];
    }
    const requestId = this._requestId();
    return new Promise((resolve, reject) => {
      const send = { requestId, body, resolve, reject, deadline: Date.now() + this._o.sendDeadlineMs,
        lastWrite: 0, attempts: 0 };
      this._sends.set(requestId, send);
      if (this._connected) this._writeSend(send);
    });
  }

  /**
   * Calls a plugin or kernel command (e.g. `conversation.list`). Needs a connection; not retried.
   * @param {string} name @param {object} [body] @returns {Promise<object>} the result body; rejects with a ParleyError
   */
  command(name, body = {}) {
    if (!this._connected) return Promise.reject(new ParleyError(ErrorCodes.NOT_CONNECTED, 'not connected'));
    const requestId = this._requestId();
    return new Promise((resolve, reject) => {
      this._commands.set(requestId, { resolve, reject, deadline: Date.now() + this._o.commandTimeoutMs, name });
      this._write('COMMAND', requestId, { name, body });
    });
  }

  /** Leaves without signing out (presence `offline`): ACKs the cursor, sends DISCONNECT, stops. */
  close() {
    this._leave(false);
  }

  /** Signs out (presence `logout`): ACKs the cursor, sends DISCONNECT{logout: true}, stops. */
  logout() {
    this._leave(true);
  }

  // ---------------------------------------------------------------- connection

  /** @private */
  _leave(logout) {
    if (TERMINAL.has(this._status)) return;
    if (this._connected) {
      if (this._ack.processed > this._ack.acked) this._sendAck();
      this._write('DISCONNECT', 0, { logout, reason: logout ? 'logout' : 'close' });
    }
    this._stop(Status.CLOSED, new ParleyError(ErrorCodes.CLOSED, 'client closed'));
  }

  /** @private */
  _open() {
    this._reconnectTimer = null;
    this._setStatus(Status.CONNECTING);
    let ws;
    try {
      ws = new this._o.WebSocket(this._o.url);
    } catch (e) {
      this._attemptFailed(null, new ParleyError(ErrorCodes.CONNECTION_LOST, String(e && e.message)));
      return;
    }
    this._ws = ws;
    this._connected = false;
    this._connectStartedAt = Date.now();
    ws.onopen = () => {
      if (this._ws !== ws) return;
      this._write('CONNECT', this._requestId(), {
        token: this._o.token, deviceId: this._o.deviceId, platform: this._o.platform,
        inboxCursor: this._seq.cursor, sdkVersion: this._o.sdkVersion,
      });
    };
    ws.onmessage = (ev) => {
      if (this._ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
      } catch {
        return; // binary or garbage: this client speaks JSON text frames only
      }
      this._lastReceivedAt = Date.now();
      this._onFrame(ws, frame);
    };
    ws.onerror = () => {}; // a close follows
    ws.onclose = () => {
      if (this._ws !== ws) return;
      this._attemptFailed(ws, new ParleyError(ErrorCodes.CONNECTION_LOST, 'connection closed'));
    };
  }

  /** @private a connection ended or failed: reconnect later unless stopped */
  _attemptFailed(ws, error) {
    this._detach(ws);
    if (TERMINAL.has(this._status)) return;
    this._setStatus(Status.DISCONNECTED, error);
    const delay = this._backoff.next();
    this._reconnectTimer = setTimeout(() => this._open(), delay);
  }

  /** @private forgets the connection (closing it if open) and everything that lived on it */
  _detach(ws) {
    const current = ws || this._ws;
    if (current && this._ws === current) {
      this._ws = null;
      current.onopen = current.onmessage = current.onclose = null;
      current.onerror = () => {};
      try { current.close(); } catch { /* already closed */ }
    }
    this._connected = false;
    this._sync.running = false;
    this._cancelSyncRetry();
    for (const send of this._sends.values()) send.lastWrite = 0;
    const commands = [...this._commands.values()];
    this._commands.clear();
    for (const c of commands) c.reject(new ParleyError(ErrorCodes.CONNECTION_LOST, `connection lost during ${c.name}`));
  }

  /** @private stops for good */
  _stop(status, error) {
    this._detach(null);
    if (this._reconnectTimer) clearTimeout(this._reconnectTimer);
    this._reconnectTimer = null;
    if (this._timer) clearInterval(this._timer);
    this._timer = null;
    this._setStatus(status, error);
    const sends = [...this._sends.values()];
    this._sends.clear();
    for (const s of sends) s.reject(error);
    const waiters = this._connectWaiters.splice(0);
    for (const w of waiters) w.reject(error);
  }

  /** @private */
  _refused(ws, code, message) {
    const error = new ParleyError(code, message || `connection refused: ${code}`);
    if (TOKEN_CODES.has(code)) this._stop(Status.TOKEN_INCORRECT, error);
    else if (REFUSAL_CODES.has(code)) this._stop(Status.CONNECT_REFUSED, error);
    else if (code === KICKED_CODE) this._stop(Status.KICKED, error);
    else this._attemptFailed(ws, error);
  }

  /** @private */
  _onFrame(ws, { type, requestId = 0, body }) {
    body = body || {};
    switch (type) {
      case 'CONNACK':
        if (body.code === 0) this._onConnack(body);
        else this._refused(ws, body.code, body.message);
        break;
      case 'PONG':
        break;
      case 'SEND_ACK':
        this._onSendAck(requestId, body);
        break;
      case 'DELIVER':
        if (body.message) this._onDeliver(body.message);
        break;
      case 'SYNC_RESULT':
        this._onSyncResult(requestId, body);
        break;
      case 'KICKED':
        this._stop(Status.KICKED, new ParleyError(body.code || KICKED_CODE, body.reason || 'kicked'));
        break;
      case 'ERROR':
        this._onError(ws, requestId, body);
        break;
      case 'COMMAND_RESULT': {
        const c = this._commands.get(requestId);
        if (!c) break;
        this._commands.delete(requestId);
        if (body.code === 0) c.resolve(body.body || {});
        else c.reject(new ParleyError(body.code, body.message || `command ${c.name} failed: ${body.code}`));
        break;
      }
      case 'EVENT':
        this._emit('event', { name: body.name, body: body.body || {} });
        break;
      default:
        break; // unknown frames are ignored
    }
  }

  /** @private */
  _onConnack(body) {
    if (this._startAtHead) {
      this._startAtHead = false;
      const head = Number(body.inboxHead) || 0;
      if (head > this._seq.cursor) {
        this._seq = new InboxSequencer(head);
        this._ack.processed = head;
        this._ack.firstUnackedAt = Date.now();
        if (this._o.cursorStore) {
          try { Promise.resolve(this._o.cursorStore.save(head)).catch(() => {}); } catch { /* see _dispatch */ }
        }
      }
    }
    this._connected = true;
    this._connack = body;
    this.userId = body.userId;
    this._backoff.reset();
    this._heartbeatMs = (body.heartbeatSeconds > 0 ? body.heartbeatSeconds : this._o.defaultHeartbeatSeconds) * 1000;
    this._setStatus(Status.CONNECTED);
    for (const w of this._connectWaiters.splice(0)) w.resolve(body);
    for (const send of this._sends.values()) this._writeSend(send); // oldest first: Map keeps insertion order
    this._sync.futile = 0;
    if (this._ack.processed > this._ack.acked) this._sendAck();
    this._requestSync();
  }

  /** @private */
  _onError(ws, requestId, body) {
    const error = new ParleyError(body.code, body.message || `error ${body.code}`);
    if (!this._connected) {
      this._refused(ws, body.code, body.message);
      return;
    }
    if (requestId !== 0) {
      const c = this._commands.get(requestId);
      const s = this._sends.get(requestId);
      if (c) { this._commands.delete(requestId); c.reject(error); }
      else if (s) { this._sends.delete(requestId); s.reject(error); }
      else if (this._sync.running && requestId === this._sync.requestId) {
        this._sync.running = false;
        this._scheduleSyncRetry();
      }
    }
    if (body.code === 31001) this._stop(Status.CONNECT_REFUSED, error);
    // other fatal errors: the server closes the connection, and onclose reconnects
  }

  /** @private */
  _tick() {
    const now = Date.now();
    // send deadlines and re-writes
    for (const [id, s] of [...this._sends]) {
      if (now >= s.deadline) {
        this._sends.delete(id);
        s.reject(new ParleyError(ErrorCodes.TIMEOUT,
          `send ${s.body.clientMsgId} not acknowledged before its deadline after ${s.attempts} attempt(s)`));
      } else if (this._connected && s.lastWrite !== 0 && now - s.lastWrite >= this._o.sendAckTimeoutMs) {
        this._writeSend(s);
      }
    }
    for (const [id, c] of [...this._commands]) {
      if (now >= c.deadline) {
        this._commands.delete(id);
        c.reject(new ParleyError(ErrorCodes.TIMEOUT, `command ${c.name} timed out`));
      }
    }
    if (this._ws && !this._connected && now - this._connectStartedAt >= this._o.connectTimeoutMs) {
      this._attemptFailed(this._ws, new ParleyError(ErrorCodes.TIMEOUT, 'no CONNACK in time'));
      return;
    }
    if (!this._connected) return;
    if (this._ack.processed > this._ack.acked && now - this._ack.firstUnackedAt >= this._o.ackIntervalMs) {
      this._sendAck();
    }
    const syncStuck = this._sync.running && now - this._sync.sentAt >= this._o.commandTimeoutMs;
    const silent = now - this._lastReceivedAt >= 3 * this._heartbeatMs;
    if (syncStuck || silent) {
      this._attemptFailed(this._ws, new ParleyError(ErrorCodes.TIMEOUT, syncStuck ? 'sync unanswered' : 'server silent'));
      return;
    }
    if (now - this._lastSentAt >= this._heartbeatMs || now - this._lastReceivedAt >= this._heartbeatMs) {
      this._write('PING', this._requestId(), {});
    }
  }

  /** @private */
  _requestId() {
    const id = this._nextRequestId;
    this._nextRequestId = id >= 0x7fffffff ? 1 : id + 1;
    return id;
  }

  /** @private @returns {boolean} whether the frame was written */
  _write(type, requestId, body) {
    const ws = this._ws;
    if (!ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify({ type, requestId, body }));
    } catch {
      return false;
    }
    this._lastSentAt = Date.now();
    return true;
  }

  /** @private the same request id and body (so the same clientMsgId) on every attempt */
  _writeSend(send) {
    if (this._write('SEND', send.requestId, send.body)) {
      send.lastWrite = Date.now();
      send.attempts++;
    }
  }

  /** @private */
  _onSendAck(requestId, ack) {
    const send = this._sends.get(requestId);
    if (!send) return;
    this._sends.delete(requestId);
    if (ack.code === 0) {
      send.resolve({ clientMsgId: send.body.clientMsgId, messageUid: ack.messageUid, seq: ack.seq || 0,
        sentTime: ack.sentTime || 0, inboxSeq: ack.inboxSeq || 0 });
    } else {
      send.reject(new ParleyError(ack.code, ack.message || 'send refused'));
    }
  }

  // ---------------------------------------------------------------- inbox

  /** @private */
  _onDeliver(message) {
    const outcome = this._seq.accept(message);
    this._dispatch(outcome);
    if (outcome.gap) this._requestSync();
  }

  /** @private starts a sync pass unless one is running or there is no connection */
  _requestSync() {
    if (!this._connected || this._sync.running) return;
    this._cancelSyncRetry();
    const requestId = this._requestId();
    if (this._write('SYNC', requestId, { inboxAfter: this._seq.cursor, limit: this._o.syncPageSize })) {
      Object.assign(this._sync, { running: true, requestId, sentAt: Date.now() });
    }
  }

  /** @private */
  _onSyncResult(requestId, page) {
    if (!this._sync.running || requestId !== this._sync.requestId) return;
    this._sync.running = false;
    const before = this._seq.cursor;
    this._dispatch(this._seq.acceptSyncPage(page.inboxMessages, page.inboxCursor || 0));
    if (!this._connected) return; // a listener closed the client
    const progress = this._seq.cursor > before;
    if (page.finished && !this._seq.hasGap()) {
      this._sync.futile = 0;
    } else if (progress) {
      this._sync.futile = 0;
      this._requestSync();
    } else if (++this._sync.futile < MAX_FUTILE_SYNCS) {
      this._scheduleSyncRetry();
    } else {
      this._sync.futile = 0;
      if (page.finished && this._seq.hasGap()) this._dispatch(this._seq.skipGap());
    }
  }

  /** @private */
  _scheduleSyncRetry() {
    this._cancelSyncRetry();
    this._sync.retry = setTimeout(() => this._requestSync(), SYNC_RETRY_MS);
  }

  /** @private */
  _cancelSyncRetry() {
    if (this._sync.retry) clearTimeout(this._sync.retry);
    this._sync.retry = null;
  }

  /** @private hands messages to the listeners, then saves and (coalesced) ACKs the cursor */
  _dispatch({ dispatch, cursor }) {
    for (const m of dispatch) this._emit('message', m);
    if (cursor <= this._ack.processed) return;
    if (this._ack.processed <= this._ack.acked) this._ack.firstUnackedAt = Date.now();
    this._ack.processed = cursor;
    if (this._o.cursorStore) {
      try {
        Promise.resolve(this._o.cursorStore.save(cursor)).catch(() => {});
      } catch { /* a failing store must not break the client */ }
    }
    if (this._connected && this._ack.processed - this._ack.acked >= this._o.ackEveryMessages) this._sendAck();
  }

  /** @private */
  _sendAck() {
    const cursor = this._ack.processed;
    if (this._write('ACK', 0, { inboxCursor: cursor })) this._ack.acked = cursor;
  }

  // ---------------------------------------------------------------- listeners

  /** @private */
  _add(kind, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    this._listeners[kind].add(listener);
    return () => this._listeners[kind].delete(listener);
  }

  /** @private listeners run synchronously; their exceptions are reported and do not stop the client */
  _emit(kind, ...args) {
    for (const l of [...this._listeners[kind]]) {
      try {
        l(...args);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }

  /** @private */
  _setStatus(status, error) {
    if (this._status === status) return;
    this._status = status;
    this._emit('status', status, error);
  }
}
