// Ultragroup channels on the chat page: members of an ultragroup made through the signed server API talk in a
// channel, a private channel stays hidden from a member not allowed in, badges follow unread messages and
// mentions, read positions follow the user across devices, edits made by the app server and recalls show,
// and scroll-back pages through a channel's history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, sendText, channelItem, sdkDevice, messageAction } from '../support/browser.js';

/** An ultragroup "Town Hall" (`town`) of wren, xena, yuri and zack: public #news, private #staff for wren and xena. */
const fixture = serverAndBrowser({}, async ({ callApi: api }) => {
  await api('/ultragroup/create.json', { groupId: 'town', userId: 'wren', groupName: 'Town Hall' });
  for (const userId of ['xena', 'yuri', 'zack']) await api('/ultragroup/join.json', { groupId: 'town', userId });
  await api('/ultragroup/channel/create.json', { groupId: 'town', busChannel: 'news', type: '0' });
  await api('/ultragroup/channel/create.json', { groupId: 'town', busChannel: 'staff', type: '1' });
  await api('/ultragroup/channel/private/users/add.json', { groupId: 'town', busChannel: 'staff', userIds: 'wren,xena' });
});

const signInAs = async (userId, options) =>
  signIn(await fixture.browser.newContext(options), fixture.server.baseUrl, userId);
const channelTargets = (page) => page.locator('#ultragroups li.channel')
  .evaluateAll((items) => items.map((li) => li.dataset.targetId));

test('two members talk in a channel; badges count unread and mentions; a private channel stays private', async () => {
  const wren = await signInAs('wren');
  const xena = await signInAs('xena');
  const yuri = await signInAs('yuri');

  await wren.locator('#ultragroups .ultragroup-name', { hasText: 'Town Hall' }).waitFor();
  await channelItem(yuri, 'town:news').waitFor();
  assert.deepEqual(await channelTargets(wren), ['town', 'town:news', 'town:staff']);
  assert.deepEqual(await wren.locator('#ultragroups li.channel .channel-name').allTextContents(),
    ['# general', '# news', '# staffprivate']);
  assert.equal(await channelItem(wren, 'town:staff').locator('.private').count(), 1);
  assert.deepEqual(await channelTargets(yuri), ['town', 'town:news'], 'yuri is not on #staff\'s list');

  // wren opens #news and mentions xena: xena's #news gets an unread and a mention badge
  await channelItem(wren, 'town:news').click();
  await wren.locator('#pane-title', { hasText: 'Town Hall › # news' }).waitFor();
  await sendText(wren, '@xena the agenda is up');
  await wren.locator('.message.mine', { hasText: 'the agenda is up' }).locator('.state', { hasText: 'Sent' }).waitFor();
  const xenaNews = channelItem(xena, 'town:news');
  await xenaNews.locator('.badge.unread', { hasText: '1' }).waitFor();
  await xenaNews.locator('.badge.mention').waitFor();
  await channelItem(yuri, 'town:news').locator('.badge.unread', { hasText: '1' }).waitFor();
  assert.equal(await channelItem(yuri, 'town:news').locator('.badge.mention').count(), 0, 'yuri was not mentioned');
  await screenshot(xena, 'ultragroup-xena-badges');

  // xena opens it: the badges go, the message is there, and her reply reaches wren live
  await xenaNews.click();
  await xena.locator('.message.theirs.mention-me', { hasText: '@xena the agenda is up' }).waitFor();
  await xenaNews.locator('.badge').first().waitFor({ state: 'detached' });
  await sendText(xena, 'Thanks, reading it now');
  await wren.locator('.message.theirs', { hasText: 'Thanks, reading it now' }).locator('.from', { hasText: 'xena' }).waitFor();
  await channelItem(yuri, 'town:news').locator('.badge.unread', { hasText: '2' }).waitFor();
  assert.equal(await wren.locator('.message', { hasText: 'Thanks, reading it now' }).count(), 1, 'shown once');
  await screenshot(wren, 'ultragroup-wren-news');

  // a message in the private channel: xena is told, yuri neither sees the channel nor may open it
  await channelItem(wren, 'town:staff').click();
  await sendText(wren, 'staff only: budget draft');
  await channelItem(xena, 'town:staff').locator('.badge.unread', { hasText: '1' }).waitFor();
  await yuri.selectOption('#open-type', '10');
  await yuri.fill('#open-target', 'town:staff');
  await yuri.click('#open-form button[type=submit]');
  await yuri.locator('#open-error', { hasText: 'Could not open town:staff' }).waitFor();
  await yuri.locator('#empty', { hasText: 'You cannot read town:staff' }).waitFor();
  assert.equal(await yuri.locator('#composer').isHidden(), true);
  assert.equal(await yuri.locator('#pane-title').textContent(), 'Town Hall › # staff');
  assert.equal(await yuri.locator('.message', { hasText: 'budget draft' }).count(), 0);
  assert.equal(await channelItem(yuri, 'town:staff').count(), 0);
  await screenshot(yuri, 'ultragroup-yuri-no-private-channel');

  // wren is in #staff now: xena's next #news message badges #news, and shows when wren goes back there
  await sendText(xena, 'Posted while you were in staff');
  await channelItem(wren, 'town:news').locator('.badge.unread', { hasText: '1' }).waitFor();
  await channelItem(wren, 'town:news').click();
  await wren.locator('.message.theirs', { hasText: 'Posted while you were in staff' }).waitFor();
  assert.deepEqual(await wren.locator('.message .bubble').allTextContents(),
    ['@xena the agenda is up', 'Thanks, reading it now', 'Posted while you were in staff']);
});

