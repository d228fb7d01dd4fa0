// Search over 100,000 stored messages (Chinese and English, 50 conversations): the median time of a first page
// of 20, on the in-memory store and on IndexedDB: fake-indexeddb on Node and, where playwright-core and Chromium
// are at hand (CHROMIUM_PATH, /usr/bin/chromium by default), Chromium's own IndexedDB.
// Run: node bench/search.bench.js (BENCH_MESSAGES=10000 for a quick look; BENCH_BROWSER=0 to skip Chromium).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { messages, bench, writeBench } from './corpus.js';

const TOTAL = Number(process.env.BENCH_MESSAGES || 100_000);
/** BENCH_WRITES=only: the write cost alone (pages of 200 into an empty store), no search over TOTAL. */
const WRITES = process.env.BENCH_WRITES || 'yes';
/** BENCH_SRC: the SDK's folder under im-client-js to measure (src; another copy to compare a version before). */
const SRC = process.env.BENCH_SRC || 'src';
const { memoryMessageStore, indexedDbMessageStore } = await import(`../${SRC}/index.js`);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function report(name, { loadSeconds, rows }) {
  console.log(`\n${name}: ${TOTAL} messages stored in ${loadSeconds.toFixed(1)} s`);
  console.table(rows);
}

/** playwright-core from this package or from the browser tests' folder, or null. */
async function playwright() {
  try {
    return await import('playwright-core');
  } catch { /* not installed here */ }
  try {
    const require = createRequire(join(root, '..', 'im-starter', 'src', 'test', 'browser', 'package.json'));
    return await import(require.resolve('playwright-core'));
  } catch {
    return null;
  }
}

/** Serves the SDK and this folder to the page, on 127.0.0.1. */
async function serveFiles() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>bench</title>');
      return;
    }
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/plain' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

async function chromiumBench() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (process.env.BENCH_BROWSER === '0') return;
  const pw = await playwright();
  if (!pw || !existsSync(executablePath)) {
    console.log('\nChromium: skipped (needs playwright-core, e.g. npm ci in im-starter/src/test/browser, and Chromium)');
    return;
  }
  const files = await serveFiles();
  const chromium = pw.chromium || pw.default.chromium;
  const browser = await chromium.launch({ executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${files.address().port}/`);
    const writes = await page.evaluate(async (src) => {
      const { indexedDbMessageStore: idb } = await import(`/${src}/index.js`);
      const corpus = await import('/bench/corpus.js');
      const store = idb({ appKey: 'bench-writes', userId: 'me' });
      const out = await corpus.writeBench('IndexedDB (Chromium)', store, corpus.messages(11_200));
      await store.wipe();
      return out;
    }, SRC);
    console.log('\nChromium: write cost');
    console.table(writes.rows);
    if (WRITES === 'only') return;
    const result = await page.evaluate(async ([total, src]) => {
      const { indexedDbMessageStore: idb } = await import(`/${src}/index.js`);
      const corpus = await import('/bench/corpus.js');
      const store = idb({ appKey: 'bench', userId: 'me' });
      const out = await corpus.bench(`IndexedDB (${navigator.userAgent.match(/(Headless)?Chrome\/[\d.]+/)[0]})`,
        store, corpus.messages(total));
      out.kind = store.kind;
      out.getAllDirection = typeof IDBIndex.prototype.getAllRecords === 'function';
      return out;
    }, [TOTAL, SRC]);
    report(`Chromium, store ${result.kind}, getAll with direction: ${result.getAllDirection}`, result);
  } finally {
    await browser.close();
    files.close();
  }
}

const writeCorpus = messages(11_200);
console.log('\nwrite cost (memory, fake-indexeddb)');
console.table([...(await writeBench('memory', memoryMessageStore({ userId: 'me' }), writeCorpus)).rows,
  ...(await writeBench('IndexedDB (fake-indexeddb)', indexedDbMessageStore({ appKey: 'bench-writes', userId: 'me',
    indexedDB: new IDBFactory(), IDBKeyRange }), writeCorpus)).rows]);
if (WRITES === 'only') {
  await chromiumBench();
  process.exit(0);
}
const all = messages(TOTAL);
report('memory', await bench('memory', memoryMessageStore({ userId: 'me' }), all));
report('IndexedDB (fake-indexeddb)', await bench('IndexedDB (fake-indexeddb)', indexedDbMessageStore({ appKey: 'bench',
  userId: 'me', indexedDB: new IDBFactory(), IDBKeyRange }), all));
await chromiumBench();
