// A message names any URL its sender likes. The page sends the user's token to its own server's uploads only;
// images and files elsewhere are plain links, never fetched by the page; javascript:, data: and the like are not
// even links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serverAndBrowser } from '../support/fixture.js';
import { screenshot, signIn, conversationItem } from '../support/browser.js';

const fixture = serverAndBrowser();
const UPLOAD_ID = 'a'.repeat(32);

/** Another origin, run as an attacker would: it records every request and lets any page read its answers (CORS). */
let elsewhere;
before(async () => {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('the other site');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = {
    base: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
});
after(() => elsewhere?.close());

/** Sends `vera` a message from `mallory` through the signed server API. */
function fromMallory(objectName, content) {
  return fixture.server.callApi('/message/private/publish.json',
    { fromUserId: 'mallory', toUserId: 'vera', objectName, content: JSON.stringify(content) });
}

test('an image and a file on another origin are shown as links and never get the token, even when clicked', async () => {
  const vera = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'vera');
  const token = await vera.evaluate(() => JSON.parse(localStorage.getItem('parley:session')).token);
  assert.ok(token);
  // an upload's path, on another origin
  const imageUri = `${elsewhere.base}/web/uploads/${UPLOAD_ID}`;
  const fileUrl = `${elsewhere.base}/report.pdf`;
  await fromMallory('RC:ImgMsg', { content: '', imageUri, name: 'cat.png' });
  await fromMallory('RC:FileMsg', { name: 'report.pdf', size: 2048, type: 'pdf', fileUrl });
  await fromMallory('RC:FileMsg', { name: 'invoice.pdf', size: 10, type: 'pdf', fileUrl: 'javascript:alert(document.domain)' });
  await fromMallory('RC:ImgMsg', { content: '', imageUri: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
    name: 'inline.svg' });
  await fromMallory('RC:TxtMsg', { content: 'that is all' });

  await conversationItem(vera, 'mallory').locator('.preview', { hasText: 'that is all' }).waitFor();
  await conversationItem(vera, 'mallory').click();
  const messages = vera.locator('#message-list .message.theirs');
  await messages.filter({ hasText: 'that is all' }).waitFor();

  const host = `(${new URL(elsewhere.base).host})`;
  const image = messages.locator('.external-link', { hasText: 'Image: cat.png' });
  assert.equal(await image.locator('a').getAttribute('href'), imageUri);
  assert.equal(await image.locator('.host').textContent(), host);
  const file = messages.locator('a.external', { hasText: 'report.pdf' });
  assert.equal(await file.getAttribute('href'), fileUrl);
  assert.equal(await file.getAttribute('rel'), 'noopener noreferrer');
  // the javascript: and data: URLs are no links
  await messages.locator('.unavailable', { hasText: 'invoice.pdf (not available)' }).waitFor();
  await messages.locator('.bubble', { hasText: '[Image not available]' }).waitFor();
  const hrefs = await vera.locator('#message-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.sort(), [fileUrl, imageUri].sort());
  assert.equal(await vera.locator('#message-list img').count(), 0);
  await screenshot(vera, 'links-from-elsewhere');

  // clicking the file opens the other site in a tab of its own: a navigation, with no token and no referrer
  const [tab] = await Promise.all([vera.context().waitForEvent('page'), file.click()]);
  await tab.locator('body', { hasText: 'the other site' }).waitFor();

  const visits = elsewhere.requests.filter((r) => r.url === '/report.pdf');
  assert.equal(visits.length, 1, JSON.stringify(elsewhere.requests));
  assert.equal(visits[0].method, 'GET');
  assert.equal(visits[0].headers.referer, undefined);
  // the page fetched nothing from the other origin: its image is only a link
  assert.deepEqual(elsewhere.requests.filter((r) => r.url.startsWith('/web/uploads/')), []);
  for (const request of elsewhere.requests) {
    assert.equal(request.headers.authorization, undefined, `${request.method} ${request.url} carried Authorization`);
    assert.ok(!JSON.stringify(request).includes(token), `${request.method} ${request.url} carried the token`);
  }
});

test('only a path of this server under /web/uploads/ counts as an upload; other URLs are links or nothing', async () => {
  const page = await signIn(await fixture.browser.newContext(), fixture.server.baseUrl, 'wes');
  const own = fixture.server.baseUrl;
  const upload = `/web/uploads/${UPLOAD_ID}`;
  const cases = {
    [upload]: 'upload',
    [`${own}${upload}`]: 'upload',
    [`${own}/web/uploads/x/..${upload.slice('/web/uploads'.length)}`]: 'upload',
    [`${own}${upload}?download=1`]: 'link',
    [`${own}${upload}/../../../console`]: 'link',
    [`${own}/web/uploads/${UPLOAD_ID.toUpperCase()}`]: 'link',
    [`${elsewhere.base}${upload}`]: 'link',
    [`//${new URL(elsewhere.base).host}${upload}`]: 'link',
    [`http://localhost:${fixture.server.port}${upload}`]: 'link',
    [`https://127.0.0.1:${fixture.server.port}${upload}`]: 'link',
    'https://cdn.example.com/cat.png': 'link',
    'javascript:alert(1)': 'none',
    ' JavaScript:alert(1)': 'none',
    'data:text/html,<script>alert(1)</script>': 'none',
    [`blob:${own}/0a1b2c3d-0000-4000-8000-000000000000`]: 'none',
    [`http://${new URL(own).host}@${new URL(elsewhere.base).host}${upload}`]: 'none',
    'file:///etc/passwd': 'none',
    '': 'none',
  };
  const kinds = await page.evaluate(async (urls) => {
    const { fileSource } = await import('/sdk/kit/uploads.js');
    return Object.fromEntries([...urls, undefined, null, 42].map((url) => [String(url), fileSource(url).kind]));
  }, Object.keys(cases));
  assert.deepEqual(kinds, { ...cases, undefined: 'none', null: 'none', 42: 'none' });
});
