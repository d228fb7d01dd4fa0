// Folding, tokenizing and matching of the message store's search (no server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, indexTerms, queryTerm, queryTerms, matches } from '../src/store/text.js';
import { searchableText } from '../src/store/searchable.js';

test('fold: accents off, lower case, full-width and half-width forms made ordinary, white space made one space', () => {
  assert.equal(fold('Café  CRÈME\tBrûlée'), 'cafe creme brulee');
  assert.equal(fold('Ｐａｒｌｅｙ'), 'parley');
  assert.equal(fold('ｶﾀｶﾅ'), 'カタカナ');
  assert.equal(fold('がぎぐ'), 'がぎぐ'); // kana keep their voicing marks
  assert.equal(fold('Ærøskøbing Straße'), 'ærøskøbing straße');
  assert.equal(fold(undefined), '');
});

test('index terms: CJK runs as characters and bigrams, other words by their first 2 and 3 characters, and pairs', () => {
  assert.deepEqual(indexTerms(fold('明天开会')).sort(), ['会', '天', '天开', '开', '开会', '明', '明天'].sort());
  assert.deepEqual(indexTerms(fold('Meeting at 東京')).sort(), ['at', 'me', 'mee', 'mee at', '京', '東', '東京'].sort());
  assert.deepEqual(indexTerms(fold('budget, review')).sort(), ['bu', 'bud', 're', 'rev'], 'no pair across a comma');
  assert.deepEqual(indexTerms(fold('a b a')), ['a', 'a b', 'b', 'b a']);
});

test('query term: a pair of words first, then a CJK bigram, then the longest word\'s prefix; a single Latin letter has none', () => {
  assert.equal(queryTerm(fold('会议')), '会议');
  assert.equal(queryTerm(fold('会')), '会');
  assert.equal(queryTerm(fold('go meeting')), 'go mee');
  assert.equal(queryTerm(fold('go, meeting')), 'mee');
  assert.equal(queryTerm(fold('meeting 会')), 'mee');
  assert.equal(queryTerm(fold('the 会议')), '会议');
  assert.equal(queryTerm(fold('x')), null);
  assert.equal(queryTerm(fold('!!')), null);
});

test('query terms: all of a query\'s terms, pairs first, then CJK bigrams, then the longest words\'', () => {
  assert.deepEqual(queryTerms(fold('budget 会议室 a review')), ['a rev', '会议', '议室', 'bud']);
  assert.deepEqual(queryTerms(fold('budget r')), ['bud'], 'a last word shorter than 3 may start a longer one: no pair');
  assert.deepEqual(queryTerms(fold('budget re.')), ['bud re'], 'a whole last word: a pair, which implies both words');
  assert.deepEqual(queryTerms(fold('the budget review')), ['the bud', 'bud rev']);
  assert.deepEqual(queryTerms(fold('x')), []);
});

test('every text a query matches has the query\'s term', () => {
  const texts = ['明天下午三点开会', 'Un café à Paris', '東京タワーに行きます', 'project meeting notes', '会议室A'];
  for (const t of texts) {
    const folded = fold(t);
    const chars = [...folded];
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j <= chars.length; j++) {
        const q = chars.slice(i, j).join('').trim();
        if (!q || !matches(folded, q)) continue;
        const term = queryTerm(q);
        if (term !== null) assert.ok(indexTerms(folded).includes(term), `"${q}" in "${t}": term ${term} not indexed`);
      }
    }
  }
});

test('matches: a substring of the folded text; a query starting with a Latin letter starts a word', () => {
  assert.ok(matches(fold('Un café à Paris'), fold('Cafe')));
  assert.ok(matches(fold('Un café à Paris'), fold('CAFÉ À')));
  assert.ok(matches(fold('project meeting'), 'meet'));
  assert.ok(!matches(fold('project meeting'), 'eting'));
  assert.ok(matches(fold('明天下午开会'), '下午'));
  assert.ok(!matches(fold('明天下午开会'), '上午'));
  assert.ok(matches(fold('東京tower'), 'tower')); // after CJK, a Latin word starts
  assert.ok(matches(fold('東京タワー'), 'タワ'));
});

test('searchable text by objectName: text, file name, card; none for images or custom types', () => {
  assert.equal(searchableText('RC:TxtMsg', JSON.stringify({ content: 'hi' })), 'hi');
  assert.equal(searchableText('RC:FileMsg', JSON.stringify({ name: 'report.pdf', size: 1 })), 'report.pdf');
  assert.equal(searchableText('RC:ImgTextMsg', { title: 'T', content: 'C' }), 'T C');
  assert.equal(searchableText('RC:ImgMsg', JSON.stringify({ content: 'base64' })), '');
  assert.equal(searchableText('Custom:Thing', '{"content":"x"}'), '');
  assert.equal(searchableText('RC:TxtMsg', 'not json'), '');
});
