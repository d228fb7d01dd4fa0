/**
 * The Parley client: one WebSocket connection (JSON text frames) to a Parley server, with reconnection,
 * inbox sync, group sync by conversation cursor, idempotent sends (retried when the server is busy), plugin
 * commands and events. Mirrors the Java SDK's `ClientCore`, `InboxSync` and `PendingSends`; see
 * docs/protocol.md for the wire protocol.
 *
 * @module client
 */
import { Backoff } from './backoff.js';
import { BusyRetry, SERVER_BUSY } from './busy-retry.js';
import { ConversationStreams, conversationKey, isGroupStreamMessage } from './conversation-streams.js';
import { InboxSequencer } from './sequencer.js';

/** CONNACK / ERROR codes after which the client stops instead of reconnecting: the token is bad. */
export const TOKEN_CODES = new Set([31004, 31020]);
/** Codes after which the client stops: protocol version, refused, user blocked, user deactivated. */
export const REFUSAL_CODES = new Set([31001, 31002, 31009, 31029]);
/** KICKED by another device (or by a token expiry, 31020). */
export const KICKED_CODE = 31010;
/** A SYNC for a group the user is not (or no longer) a member of. */
export const NOT_IN_GROUP = 22406;
/** Local error codes. */
export const ErrorCodes = Object.freeze({
  TIMEOUT: -1, CLOSED: -2, CONNECTION_LOST: -3, NOT_CONNECTED: -4,
  STORE_OF_ANOTHER_USER: -5, // the messageStore belongs to another user than the token's
});

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
 * @property {CursorStore} [cursorStore] where the cursors are kept across clients; in memory by default (the
 *   `messageStore` when one is given)
 * @property {import('./store/message-store.js').MessageStore} [messageStore] where messages, conversations and
 *   cursors are kept on the device (`indexedDbMessageStore`, `memoryMessageStore`): written as messages are
 *   dispatched, before the listeners run; see `client.store`
 * @property {number} [syncPageSize=200] messages per SYNC page (per conversation for conversation cursors)
 * @property {number} [syncConversationsPerRequest=20] how many groups one SYNC pulls at most
 * @property {number} [connectTimeoutMs=10000] how long to wait for CONNACK on one attempt
 * @property {number} [sendAckTimeoutMs=10000] after this long without SEND_ACK, a send is written again (same clientMsgId)
 * @property {number} [sendDeadlineMs=60000] how long a send is retried before it fails with `ErrorCodes.TIMEOUT`
 * @property {number} [busyRetryInitialMs=100] a send refused as busy (33012) is sent again after a random wait
 *   in [base/2, base], base starting here and doubling
 * @property {number} [busyRetryMaxMs=5000] up to this base
 * @property {number} [busyRetryTotalMs=30000] for this long after its first refusal (or until `sendDeadlineMs`,
 *   whichever is sooner); then the send fails with 33012
 * @property {number} [commandTimeoutMs=10000] for COMMAND and SYNC answers
 * @property {number} [reconnectInitialMs=200]
 * @property {number} [reconnectMaxMs=10000]
 * @property {number} [ackIntervalMs=1000] how long a processed cursor may wait before it is ACKed
 * @property {number} [ackEveryMessages=32] ACK at once after this many processed messages
 * @property {number} [defaultHeartbeatSeconds=30] used when CONNACK gives none
 * @property {boolean} [freshDeviceFromHead=false] a device whose cursor store holds nothing yet (`load()` gives
 *   null or undefined) starts at the inbox head from its first CONNACK, and each of its groups at the head the
 *   first heads pass reports, instead of syncing the whole offline backlog; the app shows older messages from
 *   the conversation list and `history.query`
 * @property {number} [tickMs=250] the period of the internal timer
 * @property {string} [sdkVersion]
 */

