/**
 * Folding and tokenizing for the local store's search. Text is folded (`fold`): compatibility-decomposed (NFKD:
 * full-width letters and half-width kana become their ordinary forms), stripped of the accents of Latin, Greek and
 * Cyrillic letters (combining diacritical marks), recomposed (NFC: kana keep their voicing marks) and lower-cased,
 * with runs of white space made one space. Searching is a substring match on folded text; the index only finds
 * candidates:
 *
 * - a run of CJK ideographs, kana or Hangul (languages written without spaces) is indexed as its single characters
 *   and its overlapping pairs (bigrams), so any substring of it is found: by a bigram it contains, or, for a
 *   one-character query, by that character;
 * - any other word (letters and digits) is indexed by its first two and first three characters, so a query finds
 *   words that start with it ("meet" finds "meeting"; "eting" does not);
 * - two such words with one space between are also indexed as a pair (`"bud rev"` for "budget review"), so a
 *   query of several words finds the messages with those words in that order without reading those that merely
 *   hold them all.
 *
 * @module store/text
 */

const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/** Han (with extensions and compatibility ideographs), hiragana, katakana (with extensions), Hangul. */
const CJK = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u{20000}-\u{3134f}]/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Folds text for search: accents off, compatibility forms to ordinary ones, lower case, one space for white space.
 * @param {string} text @returns {string}
 */
export function fold(text) {
  return String(text ?? '').normalize('NFKD').replace(ACCENTS, '').normalize('NFC').toLowerCase()
    .replace(/\s+/g, ' ').trim();
}

/**
 * The runs of folded text: `{kind: 'cjk'|'word', chars: string[], start, end}` (in UTF-16 units).
 * @param {string} folded @returns {Array<{kind: string, chars: string[], start: number, end: number}>}
 */
export function runs(folded) {
  const out = [];
  let current = null;
  let at = 0;
  for (const ch of folded) {
    const kind = CJK.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : null;
    if (kind === null) current = null;
    else if (current && current.kind === kind) current.chars.push(ch);
    else out.push(current = { kind, chars: [ch], start: at, end: at });
    at += ch.length;
    if (current) current.end = at;
  }
  return out;
}

/**
 * The index terms of a folded text: CJK characters and bigrams, prefixes of 2 and 3 characters of other words.
 * @param {string} folded @returns {string[]} without duplicates
 */
export function indexTerms(folded) {
  const terms = new Set();
  const all = runs(folded);
  for (let i = 0; i < all.length; i++) {
    const { kind, chars } = all[i];
    if (i > 0 && isPair(folded, all[i - 1], all[i])) terms.add(pairTerm(all[i - 1], all[i]));
    if (kind === 'cjk') {
      for (let i = 0; i < chars.length; i++) {
        terms.add(chars[i]);
        if (i + 1 < chars.length) terms.add(chars[i] + chars[i + 1]);
      }
    } else {
      terms.add(chars.slice(0, 2).join(''));
      if (chars.length >= 3) terms.add(chars.slice(0, 3).join(''));
    }
  }
  return [...terms];
}

/**
 * The index terms to look a folded query up by, best first: every text that matches the query has them all. A
 * CJK run gives its bigrams (a single character: itself), a word of two letters or more its first two or three
 * letters (a one-letter word gives none: words are indexed from two letters on), two words with one space between
 * their pair (instead of their own terms). Pairs come first (the rarest kind), then CJK bigrams, then the longest
 * words'.
 * @param {string} folded @returns {string[]} empty when the query has no term (then every text is a candidate)
 */
export function queryTerms(folded) {
  const ranked = new Map();
  const all = runs(folded);
  const paired = new Set(); // words in a pair: their own terms add nothing (every text with the pair has them)
  for (let i = 1; i < all.length; i++) {
    // the second word is whole unless it ends the query (then it may start a longer word: 3 letters at least)
    if (isPair(folded, all[i - 1], all[i])
      && (i < all.length - 1 || all[i].end < folded.length || all[i].chars.length >= 3)) {
      ranked.set(pairTerm(all[i - 1], all[i]), 200);
      paired.add(i - 1).add(i);
    }
  }
  all.forEach(({ kind, chars }, i) => {
    if (kind === 'cjk') {
      if (chars.length === 1) ranked.set(chars[0], Math.max(ranked.get(chars[0]) || 0, 1));
      for (let k = 0; k + 1 < chars.length; k++) ranked.set(chars[k] + chars[k + 1], 100);
    } else if (chars.length >= 2 && !paired.has(i)) {
      const term = chars.slice(0, 3).join('');
      ranked.set(term, Math.max(ranked.get(term) || 0, Math.min(chars.length, 3) * 10 + Math.min(chars.length, 9)));
    }
  });
  return [...ranked].sort((a, b) => b[1] - a[1]).map(([term]) => term);
}

/** Whether two runs are words with one space between. */
function isPair(folded, a, b) {
  return a.kind === 'word' && b.kind === 'word' && b.start === a.end + 1 && folded[a.end] === ' ';
}

/** The index term of a pair of words: their first three characters each, a space between. */
function pairTerm(a, b) {
  return `${a.chars.slice(0, 3).join('')} ${b.chars.slice(0, 3).join('')}`;
}

/**
 * The best index term of a folded query (see `queryTerms`), or null when it has none.
 * @param {string} folded @returns {string|null}
 */
export function queryTerm(folded) {
  return queryTerms(folded)[0] ?? null;
}

/**
 * Whether folded `text` contains folded `query` where a query starting with a letter or digit (not CJK) starts a
 * word of the text, so that the index (word prefixes) and this agree.
 * @param {string} text folded @param {string} query folded, not empty @returns {boolean}
 */
export function matches(text, query) {
  const first = String.fromCodePoint(query.codePointAt(0));
  const atWordStart = WORD.test(first) && !CJK.test(first);
  for (let i = text.indexOf(query); i >= 0; i = text.indexOf(query, i + 1)) {
    if (!atWordStart || i === 0) return true;
    const low = text.charCodeAt(i - 1) >= 0xdc00 && text.charCodeAt(i - 1) <= 0xdfff && i >= 2;
    const before = String.fromCodePoint(text.codePointAt(low ? i - 2 : i - 1));
    if (!WORD.test(before) || CJK.test(before)) return true;
  }
  return false;
}
