/** Small DOM helpers shared by the views. */

/** A new element with a class and, if given, its text. */
export function el(tag, className, text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
