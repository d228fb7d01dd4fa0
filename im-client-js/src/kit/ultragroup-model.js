/**
 * The signed-in user's ultragroups and their channels, where the ultragroup plugin is loaded: the channel list
 * (from `ultragroup.channels` on every connect), unread and mention counts kept from notices and read positions
 * (synced across the user's devices), and the open channel (subscribed; its messages, edits and recalls come
 * through the SDK's UltragroupClient in seq order). Messages live in the chat model's threads like any other
 * conversation's; this model fills them. Views listen to the chat model's `change` events (`channels`).
 */
import { parseChannelTarget } from '../index.js';
import { ConversationType, conversationKey } from './message-kinds.js';

const HISTORY_PAGE = 30;

export class UltragroupModel {
  /**
   * @param {import('../index.js').UltragroupClient} ug
   * @param {import('./chat-model.js').ChatModel} chat
   */
  constructor(ug, chat) {
    this.ug = ug;
    this.chat = chat;
    /** @type {Map<string, {groupId: string, name: string, channels: string[]}>} groupId → group (channel target ids) */
    this.groups = new Map();
    /** @type {Map<string, object>} targetId → {targetId, groupId, channelId, type, latestSeq, readSeq} */
    this.channels = new Map();
    ug.onMessage((m) => this.received(m));
    ug.onEdit((e) => this.chat.edited(conversationKey(ConversationType.ULTRA_GROUP, e.targetId), e));
    ug.onNotice((n) => this.noticed(n));
    ug.onRead((r) => this.readMoved(r));
    chat.client.onStatus((status) => { if (status === 'connected') this.refresh(); });
  }

  /** Loads the channel list (of every ultragroup of the user, or of one); its counts are the truth. */
  async refresh(groupId) {
    let groups;
    try {
      groups = await this.ug.channels(groupId);
    } catch {
      return; // the connection dropped: the next 'connected' asks again
    }
    if (groupId === undefined) this.groups.clear();
    for (const g of groups) {
      this.groups.set(g.groupId, { groupId: g.groupId, name: g.name || g.groupId,
        channels: g.channels.map((c) => c.targetId) });
      for (const c of g.channels) {
        this.channels.set(c.targetId, { targetId: c.targetId, groupId: g.groupId, channelId: c.channelId, type: c.type,
          latestSeq: c.latestSeq, readSeq: c.readSeq });
        const conv = this.conversation(c.targetId);
        conv.title = this.title(c.targetId);
        conv.unread = this.chat.isOpen(conv.key) ? 0 : c.unreadCount;
        conv.mentions = this.chat.isOpen(conv.key) ? 0 : c.mentionCount;
      }
    }
    this.chat.emit('channels');
    if (this.chat.openKey) this.chat.markRead(this.chat.openKey);
  }

  /** The chat model's conversation of a channel. */
  conversation(targetId) {
    return this.chat.conversation(ConversationType.ULTRA_GROUP, targetId);
  }

  /** "Group › # channel" for the pane's title (the ids for a channel not in the list). */
  title(targetId) {
    let ids;
    try {
      ids = parseChannelTarget(targetId);
    } catch {
      return targetId;
    }
    const group = this.groups.get(ids.groupId);
    return `${group ? group.name : ids.groupId} › # ${channelName(ids.channelId)}`;
  }

  /** Ultragroups in the order the server listed them, each with its channels. */
  list() {
    return [...this.groups.values()].map((g) => ({ ...g, channels: g.channels.map((t) => this.channels.get(t)) }));
  }

  // ------------------------------------------------------------------ from the SDK

  /** @private a message of the subscribed channel, in seq order */
  received(message) {
    this.advance(message.targetId, message.seq);
    const thread = this.chat.thread(conversationKey(ConversationType.ULTRA_GROUP, message.targetId));
    // the seq a later opening catches up from: only what reached the thread (a notice does not)
    if (thread.loaded && message.seq > thread.channelSeq) thread.channelSeq = message.seq;
    this.chat.receive(message);
    this.chat.emit('channels');
  }

  /** @private a message in a channel not open here: count it */
  noticed(notice) {
    const channel = this.channels.get(notice.targetId);
    if (!channel) {
      this.refresh(); // a channel (or ultragroup) new to this page
      return;
    }
    this.advance(notice.targetId, notice.seq);
    const conv = this.conversation(notice.targetId);
    const fromOther = notice.fromUserId !== this.chat.userId;
    if (notice.counted && fromOther && !this.chat.isOpen(conv.key)) {
      conv.unread += 1;
      if (notice.mentioned) conv.mentions += 1;
    }
    if (notice.counted) conv.lastTime = Math.max(conv.lastTime, notice.sentTime);
    this.chat.emit('channels');
  }

  /** @private the read position moved, here or on another device of the user */
  readMoved({ targetId, readSeq }) {
    const channel = this.channels.get(targetId);
    if (!channel || readSeq <= channel.readSeq) return;
    channel.readSeq = readSeq;
    if (readSeq >= channel.latestSeq) {
      const conv = this.conversation(targetId);
      conv.unread = 0;
      conv.mentions = 0;
      this.chat.emit('channels');
    } else {
      this.refresh(channel.groupId); // read part of it elsewhere: the server counts what is left
    }
  }

  /** @private */
  advance(targetId, seq) {
    const channel = this.channels.get(targetId);
    if (channel && seq > channel.latestSeq) channel.latestSeq = seq;
  }

  // ------------------------------------------------------------------ actions

  /** Opens a channel: subscribes, and loads its latest page (or catches up on what came since it was shown). */
  async open(conv) {
    const thread = this.chat.thread(conv.key);
    conv.title = this.title(conv.targetId);
    if (thread.loaded) {
      await this.ug.subscribe(conv.targetId, { afterSeq: thread.channelSeq });
      return;
    }
    const latestSeq = await this.ug.subscribe(conv.targetId);
    const newest = await this.loadPage(conv, {});
    thread.channelSeq = Math.max(latestSeq, newest);
    thread.loaded = true;
  }

  /** Loads the page of messages before the oldest one shown (scroll-back). */
  async loadEarlier(conv) {
    const thread = this.chat.thread(conv.key);
    await this.loadPage(conv, thread.oldestSeq > 0 ? { beforeSeq: thread.oldestSeq } : {});
  }

  /** @private one page of history, newest first; returns the highest seq in it */
  async loadPage(conv, page) {
    const thread = this.chat.thread(conv.key);
    const { messages } = await this.ug.history(conv.targetId, { ...page, limit: HISTORY_PAGE });
    let highest = 0;
    for (const m of messages) {
      highest = Math.max(highest, m.seq);
      this.chat.addHistory(conv.key, m);
    }
    const oldest = messages.at(-1);
    if (oldest && (thread.oldestSeq === 0 || oldest.seq < thread.oldestSeq)) thread.oldestSeq = oldest.seq;
    thread.hasMore = messages.length === HISTORY_PAGE && (!oldest || oldest.seq > 1);
    this.chat.emit('messages', conv.key);
    return highest;
  }

  /** Moves the read position to the last message shown in the open channel, if it is further on. */
  markRead(conv) {
    const channel = this.channels.get(conv.targetId);
    const seq = this.chat.thread(conv.key).channelSeq;
    if (!channel || seq <= channel.readSeq) return;
    channel.readSeq = seq;
    this.ug.markRead(conv.targetId, seq).catch(() => { channel.readSeq = 0; });
  }
}

/** A channel's name: its id, or "general" for the ultragroup's default channel. */
export function channelName(channelId) {
  return channelId || 'general';
}