test('read positions follow the user: another device marks a channel read, and the page\'s badge goes', async () => {
  const xena = await signInAs('xena');
  const desktop = await sdkDevice(await fixture.browser.newContext(), fixture.server.baseUrl,
    await fixture.server.getToken('xena'));
  await fixture.server.callApi('/message/ultragroup/publish.json', { fromUserId: 'wren', toGroupIds: 'town',
    objectName: 'RC:TxtMsg', content: JSON.stringify({ content: 'general news for all' }) });
  const general = channelItem(xena, 'town');
  await general.locator('.badge.unread', { hasText: '1' }).waitFor();

  await desktop.markRead('town');
  await general.locator('.badge.unread').waitFor({ state: 'detached' });

  // and the other way: opening a channel on the page moves the read position the desktop hears of
  await fixture.server.callApi('/message/ultragroup/publish.json', { fromUserId: 'wren', toGroupIds: 'town',
    busChannel: 'news', objectName: 'RC:TxtMsg', content: JSON.stringify({ content: 'one more for news' }) });
  await channelItem(xena, 'town:news').locator('.badge.unread').waitFor();
  await channelItem(xena, 'town:news').click();
  await xena.locator('.message.theirs', { hasText: 'one more for news' }).waitFor();
  const reads = await desktop.readsOf('town:news');
  assert.equal(reads.at(-1).readSeq, 4, `read up to the latest seq of #news (4 messages): ${JSON.stringify(reads)}`);
});

test('an edit made through the server API shows in its edited version; a recall shows on both sides', async () => {
  const wren = await signInAs('wren');
  const zack = await signInAs('zack');
  await channelItem(zack, 'town:news').click();
  await channelItem(wren, 'town:news').click();
  const published = await fixture.server.callApi('/message/ultragroup/publish.json', { fromUserId: 'wren',
    toGroupIds: 'town', busChannel: 'news', objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: 'Meeting at 5pm' }) });
  await zack.locator('.message.theirs', { hasText: 'Meeting at 5pm' }).waitFor();

  await fixture.server.callApi('/ultragroup/msg/modify.json', { groupId: 'town', busChannel: 'news', fromUserId: 'wren',
    msgUID: published.messageUIDs[0].messageUID, content: JSON.stringify({ content: 'Meeting at 6pm (moved)' }) });
  const edited = zack.locator('.message.theirs', { hasText: 'Meeting at 6pm (moved)' });
  await edited.locator('.meta .edited').waitFor();
  assert.equal(await zack.locator('.message', { hasText: 'Meeting at 5pm' }).count(), 0, 'the old text is gone');
  await wren.locator('.message.mine', { hasText: 'Meeting at 6pm (moved)' }).waitFor();
  await screenshot(zack, 'ultragroup-zack-sees-edit');

  // a page opened afterwards reads the edited version from history
  const later = await signInAs('yuri');
  await channelItem(later, 'town:news').click();
  await later.locator('.message', { hasText: 'Meeting at 6pm (moved)' }).locator('.edited').waitFor();

  await sendText(wren, 'wrong channel, sorry');
  await zack.locator('.message.theirs', { hasText: 'wrong channel, sorry' }).waitFor();
  await messageAction(wren.locator('.message.mine', { hasText: 'wrong channel, sorry' }), 'Recall'); // in the message's menu
  await wren.locator('.message.recalled', { hasText: 'You recalled a message' }).waitFor();
  await zack.locator('.message.recalled', { hasText: 'wren recalled a message' }).waitFor();
  assert.equal(await zack.locator('.message', { hasText: 'wrong channel, sorry' }).count(), 0);
});

test('scroll-back in a channel loads the earlier page, in order', async () => {
  await fixture.server.callApi('/ultragroup/channel/create.json', { groupId: 'town', busChannel: 'archive', type: '0' });
  for (let i = 1; i <= 45; i++) {
    await fixture.server.callApi('/message/ultragroup/publish.json', { fromUserId: 'wren', toGroupIds: 'town',
      busChannel: 'archive', objectName: 'RC:TxtMsg', content: JSON.stringify({ content: `archived ${i}` }) });
  }
  const xena = await signInAs('xena');
  await channelItem(xena, 'town:archive').locator('.badge.unread', { hasText: '45' }).waitFor();
  await channelItem(xena, 'town:archive').click();
  await xena.locator('.message', { hasText: 'archived 45' }).waitFor();
  assert.equal(await xena.locator('.message').count(), 30);
  await xena.locator('#messages').evaluate((scroller) => { scroller.scrollTop = 0; });
  await xena.locator('.message .bubble', { hasText: /^archived 1$/ }).waitFor();
  const texts = await xena.locator('.message .bubble').allTextContents();
  assert.deepEqual(texts, Array.from({ length: 45 }, (_, i) => `archived ${i + 1}`));
  assert.equal(await xena.locator('#load-earlier').isHidden(), true);
});

test('phone-sized screen: the channel list and an open channel take the screen in turn', async () => {
  const yuri = await signInAs('yuri', { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
  await channelItem(yuri, 'town:news').waitFor();
  await screenshot(yuri, 'ultragroup-phone-list');
  await channelItem(yuri, 'town:news').click();
  assert.equal(await yuri.locator('.sidebar').isHidden(), true);
  await sendText(yuri, 'From my phone, in the news channel of Town Hall');
  await yuri.locator('.message.mine .state', { hasText: 'Sent' }).last().waitFor();
  await screenshot(yuri, 'ultragroup-phone-channel');
  await yuri.click('#back');
  await channelItem(yuri, 'town:news').waitFor();
  assert.equal(await yuri.locator('.pane').isHidden(), true);
});
