/**
 * The composer's emoji picker: a grid of common emoji, opened by its button; a click inserts one at the caret.
 */
import { button } from './dom.js';

export const EMOJI = [
  '😀', '😄', '😂', '🤣', '😊', '😍', '😘', '😎', '🤔', '😅', '😉', '🙂', '🙃', '😇', '🥳', '😴',
  '😢', '😭', '😡', '😱', '🤯', '🥺', '😬', '🙄', '👍', '👎', '👏', '🙌', '🙏', '💪', '👋', '🤝',
  '❤️', '💔', '🔥', '✨', '🎉', '🎂', '☕', '🍕', '✅', '❌', '⚠️', '❓', '💡', '📎', '📅', '🚀',
];

export class EmojiPicker {
  /**
   * @param {HTMLElement} root the picker's element
   * @param {HTMLButtonElement} toggle the composer's emoji button
   * @param {(emoji: string) => void} onPick
   */
  constructor(root, toggle, onPick) {
    this.root = root;
    this.toggle = toggle;
    root.append(...EMOJI.map((emoji) => {
      const b = button(emoji, 'emoji', 'emoji');
      b.setAttribute('aria-label', emoji);
      return b;
    }));
    toggle.addEventListener('click', () => (root.hidden ? this.open() : this.close()));
    root.addEventListener('click', (e) => {
      const b = e.target.closest('button.emoji');
      if (b) onPick(b.textContent);
    });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
    document.addEventListener('click', (e) => {
      if (!root.hidden && !root.contains(e.target) && !toggle.contains(e.target)) this.close();
    });
  }

  open() {
    this.root.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.root.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
  }
}
