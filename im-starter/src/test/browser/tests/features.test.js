// The rest of the page: groups with mentions and receipts, chatrooms, recall, scroll-back, uploads with their
// limits and access checks, and a phone-sized screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, openConversation, sendText, conversationItem, messageAction } from '../support/browser.js';

const UPLOAD_LIMIT = 200_000;
const fixture = serverAndBrowser({ PARLEY_WEB_UPLOADS_MAX_BYTES: String(UPLOAD_LIMIT) });

test('group chat: a mention badges the conversation, and the sender sees who read it', async () => {
  await fixture.server.callApi('/group/create.json', [['userId', 'gina'], ['userId', 'hank'], ['userId', 'ivy'],
    ['groupId', 'team'], ['groupName', 'Team']]);
  const gina = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'gina');
  const hank = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'hank');
  await openConversation(gina, 3, 'team');
  await sendText(gina, '@hank could you look at this?');
  const sent = gina.locator('.message.mine', { hasText: 'could you look' });
  await sent.locator('.state', { hasText: 'Sent' }).waitFor();

  const item = conversationItem(hank, 'team');
  await item.locator('.preview', { hasText: 'gina: @hank could you look at this?' }).waitFor();
  await item.locator('.badge.mention').waitFor();
  assert.equal(await item.locator('.badge.unread').textContent(), '1');
  await screenshot(hank, 'group-hank-mentioned');

  await item.click();
  await hank.locator('.message.theirs.mention-me', { hasText: 'could you look' }).waitFor();
  await sent.locator('.state.read', { hasText: 'Read by 1' }).waitFor();
  await screenshot(gina, 'group-gina-read-by-one');
});

test('a group the user is not in is refused', async () => {
  const ivan = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'ivan');
  await openConversation(ivan, 3, 'team');
  await ivan.locator('#open-error', { hasText: 'Could not open team' }).waitFor();
});

test('chatroom: two users join a room and talk in it', async () => {
  const jack = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'jack');
  const kate = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'kate');
  await openConversation(jack, 4, 'lobby');
  await openConversation(kate, 4, 'lobby');
  await sendText(jack, 'hello room');
  await kate.locator('.message.theirs', { hasText: 'hello room' }).waitFor();
  await jack.locator('.message.mine', { hasText: 'hello room' }).locator('.state', { hasText: 'Sent' }).waitFor();
  assert.equal(await jack.locator('.message', { hasText: 'hello room' }).count(), 1, 'the echo is not shown twice');
});

test('recall: the sender recalls a message and the other side sees it go', async () => {
  const lena = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'lena');
  const mike = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'mike');
  await openConversation(lena, 1, 'mike');
  await sendText(lena, 'oops, wrong chat');
  await conversationItem(mike, 'lena').click();
  await mike.locator('.message.theirs', { hasText: 'oops, wrong chat' }).waitFor();

  // Recall is in the message's menu (its ⋯ button), not a link under the bubble
  await messageAction(lena.locator('.message.mine', { hasText: 'oops, wrong chat' }), 'Recall');
  await lena.locator('.message.recalled', { hasText: 'You recalled a message' }).waitFor();
  await mike.locator('.message.recalled', { hasText: 'lena recalled a message' }).waitFor();
  assert.equal(await mike.locator('.message', { hasText: 'oops, wrong chat' }).count(), 0);
  await conversationItem(mike, 'lena').locator('.preview', { hasText: 'Message recalled' }).waitFor();
});

