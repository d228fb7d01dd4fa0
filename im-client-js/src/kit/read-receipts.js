/**
 * Read receipts of private chats and groups: answering them for the messages of others the user has seen
 * (`RC:ReadNtf` in a private chat, `RC:RRRspMsg` in a group), and showing them on the user's own messages (the
 * other user's read time; "Read by N" from `message.receipts`). Their state lives in the chat model's threads.
 */
import { ConversationType } from './message-kinds.js';

const RECEIPTS_CHECKED = 10;

export class ReadReceipts {
  /** @param {import('./chat-model.js').ChatModel} chat */
  constructor(chat) {
    this.chat = chat;
    this.answered = new Set();
  }

  /** The other user of a private chat read our messages up to `time`. */
  peerRead(key, time) {
    const thread = this.chat.thread(key);
    if (time > thread.peerReadTime) {
      thread.peerReadTime = time;
      this.chat.emit('messages', key);
    }
  }

  /** Group members answered read receipts for some of our messages: fetch their counts. */
  async receiptsChanged(key, messageUids) {
    const thread = this.chat.thread(key);
    for (const uid of messageUids) {
      if (thread.byUid.has(uid)) await this.fetchReadCount(key, uid);
    }
  }

  /** A group was opened: fetch the read counts of our latest messages in it. */
  checkOwn(key) {
    const mine = this.chat.thread(key).list.filter((m) => m.mine && m.messageUid && m.state !== 'recalled');
    for (const m of mine.slice(-RECEIPTS_CHECKED)) this.fetchReadCount(key, m.messageUid);
  }

  /** @private */
  async fetchReadCount(key, messageUid) {
    const conv = this.chat.conversations.get(key);
    try {
      const result = await this.chat.client.command('message.receipts', { targetId: conv.targetId, messageUid });
      this.chat.thread(key).readCounts.set(messageUid, result.readCount || 0);
      this.chat.emit('messages', key);
    } catch {
      // receipts are a nicety: a failure leaves the count as it was
    }
  }

  /** Answers for `theirs`, the messages of others shown in the open chat, `latest` the newest of them. */
  answer(conv, theirs, latest) {
    if (conv.type === ConversationType.PRIVATE) {
      this.chat.sendStatus(conv, 'RC:ReadNtf', { lastMessageSendTime: latest.sentTime, messageUId: latest.messageUid,
        type: 1 });
    } else if (conv.type === ConversationType.GROUP) {
      const bySender = {};
      for (const m of theirs) {
        if (this.answered.has(m.messageUid)) continue;
        this.answered.add(m.messageUid);
        (bySender[m.fromUserId] ||= []).push(m.messageUid);
      }
      if (Object.keys(bySender).length) this.chat.sendStatus(conv, 'RC:RRRspMsg', { receiptMessageDic: bySender });
    }
  }
}
