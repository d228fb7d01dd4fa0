/**
 * Which text of a message is searchable, by `objectName`: a small table of the built-in types' content fields.
 * Types not in it (images, voice, notices, custom types) are stored but not found by keyword.
 *
 * @module store/searchable
 */

const str = (v) => (typeof v === 'string' ? v : '');

/** The searchable text of each type, from its parsed content. Add an entry to make a custom type searchable. */
export const SEARCHABLE = {
  'RC:TxtMsg': (c) => str(c.content),
  'RC:FileMsg': (c) => str(c.name),
  'RC:SightMsg': (c) => str(c.name),
  'RC:LBSMsg': (c) => str(c.poi),
  'RC:ImgTextMsg': (c) => `${str(c.title)} ${str(c.content)}`,
  'RC:ReferenceMsg': (c) => str(c.content),
  'RC:CombineMsg': (c) => (Array.isArray(c.summaryList) ? c.summaryList.filter((s) => typeof s === 'string').join(' ') : ''),
  'RC:InfoNtf': (c) => str(c.message),
};

/**
 * The searchable text of a message ('' for a type without one or a content that is no JSON object).
 * @param {string} objectName @param {string|object} content as delivered (a JSON string) or parsed
 * @returns {string}
 */
export function searchableText(objectName, content) {
  const extract = Object.prototype.hasOwnProperty.call(SEARCHABLE, objectName) ? SEARCHABLE[objectName] : null;
  if (!extract) return '';
  const parsed = parseContent(content);
  return parsed ? extract(parsed) : '';
}

/** A message's content as an object, or null. @param {string|object} content @returns {object|null} */
export function parseContent(content) {
  if (content && typeof content === 'object') return content;
  if (typeof content !== 'string') return null;
  try {
    const parsed = JSON.parse(content);
    return parsed && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}
