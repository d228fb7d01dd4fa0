// The open conversation in the web UI kit: day separators and messages grouped by sender, replies that quote a
// message (RC:ReferenceMsg), the emoji picker, files pasted or dropped into the conversation, and the message menu
// (Reply, Copy, Recall) instead of a link under every bubble.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signInNamed, openConversation, sendText, messageAction } from '../support/browser.js';

const fixture = serverAndBrowser();

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function pair(a, b) {
  const { baseUrl } = fixture.server;
  const first = await signInNamed(await fixture.browser.newContext(), baseUrl, a[0], a[1]);
  const second = await signInNamed(await fixture.browser.newContext(), baseUrl, b[0], b[1]);
  return [first, second];
}

test('a day separator heads each day, and consecutive messages of one sender are grouped', async () => {
  const [ada, ben] = await pair(['ada', 'Ada Byron'], ['ben', 'Ben Ng']);
  await openConversation(ada, 1, 'ben');
  for (const text of ['one', 'two', 'three']) await sendText(ada, text);
  await openConversation(ben, 1, 'ada');
  await ben.locator('.message.theirs', { hasText: 'three' }).waitFor();
  await sendText(ben, 'four');
  await ada.locator('.message.theirs', { hasText: 'four' }).waitFor();

  const items = await ada.locator('#message-list > li').evaluateAll((lis) => lis.map((li) => (li.classList.contains('day-separator')
    ? `day:${li.textContent}` : `${li.textContent.match(/one|two|three|four/)[0]}:${li.classList.contains('grouped') ? 'grouped' : 'first'}`)));
  assert.deepEqual(items, ['day:Today', 'one:first', 'two:grouped', 'three:grouped', 'four:first']);

  // a day later (the browser's clock moved on), the same messages are under "Yesterday"
  const later = await (await fixture.browser.newContext()).newPage();
  await later.clock.install({ time: Date.now() + 24 * 3600 * 1000 });
  await later.goto(`${fixture.server.baseUrl}/`);
  await later.fill('#signin-user', 'ada');
  await later.click('#signin-form button[type=submit]');
  await later.locator('#conversations li.conversation[data-target-id="ben"]').click();
  await later.locator('#message-list .day-separator', { hasText: 'Yesterday' }).waitFor();
  assert.equal(await later.locator('#message-list .day-separator').count(), 1);
});

test('replying quotes the message; the quote shows on both sides and leads back to the original', async () => {
  const [cyd, dee] = await pair(['cyd', 'Cyd Charisse'], ['dee', 'Dee Dee']);
  await openConversation(cyd, 1, 'dee');
  await sendText(cyd, 'Lunch at noon?');
  await openConversation(dee, 1, 'cyd');
  const original = dee.locator('.message.theirs', { hasText: 'Lunch at noon?' });
  await original.waitFor();
  await messageAction(original, 'Reply');
  await dee.locator('#reply-bar', { hasText: 'Replying to Cyd Charisse' }).waitFor();
  await sendText(dee, 'Yes, see you there');
  assert.equal(await dee.locator('#reply-bar').isHidden(), true);

  const reply = cyd.locator('.message.theirs', { hasText: 'Yes, see you there' });
  await reply.locator('.quote .quote-from', { hasText: 'Cyd Charisse' }).waitFor();
  assert.equal(await reply.locator('.quote .quote-text').textContent(), 'Lunch at noon?');
  await dee.locator('.message.mine .quote', { hasText: 'Lunch at noon?' }).waitFor();
  // what went over the wire is RongCloud's reply: RC:ReferenceMsg quoting the original by uid
  const sent = await cyd.evaluate(() => {
    const thread = window.parley.model.thread('1:dee');
    const m = thread.list.find((x) => x.objectName === 'RC:ReferenceMsg');
    const quoted = thread.list.find((x) => x.content.content === 'Lunch at noon?');
    return { content: m.content, quotedUid: quoted.messageUid };
  });
  assert.equal(sent.content.content, 'Yes, see you there');
  assert.equal(sent.content.referMsgUserId, 'cyd');
  assert.equal(sent.content.objName, 'RC:TxtMsg');
  assert.equal(sent.content.referMsg.content, 'Lunch at noon?');
  assert.equal(sent.content.referMsgUid, sent.quotedUid);
  // the list's preview is the reply's text
  await cyd.locator('#conversations li.conversation[data-target-id="dee"] .preview', { hasText: 'Yes, see you there' }).waitFor();
  // clicking the quote shows the original
  await reply.locator('.quote').click();
  await cyd.locator('.message.mine.flash', { hasText: 'Lunch at noon?' }).waitFor();
  await screenshot(cyd, 'kit-reply');
});

