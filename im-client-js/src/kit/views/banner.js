/**
 * The connection-status banner: hidden while connected, "Connecting…" or "Reconnecting…" while the SDK
 * retries, and a lasting message when the session ended (signed in elsewhere, token refused).
 */
const TEXT = {
  connecting: ['Connecting…', ''],
  disconnected: ['Connection lost. Reconnecting…', ''],
  kicked: ['You signed in on another device of this kind. Reload to use this one.', 'fatal'],
  token_incorrect: ['Your session is no longer valid. Sign in again.', 'fatal'],
  connect_refused: ['The server refused the connection.', 'fatal'],
};

export class Banner {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.wasDown = false;
    this.hideTimer = null;
  }

  show(status) {
    clearTimeout(this.hideTimer);
    this.root.dataset.status = status;
    if (status === 'connected') {
      if (this.wasDown) {
        this.set('Connected', 'ok');
        this.hideTimer = setTimeout(() => { this.root.hidden = true; }, 1500);
      } else {
        this.root.hidden = true;
      }
      this.wasDown = false;
      return;
    }
    if (status === 'closed' || status === 'idle') {
      this.root.hidden = true;
      return;
    }
    this.wasDown = status === 'disconnected' || this.wasDown;
    const [text, kind] = TEXT[status] || [status, ''];
    this.set(text, kind);
  }

  set(text, kind) {
    this.root.textContent = text;
    this.root.className = `banner ${kind}`.trim();
    this.root.hidden = false;
  }
}
