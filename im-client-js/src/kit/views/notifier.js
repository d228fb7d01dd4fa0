/**
 * Attention while the page is hidden: the tab's title counts the unread messages (`(3) Parley`), and a desktop
 * notification tells each message from someone else that arrives while the page is hidden, once the user allowed
 * them with the bell button. Clicking a notification opens its
 * conversation.
 */
import { ConversationType, previewText } from '../message-kinds.js';

export class Notifier {
  /**
   * @param {(id: string) => HTMLElement} $
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../profiles.js').Profiles} profiles
   * @param {{title: string|false, notifications: boolean, open: (type: number, targetId: string) => void}} options
   */
  constructor($, model, profiles, { title, notifications, open }) {
    this.model = model;
    this.profiles = profiles;
    this.baseTitle = title;
    this.open = open;
    this.enabled = notifications && typeof Notification !== 'undefined';
    if (title !== false) {
      model.addEventListener('change', (e) => { if (e.detail.what === 'list' || e.detail.what === 'channels') this.updateTitle(); });
      document.addEventListener('visibilitychange', () => this.updateTitle());
    }
    if (this.enabled) {
      const bell = $('notify');
      bell.hidden = false;
      const show = () => {
        bell.setAttribute('aria-pressed', String(Notification.permission === 'granted'));
        bell.title = Notification.permission === 'granted' ? 'Desktop notifications are on'
          : Notification.permission === 'denied' ? 'Desktop notifications are blocked in this browser'
            : 'Turn desktop notifications on';
      };
      show();
      bell.addEventListener('click', async () => {
        if (Notification.permission === 'default') await Notification.requestPermission();
        show();
      });
      model.client.onMessage((m) => this.onMessage(m));
    }
  }

  /** The number of unread messages of every conversation (channels included). */
  unread() {
    let total = 0;
    for (const conv of this.model.conversations.values()) total += conv.unread || 0;
    return total;
  }

  updateTitle() {
    const unread = this.unread();
    document.title = unread > 0 && document.visibilityState === 'hidden'
      ? `(${unread > 99 ? '99+' : unread}) ${this.baseTitle}` : this.baseTitle;
  }

  /** @private */
  async onMessage(m) {
    if (Notification.permission !== 'granted' || m.fromUserId === this.model.userId || m.counted === false) return;
    if (document.visibilityState !== 'hidden') return;
    const key = `${m.conversationType}:${m.targetId}`;
    // statuses, receipts and other uncounted types pass through onMessage too: only what a bubble shows notifies
    if (!/^RC:(TxtMsg|ReferenceMsg|ImgMsg|GIFMsg|FileMsg)$/.test(m.objectName)) return;
    let content = m.content;
    try { content = typeof content === 'string' ? JSON.parse(content) : content; } catch { content = { content }; }
    await this.profiles.whenKnown(m.fromUserId);
    const from = this.profiles.userName(m.fromUserId);
    const where = m.conversationType === ConversationType.PRIVATE ? from
      : `${from} in ${this.profiles.conversationName(m.conversationType, m.targetId)}`;
    const notification = new Notification(where, { body: previewText({ objectName: m.objectName, content }), tag: key });
    notification.addEventListener('click', () => {
      window.focus();
      this.open(m.conversationType, m.targetId);
      notification.close();
    });
  }
}
