/**
 * A message's menu: opened by its ⋯ button, a right-click or a long press, with the actions that apply to it:
 * Reply, Copy, Recall (one's own message, within the server's recall window), Retry (a message not sent). Closes on
 * Escape, a click elsewhere, or scrolling.
 */
import { ConversationType, kindOf } from '../message-kinds.js';
import { button } from './dom.js';

/** The server's default `message.recall-window`: older messages are not offered for recall. */
export const RECALL_WINDOW_MS = 2 * 60 * 1000;
const LONG_PRESS_MS = 500;

export class MessageMenu {
  /**
   * @param {HTMLElement} root the menu's element
   * @param {import('./conversation-view.js').ConversationView} view
   */
  constructor(root, view) {
    this.root = root;
    this.view = view;
    this.message = null;
    const list = view.list;
    list.addEventListener('contextmenu', (e) => {
      const item = e.target.closest('li.message');
      const message = item && view.messageOf(item);
      if (!message || this.actions(message).length === 0) return;
      e.preventDefault();
      this.open(item, message, null, e.clientX, e.clientY);
    });
    let pressTimer = null;
    list.addEventListener('touchstart', (e) => {
      const item = e.target.closest('li.message');
      if (!item) return;
      const touch = e.touches[0];
      pressTimer = setTimeout(() => {
        const message = view.messageOf(item);
        if (message) this.open(item, message, null, touch.clientX, touch.clientY);
      }, LONG_PRESS_MS);
    }, { passive: true });
    for (const type of ['touchend', 'touchmove', 'touchcancel']) {
      list.addEventListener(type, () => clearTimeout(pressTimer), { passive: true });
    }
    root.addEventListener('click', (e) => {
      const action = e.target.closest('[data-action]')?.dataset.action;
      const message = this.message;
      this.close();
      if (action && message) view.act(action, message);
    });
    document.addEventListener('click', (e) => {
      if (!root.hidden && !root.contains(e.target) && !e.target.closest('[data-action="menu"]')) this.close();
    });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
    view.scroller.addEventListener('scroll', () => this.close());
  }

  /** The actions that apply to `message`: `[action, label]`. */
  actions(message) {
    const conv = this.view.conv();
    const kind = message.state === 'recalled' ? 'recalled' : kindOf(message.objectName);
    const actions = [];
    if (kind === 'recalled' || kind === 'notice') return actions;
    if (message.messageUid && conv && conv.type !== ConversationType.ULTRA_GROUP) actions.push(['reply', 'Reply']);
    if (kind === 'text' || kind === 'reference') actions.push(['copy', 'Copy text']);
    if (message.state === 'failed') actions.push(['retry', 'Send again']);
    if (message.mine && message.state === 'sent' && message.messageUid && conv && conv.type !== ConversationType.CHATROOM
      && Date.now() - message.sentTime < RECALL_WINDOW_MS) {
      actions.push(['recall', 'Recall']);
    }
    return actions;
  }

  /** Opens the menu of `message` (shown by `item`) beside `anchor`, or at a point. */
  open(item, message, anchor, x, y) {
    const actions = this.actions(message);
    if (actions.length === 0) return;
    this.message = message;
    this.root.replaceChildren(...actions.map(([action, label]) => {
      const b = button(label, `menu-item ${action}`, action);
      b.setAttribute('role', 'menuitem');
      return b;
    }));
    this.root.hidden = false;
    const pane = this.root.offsetParent || document.body;
    const paneBox = pane.getBoundingClientRect();
    const box = anchor ? anchor.getBoundingClientRect() : { left: x, right: x, bottom: y, top: y };
    const width = this.root.offsetWidth;
    const height = this.root.offsetHeight;
    let left = (item.classList.contains('mine') ? box.right - width : box.left) - paneBox.left;
    let top = box.bottom + 4 - paneBox.top;
    left = Math.max(8, Math.min(left, paneBox.width - width - 8));
    if (top + height > paneBox.height - 8) top = Math.max(8, box.top - height - 4 - paneBox.top);
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
    this.root.querySelector('button').focus();
  }

  close() {
    this.root.hidden = true;
    this.message = null;
  }
}