test('the emoji picker puts an emoji into the text at the caret', async () => {
  const [eve, fox] = await pair(['eve', 'Eve Arden'], ['fox', 'Fox Mulder']);
  await openConversation(eve, 1, 'fox');
  await eve.fill('#text', 'Great news ');
  await eve.click('#emoji-toggle');
  await eve.locator('#emoji-picker').waitFor();
  await eve.locator('#emoji-picker button.emoji[aria-label="🎉"]').click();
  assert.equal(await eve.inputValue('#text'), 'Great news 🎉');
  await eve.click('#emoji-toggle');
  assert.equal(await eve.locator('#emoji-picker').isHidden(), true);
  await eve.click('#send');
  await openConversation(fox, 1, 'eve');
  await fox.locator('.message.theirs .bubble', { hasText: 'Great news 🎉' }).waitFor();
});

test('a file pasted into the composer or dropped on the conversation is uploaded and sent', async () => {
  const [gil, hoa] = await pair(['gil', 'Gil Scott'], ['hoa', 'Hoa Binh']);
  await openConversation(gil, 1, 'hoa');
  await openConversation(hoa, 1, 'gil');
  const png = [...PNG];
  await gil.evaluate((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
    document.getElementById('text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png);
  await hoa.locator('.message.theirs img[src^="blob:"]').first().waitFor();
  await gil.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['meeting notes'], 'notes.txt', { type: 'text/plain' }));
    const messages = document.getElementById('messages');
    messages.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
    window.dropZoneShown = !document.getElementById('drop-zone').hidden;
    messages.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    messages.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await gil.evaluate(() => window.dropZoneShown), true, 'dragging a file over shows where to drop it');
  await hoa.locator('.message.theirs .file a', { hasText: 'notes.txt' }).waitFor();
  assert.equal(await gil.locator('#drop-zone').isHidden(), true);
  // a text pasted is just text
  await gil.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'plain words');
    document.getElementById('text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await gil.locator('.message.mine').count(), 2);
});

test('a message\'s actions are in its menu: right-click or ⋯ opens it; Recall recalls; no Recall link under bubbles', async () => {
  const [ida, jon] = await pair(['ida', 'Ida Lupino'], ['jon', 'Jon Snow']);
  await openConversation(ida, 1, 'jon');
  await sendText(ida, 'sent to the wrong chat');
  const mine = ida.locator('.message.mine', { hasText: 'sent to the wrong chat' });
  await mine.locator('.state', { hasText: /Sent|Read/ }).waitFor();
  assert.equal(await ida.locator('#message-list button', { hasText: 'Recall' }).count(), 0, 'no Recall link under the bubble');
  await openConversation(jon, 1, 'ida');
  const theirs = jon.locator('.message.theirs', { hasText: 'sent to the wrong chat' });
  await theirs.waitFor();

  // the other user's menu has no Recall
  await theirs.locator('.bubble').click({ button: 'right' });
  await jon.locator('#message-menu').waitFor();
  assert.deepEqual(await jon.locator('#message-menu button').allTextContents(), ['Reply', 'Copy text']);
  await jon.keyboard.press('Escape');
  assert.equal(await jon.locator('#message-menu').isHidden(), true);

  await mine.locator('.bubble').click({ button: 'right' });
  assert.deepEqual(await ida.locator('#message-menu button').allTextContents(), ['Reply', 'Copy text', 'Recall']);
  await screenshot(ida, 'kit-message-menu');
  await ida.locator('#message-menu button', { hasText: 'Recall' }).click();
  await ida.locator('.message.recalled', { hasText: 'You recalled a message' }).waitFor();
  await jon.locator('.message.recalled', { hasText: 'Ida Lupino recalled a message' }).waitFor();
  // a recalled message has no menu
  assert.equal(await ida.locator('.message.recalled button.more').count(), 0);
});