test('scroll-back: scrolling to the top loads the earlier page', async () => {
  for (let i = 1; i <= 45; i++) {
    await fixture.server.callApi('/message/private/publish.json', { fromUserId: 'nina', toUserId: 'oscar',
      objectName: 'RC:TxtMsg', content: JSON.stringify({ content: `history ${i}` }) });
  }
  const oscar = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'oscar');
  await conversationItem(oscar, 'nina').click();
  await oscar.locator('.message', { hasText: 'history 45' }).waitFor();
  assert.equal(await oscar.locator('.message').count(), 30);
  assert.equal(await oscar.locator('#load-earlier').isVisible(), true);
  await oscar.locator('#messages').evaluate((scroller) => { scroller.scrollTop = 0; });
  await oscar.locator('.message .bubble', { hasText: /^history 1$/ }).waitFor();
  assert.equal(await oscar.locator('.message').count(), 45);
  assert.equal(await oscar.locator('#load-earlier').isHidden(), true);
  const texts = await oscar.locator('.message .bubble').allTextContents();
  assert.deepEqual(texts, Array.from({ length: 45 }, (_, i) => `history ${i + 1}`));
});

test('uploads: an image reaches the other user; size, type and access are checked', async () => {
  const pia = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'pia');
  const quinn = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'quinn');
  await openConversation(pia, 1, 'quinn');
  const png = await pia.screenshot({ clip: { x: 0, y: 0, width: 240, height: 120 } });
  await pia.setInputFiles('#attach', { name: 'sidebar.png', mimeType: 'image/png', buffer: png });
  await pia.locator('.message.mine img[src^="blob:"]').waitFor();

  await conversationItem(quinn, 'pia').locator('.preview', { hasText: '[Image]' }).waitFor();
  await conversationItem(quinn, 'pia').click();
  const image = quinn.locator('.message.theirs img[src^="blob:"]');
  await image.waitFor();
  assert.equal(await image.evaluate((img) => img.complete && img.naturalWidth), 240);
  await screenshot(quinn, 'upload-quinn-sees-image');

  // the page refuses what the server would refuse, before uploading
  await pia.setInputFiles('#attach', { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(UPLOAD_LIMIT + 1) });
  await pia.locator('#composer-error', { hasText: 'the limit is' }).waitFor();
  await pia.setInputFiles('#attach', { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await pia.locator('#composer-error', { hasText: 'are not accepted' }).waitFor();

  // and the server checks for itself
  const url = await pia.evaluate(() => window.parley.model.thread('1:quinn').list.find((m) => m.content.imageUri).content.imageUri);
  const outsider = await fixture.server.getToken('rita');
  const piaToken = await fixture.server.getToken('pia');
  const fetchAs = (token) => fetch(`${fixture.server.baseUrl}${url}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  assert.equal((await fetchAs(null)).status, 401);
  assert.equal((await fetchAs(outsider)).status, 403);
  const own = await fetchAs(piaToken);
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await own.arrayBuffer()), png);
  const post = (type, body) => fetch(`${fixture.server.baseUrl}/web/uploads?conversationType=1&targetId=quinn&name=x`, {
    method: 'POST', headers: { Authorization: `Bearer ${piaToken}`, 'Content-Type': type }, body });
  assert.equal((await post('application/pdf', Buffer.alloc(UPLOAD_LIMIT + 1))).status, 413);
  assert.equal((await post('text/html', Buffer.from('<script>alert(1)</script>'))).status, 415);
  const metrics = await (await fetch(`${fixture.server.baseUrl}/metrics`)).text();
  assert.match(metrics, /^im_web_uploads_total\{result="stored"\} 1(\.0)?$/m);
  assert.match(metrics, /^im_web_upload_bytes_total [1-9]/m);
});

test('phone-sized screen: the list and the conversation take the screen in turn', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
  const sam = await signIn(context, fixture.server.baseUrl, 'sam');
  await openConversation(sam, 1, 'tess');
  assert.equal(await sam.locator('.sidebar').isHidden(), true);
  await sendText(sam, 'Sent from a phone-sized screen, and long enough to wrap onto a second line in the bubble');
  await sam.locator('.message.mine .state', { hasText: 'Sent' }).waitFor();
  await screenshot(sam, 'phone-conversation');
  await sam.click('#back');
  await conversationItem(sam, 'tess').waitFor();
  assert.equal(await sam.locator('.pane').isHidden(), true);
  await screenshot(sam, 'phone-list');
});
