// The web UI kit's pure helpers (no DOM): day labels, reply content, avatars' initials and colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayLabel, startOfDay, referenceContent, previewText, kindOf } from '../src/kit/message-kinds.js';
import { initials, hueOf } from '../src/kit/profiles.js';

test('day labels: today, yesterday, a weekday within the week, else the date', () => {
  const now = new Date(2026, 11, 7, 15, 0).getTime(); // a Monday afternoon
  assert.equal(dayLabel(new Date(2026, 11, 7, 0, 1).getTime(), now), 'Today');
  assert.equal(dayLabel(new Date(2026, 11, 6, 23, 59).getTime(), now), 'Yesterday');
  assert.equal(dayLabel(new Date(2026, 11, 3, 12, 0).getTime(), now),
    new Date(2026, 11, 3).toLocaleDateString([], { weekday: 'long' }));
  assert.match(dayLabel(new Date(2025, 0, 2).getTime(), now), /2025/);
  assert.equal(startOfDay(now), new Date(2026, 11, 7).getTime());
});

test('a reply is an RC:ReferenceMsg quoting the original by sender, type, content and uid', () => {
  const quoted = { fromUserId: 'ann', objectName: 'RC:TxtMsg', content: { content: 'Lunch?' }, messageUid: 'U1' };
  const content = referenceContent('Yes', quoted);
  assert.deepEqual(content, { content: 'Yes', referMsgUserId: 'ann', objName: 'RC:TxtMsg', referMsg: { content: 'Lunch?' },
    referMsgUid: 'U1' });
  assert.equal(kindOf('RC:ReferenceMsg'), 'reference');
  assert.equal(previewText({ objectName: 'RC:ReferenceMsg', content }), 'Yes');
});

test('avatars: two initials of a name, and a colour fixed by the id', () => {
  assert.equal(initials('Ann Lee'), 'AL');
  assert.equal(initials('bob'), 'BO');
  assert.equal(initials('jean-luc picard'), 'JL');
  assert.equal(initials(''), '?');
  assert.equal(hueOf('ann'), hueOf('ann'));
  assert.notEqual(hueOf('ann'), hueOf('bob'));
  assert.ok(hueOf('someone') >= 0 && hueOf('someone') < 360);
});
