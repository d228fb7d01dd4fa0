/** Small DOM helpers shared by the views. */
import { fileSource } from '../uploads.js';
import { initials, hueOf } from '../profiles.js';

/** A new element with a class and, if given, its text. */
export function el(tag, className, text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** A button of `className` with `text`, and `data-action` if given. */
export function button(text, className, action) {
  const b = el('button', className, text);
  b.type = 'button';
  if (action) b.dataset.action = action;
  return b;
}

/**
 * An avatar: the portrait when it is one of this server's uploads (fetched with the token) or another file of the
 * page's own origin, else the name's initials on a colour of the id. A portrait elsewhere is never fetched (the
 * page's policy forbids it, and fetching would tell its host who reads the chat).
 * @param {{id: string, name: string, portraitUri?: string}} who
 * @param {import('../uploads.js').Uploads} [uploads]
 */
export function avatar({ id, name, portraitUri }, uploads, className = 'avatar') {
  const box = el('span', className);
  box.setAttribute('aria-hidden', 'true');
  box.dataset.initials = initials(name || id);
  box.textContent = box.dataset.initials;
  box.style.setProperty('--avatar-hue', String(hueOf(id)));
  const source = fileSource(portraitUri);
  const show = (url) => {
    const img = document.createElement('img');
    img.alt = '';
    img.src = url;
    box.replaceChildren(img);
    box.classList.add('has-picture');
  };
  if (source.kind === 'upload' && uploads) {
    uploads.objectUrl(source.url).then(show, () => {});
  } else if (source.kind === 'link' && new URL(source.url).origin === location.origin) {
    show(source.url);
  }
  return box;
}