/**
 * Where a device keeps its cursors. `load()` and `save(n)` keep the inbox cursor (`load()` gives null or
 * undefined on a fresh device). The three conversation methods are optional: without them, group cursors live in
 * the client's memory only (a new client starts each group at 0, or at its head on a fresh device with
 * `freshDeviceFromHead`). Any method may return a promise.
 * @typedef {object} CursorStore
 * @property {() => (number|null|undefined|Promise<number|null|undefined>)} load
 * @property {(cursor: number) => (void|Promise<void>)} save
 * @property {() => (Record<string, number>|Map<string, number>|Iterable<[string, number]>|Promise<any>)} [loadConversations]
 *   the conversation cursors saved, by key (`<conversationType>:<targetId>`, e.g. `3:team`)
 * @property {(key: string, cursor: number) => (void|Promise<void>)} [saveConversation] a conversation's cursor moved
 * @property {(key: string) => (void|Promise<void>)} [deleteConversation] the user is no longer in that group
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
      messageStore: null,
      syncPageSize: 200,
      syncConversationsPerRequest: 20,
      connectTimeoutMs: 10_000,
      sendAckTimeoutMs: 10_000,
      sendDeadlineMs: 60_000,
      busyRetryInitialMs: 100,
      busyRetryMaxMs: 5000,
      busyRetryTotalMs: 30_000,
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
    if (!o.cursorStore && o.messageStore) o.cursorStore = o.messageStore;
    /** @private */ this._o = o;
    /** @private */ this._backoff = new Backoff(o.reconnectInitialMs, o.reconnectMaxMs);
    /** @private */ this._listeners = { message: new Set(), notice: new Set(), status: new Set(), event: new Set() };
    /** @private */ this._status = Status.IDLE;
    /** @private */ this._ws = null;
    /** @private */ this._connected = false;
    /** @private */ this._nextRequestId = 1;
    /** @private @type {Map<number, object>} */ this._sends = new Map();
    /** @private @type {Map<number, object>} */ this._commands = new Map();
    /** @private */ this._connectWaiters = [];
    /** @private the inbox's sequencer, made by connect() from the stored cursor */
    this._seq = null;
    /** @private the groups' sequencers (ConversationStreams), made with _seq */
    this._groups = null;
    /** @private the last cursor handed to the store, per conversation key */
    this._savedConversations = new Map();
    /** @private whether groups without a cursor start at their head (a fresh device, until a heads pass ends) */
    this._groupsFromHead = false;
    /** @private one SYNC at a time: the one in flight (`body` as sent), and the inbox's futile passes */
    this._sync = { running: false, requestId: 0, sentAt: 0, body: null, futile: 0, retry: null };
    /** @private what SYNC still has to do besides group pulls: page the inbox, page the heads (from headsAfter) */
    this._need = { inbox: false, headsAfter: null };
    /** @private */ this._ack = { processed: 0, acked: 0, firstUnackedAt: 0 };
    /** @private */ this._timer = null;
    /** @private */ this._reconnectTimer = null;
    /** @private the rewrite of the sends refused as busy, while one is planned */ this._busyTimer = null;
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

  /**
   * A group's cursor: the last seq of its conversation handed to the message listeners (or skipped on the
   * server's word), or undefined when this device follows no such conversation.
   * @param {number} conversationType 3 @param {string} targetId the group id @returns {number|undefined}
   */
  conversationCursor(conversationType, targetId) {
    return this._groups ? this._groups.cursor(conversationKey(conversationType, targetId)) : undefined;
  }

  /**
   * The message store (the `messageStore` option), or null: conversations, history and search on the device,
   * usable before `connect()` and without a network. @returns {import('./store/message-store.js').MessageStore|null}
   */
  get store() {
    return this._o.messageStore || null;
  }

  /** The device id sent in CONNECT. @returns {string} */
  get deviceId() {
    return this._o.deviceId;
  }

  /**
   * Adds a message listener: called with each WireMessage once, in the order of its stream: inbox messages in
   * inbox order, each group's messages in the group's seq order; status messages (both seqs 0) and ultragroup
   * messages (see `UltragroupClient`) at once. Plugins' notices go to `onNotice` listeners instead.
   * @param {(message: object) => void} listener
   * @returns {() => void} removes it
   */
  onMessage(listener) {
    return this._add('message', listener);
  }

  /**
   * Adds a notice listener: called with each plugin's notice (a WireMessage with `notice: true`, from
   * `plugin:<name>`, named by its `objectName`, e.g. `Reactions:Changed`, with its `content`) once, in order with
   * the messages of its stream, whether it came by DELIVER or by SYNC. Notices never reach the message listeners:
   * they are not messages to show, keep or count as unread, but changes for the app to apply.
   * @param {(notice: object) => void} listener @returns {() => void} removes it
   */
  onNotice(listener) {
    return this._add('notice', listener);
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
      const store = this._o.cursorStore;
      let stored = null;
      let conversations = null;
      if (store) {
        stored = await store.load();
        if (typeof store.loadConversations === 'function') conversations = await store.loadConversations();
      }
      const cursor = Number(stored) || 0;
      if (!this._seq) {
        this._seq = new InboxSequencer(cursor);
        this._groups = new ConversationStreams({ retryMs: SYNC_RETRY_MS });
        const entries = conversationEntries(conversations);
        this._groups.load(entries);
        for (const [key, n] of entries) this._savedConversations.set(key, Number(n) || 0);
        this._ack.processed = this._ack.acked = cursor;
        this._startAtHead = this._o.freshDeviceFromHead && (stored === null || stored === undefined);
        this._groupsFromHead = this._startAtHead;
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
   * again, with the same `clientMsgId`, after a reconnect or `sendAckTimeoutMs`, until `sendDeadlineMs`; refused
   * as busy (33012), after a backoff (see the `busyRetry*` options).
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
        lastWrite: 0, attempts: 0, busy: null };
      this._sends.set(requestId, send);
      // while the server says busy, a new send waits behind the refused ones
      if (this._connected && !this._busyTimer) this._writeSend(send);
    });
  }

  /**
   * Calls a plugin or kernel command (e.g. `conversation.list`). Needs a connection; not retried. The pages of
   * `history.query` are kept in the message store (never counted as unread) before the promise resolves.
   * @param {string} name @param {object} [body] @returns {Promise<object>} the result body; rejects with a ParleyError
   */
  command(name, body = {}) {
    if (!this._connected) return Promise.reject(new ParleyError(ErrorCodes.NOT_CONNECTED, 'not connected'));
    const requestId = this._requestId();
    const answer = new Promise((resolve, reject) => {
      this._commands.set(requestId, { resolve, reject, deadline: Date.now() + this._o.commandTimeoutMs, name });
      this._write('COMMAND', requestId, { name, body });
    });
    return name === 'history.query' && this.store ? answer.then((result) => this._keepHistory(body, result)) : answer;
  }

  /** Leaves without signing out (presence `offline`): ACKs the cursor, sends DISCONNECT, stops. */
  close() {
    this._leave(false);
  }

  /**
   * Signs out (presence `logout`): ACKs the cursor, sends DISCONNECT{logout: true}, stops. With `wipe`, the message
   * store's data (for IndexedDB: the user's database) is deleted too.
   * @param {{wipe?: boolean}} [options] @returns {Promise<void>} resolves once wiped
   */
  async logout({ wipe = false } = {}) {
    this._leave(true);
    if (wipe && this.store) await this.store.wipe();
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
    if (this._groups) this._groups.abandonHeads();
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
    clearTimeout(this._busyTimer);
    this._busyTimer = null;
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
        if (body.name === 'conversation.changed' && this.store) {
          this._storeWrite(() => this.store.applyConversationChange(body.body || {}));
        }
        this._emit('event', { name: body.name, body: body.body || {} });
        break;
      default:
        break; // unknown frames are ignored
    }
  }

  /** @private */
  _onConnack(body) {
    const store = this.store;
    if (store && store.userId && store.userId !== body.userId) {
      this._stop(Status.CONNECT_REFUSED, new ParleyError(ErrorCodes.STORE_OF_ANOTHER_USER,
        `the message store is ${store.userId}'s, the token ${body.userId}'s`));
      return;
    }
    if (store && !store.userId) store.userId = body.userId;
    if (this._startAtHead) {
      this._startAtHead = false;
      const head = Number(body.inboxHead) || 0;
      if (head > this._seq.cursor) {
        this._seq = new InboxSequencer(head);
        this._ack.processed = head;
        this._ack.firstUnackedAt = Date.now();
      }
      // saved even when 0, so that the next client of this device (a reload) is no longer fresh
      this._storeCall('save', head);
    }
    this._connected = true;
    this._connack = body;
    this.userId = body.userId;
    this._backoff.reset();
    this._heartbeatMs = (body.heartbeatSeconds > 0 ? body.heartbeatSeconds : this._o.defaultHeartbeatSeconds) * 1000;
    this._setStatus(Status.CONNECTED);
    for (const w of this._connectWaiters.splice(0)) w.resolve(body);
    clearTimeout(this._busyTimer);
    this._busyTimer = null;
    for (const send of this._sends.values()) this._writeSend(send); // oldest first: Map keeps insertion order
    this._sync.futile = 0;
    if (this._ack.processed > this._ack.acked) this._sendAck();
    // the inbox from its cursor, and the heads of the user's groups: those above their cursor are pulled next
    this._need.inbox = true;
    this._need.headsAfter = '';
    this._groups.beginHeads(this._groupsFromHead);
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
      else if (this._sync.running && requestId === this._sync.requestId) this._onSyncError(body.code);
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
    if (ack.code === SERVER_BUSY && this._retryBusy(send)) return;
    this._sends.delete(requestId);
    if (ack.code === 0) {
      send.resolve({ clientMsgId: send.body.clientMsgId, messageUid: ack.messageUid, seq: ack.seq || 0,
        sentTime: ack.sentTime || 0, inboxSeq: ack.inboxSeq || 0 });
    } else if (ack.code === SERVER_BUSY) {
      send.reject(new ParleyError(ack.code, `${ack.message || 'server busy'} (refused ${send.busy.refusals} times)`));
    } else {
      send.reject(new ParleyError(ack.code, ack.message || 'send refused'));
    }
  }

  /**
   * @private the server refused a send as busy, storing nothing: it is written again (same request id and
   * clientMsgId) after a backoff, unless that would pass its retry budget or deadline. The refused sends are written
   * again together, in the order they were made, by one timer, so that a retry never overtakes an earlier send.
   * @returns {boolean} whether a retry is planned
   */
  _retryBusy(send) {
    if (!send.busy) {
      send.busy = new BusyRetry({ initialMs: this._o.busyRetryInitialMs, maxMs: this._o.busyRetryMaxMs,
        totalMs: this._o.busyRetryTotalMs });
    }
    const delay = send.busy.next(send.deadline);
    if (delay < 0) return false;
    send.lastWrite = 0; // not in flight: the ack timeout does not rewrite it, the busy timer does
    if (!this._busyTimer) this._busyTimer = setTimeout(() => this._resendWaiting(), delay);
    return true;
  }

  /** @private after the busy backoff: every send not written on this connection, oldest first */
  _resendWaiting() {
    this._busyTimer = null;
    if (!this._connected) return; // CONNACK writes them
    for (const send of this._sends.values()) {
      if (send.lastWrite === 0) this._writeSend(send);
    }
  }

  // ---------------------------------------------------------------- streams: inbox and groups

  /** @private a DELIVER goes to its stream: a group's by conversation seq, else the inbox (status messages at once) */
  _onDeliver(message) {
    if (isGroupStreamMessage(message)) {
      const outcome = this._groups.accept(message);
      this._dispatchConversation(outcome);
      if (outcome.gap) this._requestSync();
      return;
    }
    const outcome = this._seq.accept(message);
    this._dispatch(outcome);
    if (outcome.gap) {
      this._need.inbox = true;
      this._requestSync();
    }
  }

  /**
   * @private writes the next SYNC unless one is in flight or there is no connection: the inbox and the heads
   * first (one SYNC carries both), then the groups that are behind, a batch at a time
   */
  _requestSync() {
    if (!this._connected || this._sync.running) return;
    this._cancelSyncRetry();
    const body = { limit: this._o.syncPageSize };
    if (this._need.inbox || this._need.headsAfter !== null) {
      if (this._need.inbox) body.inboxAfter = this._seq.cursor;
      if (this._need.headsAfter !== null) body.headsAfter = this._need.headsAfter;
    } else {
      const now = Date.now();
      const pull = this._groups.nextPull(now, this._o.syncConversationsPerRequest);
      if (pull.length === 0) {
        const at = this._groups.nextRetryAt(); // a group waits after a pull that found nothing below its buffer
        if (at > 0) this._scheduleSyncRetry(at - now);
        return;
      }
      body.conversations = pull;
    }
    const requestId = this._requestId();
    if (this._write('SYNC', requestId, body)) {
      Object.assign(this._sync, { running: true, requestId, sentAt: Date.now(), body });
    }
  }

  /** @private */
  _onSyncResult(requestId, page) {
    if (!this._sync.running || requestId !== this._sync.requestId) return;
    this._sync.running = false;
    const sent = this._sync.body;
    let wait = false;
    if (sent.inboxAfter !== undefined) {
      const before = this._seq.cursor;
      this._dispatch(this._seq.acceptSyncPage(page.inboxMessages, page.inboxCursor || 0));
      if (!this._connected) return; // a listener closed the client
      // `finished` is the inbox's alone: this SYNC carried no conversation cursors
      if (page.finished && !this._seq.hasGap()) {
        this._need.inbox = false;
        this._sync.futile = 0;
      } else if (this._seq.cursor > before) {
        this._sync.futile = 0;
      } else if (++this._sync.futile < MAX_FUTILE_SYNCS) {
        wait = true;
      } else {
        this._sync.futile = 0;
        this._need.inbox = false;
        if (page.finished && this._seq.hasGap()) this._dispatch(this._seq.skipGap());
      }
    }
    if (sent.headsAfter !== undefined) this._onHeads(page);
    if (sent.conversations) {
      const { outcomes } = this._groups.acceptPage(sent.conversations, page, Date.now());
      for (const outcome of outcomes) {
        this._dispatchConversation(outcome);
        if (!this._connected) return;
      }
    }
    if (!this._connected) return;
    if (wait) this._scheduleSyncRetry(SYNC_RETRY_MS);
    else this._requestSync();
  }

  /** @private a page of heads: groups above their cursor are planned for pulls; after the last, unlisted ones go */
  _onHeads(page) {
    if (!Array.isArray(page.heads)) {
      // a server that does not answer heads: keep every cursor, nothing to plan
      this._need.headsAfter = null;
      this._groups.abandonHeads();
      return;
    }
    for (const { key, cursor } of this._groups.heads(page.heads)) this._saveConversation(key, cursor);
    if (page.headsNext) {
      this._need.headsAfter = page.headsNext;
      return;
    }
    this._need.headsAfter = null;
    for (const key of this._groups.endHeads()) this._forgetConversation(key);
    this._groupsFromHead = false;
  }

  /** @private a SYNC was refused (ERROR with its request id) */
  _onSyncError(code) {
    this._sync.running = false;
    const sent = this._sync.body;
    if (code === NOT_IN_GROUP && sent.conversations) {
      // one of the groups is no longer the user's: alone, it is dropped; in a batch, each is pulled alone next
      for (const key of this._groups.refused(sent.conversations)) this._forgetConversation(key);
      this._requestSync();
    } else {
      this._scheduleSyncRetry(SYNC_RETRY_MS); // busy (33012) or another transient refusal
    }
  }

  /** @private */
  _scheduleSyncRetry(delayMs) {
    this._cancelSyncRetry();
    this._sync.retry = setTimeout(() => this._requestSync(), Math.max(0, delayMs));
  }

  /** @private */
  _cancelSyncRetry() {
    if (this._sync.retry) clearTimeout(this._sync.retry);
    this._sync.retry = null;
  }

  /** @private hands inbox messages to the listeners, then saves and (coalesced) ACKs the inbox cursor */
  _dispatch({ dispatch, cursor }) {
    this._record(dispatch);
    for (const m of dispatch) this._emitMessage(m);
    if (cursor <= this._ack.processed) return;
    if (this._ack.processed <= this._ack.acked) this._ack.firstUnackedAt = Date.now();
    this._ack.processed = cursor;
    this._storeCall('save', cursor);
    if (this._connected && this._ack.processed - this._ack.acked >= this._o.ackEveryMessages) this._sendAck();
  }

  /** @private hands a group's messages to the listeners, then saves its cursor (the server keeps none: no ACK) */
  _dispatchConversation({ key, dispatch, cursor }) {
    this._record(dispatch);
    for (const m of dispatch) this._emitMessage(m);
    this._saveConversation(key, cursor);
  }

  /** @private a message to the message listeners; a plugin's notice (`notice: true`) to the notice listeners */
  _emitMessage(m) {
    this._emit(m.notice === true ? 'notice' : 'message', m);
  }

  /** @private */
  _saveConversation(key, cursor) {
    const saved = this._savedConversations.get(key);
    if (saved !== undefined && cursor <= saved) return;
    this._savedConversations.set(key, cursor);
    this._storeCall('saveConversation', key, cursor);
  }

  /** @private the user is no longer in that group */
  _forgetConversation(key) {
    this._savedConversations.delete(key);
    this._storeCall('deleteConversation', key);
  }

  /**
   * @private hands messages to the message store before the listeners get them (the store's transactions run in
   * the order asked for, so the cursor saved after them never passes what it holds)
   */
  _record(messages) {
    if (messages.length > 0 && this.store) this._storeWrite(() => this.store.record(messages));
  }

  /** @private a page of `history.query` into the message store (a failing store must not fail the page) */
  async _keepHistory(query, result) {
    const messages = Array.isArray(result.messages) ? result.messages.map((m) => ({
      ...m, conversationType: m.conversationType ?? query.conversationType, targetId: m.targetId ?? query.targetId,
      inboxSeq: 0 })) : [];
    try {
      await this.store.record(messages, { fetched: true });
    } catch { /* kept nothing */ }
    return result;
  }

  /** @private a message store write; a failing store must not break the client */
  _storeWrite(write) {
    try {
      Promise.resolve(write()).catch(() => {});
    } catch { /* ignored, as above */ }
  }

  /** @private calls a cursor store method if the store has it; a failing store must not break the client */
  _storeCall(method, ...args) {
    const store = this._o.cursorStore;
    if (!store || typeof store[method] !== 'function') return;
    try {
      Promise.resolve(store[method](...args)).catch(() => {});
    } catch { /* ignored, as above */ }
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

/** The `[key, cursor]` pairs of what a store's `loadConversations()` gave: an object, a Map or pairs. */
function conversationEntries(loaded) {
  if (!loaded) return [];
  const entries = loaded instanceof Map || typeof loaded[Symbol.iterator] === 'function' ? [...loaded] : Object.entries(loaded);
  return entries.filter(([key, cursor]) => typeof key === 'string' && Number.isSafeInteger(Number(cursor)) && Number(cursor) >= 0);
}
