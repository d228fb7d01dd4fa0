/**
 * The composer: text (Enter sends, Shift+Enter a new line; typing signals), replies (the quoted message above it),
 * the emoji picker, and files by the attach button, pasted, or dropped on the pane (uploaded, then sent as an image or
 * a file message).
 */
import { ConversationType, previewText, referenceContent } from '../message-kinds.js';
import { EmojiPicker } from './emoji-picker.js';

export class Composer {
  /**
   * @param {(id: string) => HTMLElement} $
   * @param {import('../chat-model.js').ChatModel} model
   * @param {import('../uploads.js').Uploads} uploads
   * @param {import('../profiles.js').Profiles} profiles
   * @param {() => void} onSend called as something is sent (the view then keeps to the bottom)
   */
  constructor($, model, uploads, profiles, onSend) {
    this.$ = $;
    this.model = model;
    this.uploads = uploads;
    this.profiles = profiles;
    this.onSend = onSend;
    /** the message being replied to, or null */
    this.replyTo = null;
    this.emoji = new EmojiPicker($('emoji-picker'), $('emoji-toggle'), (emoji) => this.insertText(emoji));
    $('reply-cancel').addEventListener('click', () => this.setReply(null));
    profiles.addEventListener('change', () => this.renderReply());
    this.wireFiles();
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.sendText();
    });
    const text = $('text');
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.sendText();
      }
    });
    text.addEventListener('input', () => {
      if (text.value.trim()) model.typing(model.openKey);
    });
  }

  /** Another conversation is shown: the composer is offered, with no reply and no error. */
  reset() {
    this.$('composer').hidden = false;
    this.$('composer-error').textContent = '';
    this.setReply(null);
  }

  /** Files come in by the attach button, by pasting, and by dropping them on the pane. */
  wireFiles() {
    this.$('attach').addEventListener('change', (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      if (file) this.sendFile(file);
    });
    this.$('text').addEventListener('paste', (e) => {
      const files = [...(e.clipboardData?.files || [])];
      if (files.length === 0) return;
      e.preventDefault();
      for (const file of files) this.sendFile(file);
    });
    const pane = this.$('pane');
    const zone = this.$('drop-zone');
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    pane.addEventListener('dragenter', (e) => {
      if (!hasFiles(e) || this.$('composer').hidden) return;
      depth += 1;
      zone.hidden = false;
    });
    pane.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.hidden = true;
    });
    pane.addEventListener('dragover', (e) => {
      if (hasFiles(e) && !this.$('composer').hidden) e.preventDefault();
    });
    pane.addEventListener('drop', (e) => {
      depth = 0;
      zone.hidden = true;
      if (!hasFiles(e) || this.$('composer').hidden) return;
      e.preventDefault();
      for (const file of e.dataTransfer.files) this.sendFile(file);
    });
  }

  /** Inserts `text` at the composer's caret. */
  insertText(text) {
    const area = this.$('text');
    const start = area.selectionStart ?? area.value.length;
    const end = area.selectionEnd ?? area.value.length;
    area.setRangeText(text, start, end, 'end');
    area.focus();
    area.dispatchEvent(new Event('input'));
  }

  /** Replies to `message` with the next text sent (null: no reply). */
  setReply(message) {
    this.replyTo = message;
    this.$('reply-bar').hidden = !message;
    if (message) {
      this.renderReply();
      this.$('text').focus();
    }
  }

  /** @private the reply bar's text (again when a name became known) */
  renderReply() {
    const message = this.replyTo;
    if (!message) return;
    this.$('reply-to').textContent = `Replying to ${message.mine ? 'yourself' : this.profiles.userName(message.fromUserId)}`;
    this.$('reply-text').textContent = previewText(message);
  }

  /** Sends the text typed: a reply when one is set, with `@` mentions in groups. */
  sendText() {
    const text = this.$('text');
    const value = text.value.trim();
    if (!value || !this.model.openKey) return;
    text.value = '';
    this.onSend();
    this.emoji.close();
    const quoted = this.replyTo;
    this.setReply(null);
    if (quoted) {
      this.model.sendText(this.model.openKey, value, referenceContent(value, quoted));
    } else {
      this.model.sendText(this.model.openKey, value);
    }
  }

  /** Uploads `file` into the open conversation and sends it as an image or a file message. */
  async sendFile(file) {
    const error = this.$('composer-error');
    const refusal = this.uploads.refusal(file);
    if (refusal) {
      error.textContent = refusal;
      return;
    }
    const conv = this.model.conversations.get(this.model.openKey);
    if (conv.type !== ConversationType.PRIVATE && conv.type !== ConversationType.GROUP) {
      error.textContent = 'Files can be sent in private and group chats.';
      return;
    }
    error.textContent = `Uploading ${file.name}…`;
    try {
      const uploaded = await this.uploads.upload(file, conv.type, conv.targetId);
      error.textContent = '';
      this.onSend();
      if (file.type.startsWith('image/')) {
        await this.model.send(conv.key, 'RC:ImgMsg', { content: '', imageUri: uploaded.url, name: uploaded.name,
          size: uploaded.size });
      } else {
        await this.model.send(conv.key, 'RC:FileMsg', { name: uploaded.name, size: uploaded.size,
          type: uploaded.name.split('.').pop(), fileUrl: uploaded.url });
      }
    } catch (e) {
      error.textContent = `Could not send ${file.name}: ${e.message}`;
    }
  }
}
