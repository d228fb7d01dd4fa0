// The benchmark's messages and queries, shared by Node and the browser page (no Node modules here).

export const CONVERSATIONS = 50;
const RUNS = 21;
const BATCH = 1000;

const ENGLISH = ('the a to and of we can meet tomorrow project report deadline coffee lunch review budget release '
  + 'design team customer server build test deploy bug fix meeting notes plan call agenda update draft invoice '
  + 'travel hotel flight weekend photo music game football weather rain sunny café résumé naïve').split(' ');
const CHINESE = ('我们 明天 下午 开会 项目 报告 截止 咖啡 午饭 审核 预算 发布 设计 团队 客户 服务器 构建 测试 部署 '
  + '修复 会议 记录 计划 电话 议程 更新 草稿 发票 出差 酒店 航班 周末 照片 音乐 游戏 足球 天气 下雨 晴天 好的 谢谢 '
  + '没问题 收到').split(' ');

/**
 * `total` messages, the same on every run (a fixed pseudo-random sequence): half English (4–11 words), half
 * Chinese (3–7 words, no spaces), one a second, round the conversations (40 private chats, 10 groups), 30% own.
 */
export function messages(total) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = () => (random() < 0.5
    ? Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(ENGLISH)).join(' ')
    : Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick(CHINESE)).join(''));
  const out = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < total; i++) {
    const c = i % CONVERSATIONS;
    const targetId = `friend${c}`;
    out.push({ messageUid: `M${String(i).padStart(8, '0')}`, conversationType: c < 40 ? 1 : 3, targetId,
      fromUserId: random() < 0.3 ? 'me' : targetId, objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: sentence() }), sentTime: start + i * 1000, inboxSeq: i + 1, seq: i + 1,
      persisted: true, counted: true });
  }
  return out;
}

export const QUERIES = [
  ['all conversations, "meeting"', { keyword: 'meeting' }],
  ['all conversations, "budget review"', { keyword: 'budget review' }],
  ['one conversation, "coffee"', { keyword: 'coffee', conversationType: 1, targetId: 'friend7' }],
  ['all conversations, 2-char CJK "会议"', { keyword: '会议' }],
  ['one conversation, 2-char CJK "会议"', { keyword: '会议', conversationType: 1, targetId: 'friend7' }],
  ['all conversations, 1-char CJK "会"', { keyword: '会' }],
  ['all conversations, "naive" (stored as naïve)', { keyword: 'naive' }],
  ['all conversations, no match "budget zebra"', { keyword: 'budget zebra' }],
  ['all conversations, no match "coffee weekend invoice"', { keyword: 'coffee weekend invoice' }],
  ['by sender, no keyword', { senderId: 'friend3' }],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Stores `all` in `store` (1,000 a transaction), then times each query's first page of 20, `RUNS` times.
 * @returns {Promise<{loadSeconds: number, rows: object[]}>}
 */
export async function bench(name, store, all) {
  const t0 = performance.now();
  for (let i = 0; i < all.length; i += BATCH) await store.record(all.slice(i, i + BATCH));
  const loadSeconds = (performance.now() - t0) / 1000;
  const rows = [];
  for (const [label, query] of QUERIES) {
    const times = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const page = await store.search({ ...query, limit: 20 });
      times.push(performance.now() - t);
      found = page.messages.length;
    }
    rows.push({ store: name, query: label, found, 'median ms': Number(median(times).toFixed(2)) });
  }
  return { loadSeconds, rows };
}

/**
 * The write cost, into an empty `store`: `pages` pages of `size` messages (a SYNC page: 200) recorded one
 * transaction each, then as many history pages (`fetched`, older messages), each page timed until its `record`
 * resolves (the messages durable) and, overall, until the search index holds them too; then what opening a chat
 * after a big sync costs: a sync of 1,000 (5 pages) asked for and, right behind it, a history page and the
 * conversation's messages and the conversation list, timed until each answers.
 * @returns {Promise<{rows: object[]}>}
 */
export async function writeBench(name, store, all, { size = 200, pages = 25 } = {}) {
  const half = pages * size;
  const timed = async (times, write) => {
    const t = performance.now();
    await write();
    times.push(performance.now() - t);
  };
  const sync = [];
  const history = [];
  const t0 = performance.now();
  for (let i = 0; i < pages; i++) await timed(sync, () => store.record(all.slice(half + i * size, half + (i + 1) * size)));
  for (let i = pages - 1; i >= 0; i--) {
    await timed(history, () => store.record(all.slice(i * size, (i + 1) * size), { fetched: true }));
  }
  await store.search({ keyword: 'zzz' }); // waits for the index of every write before it
  const indexedPerPage = (performance.now() - t0) / (2 * pages);
  const row = (write, times, extra = {}) => ({ store: name, write, 'median ms': Number(median(times).toFixed(1)),
    'ms a message': Number((median(times) / size).toFixed(3)), ...extra });
  const rows = [row(`sync page of ${size}: durable`, sync), row(`history page of ${size}: durable`, history),
    { store: name, write: `a page, indexed too (mean of ${2 * pages})`, 'median ms': Number(indexedPerPage.toFixed(1)),
      'ms a message': Number((indexedPerPage / size).toFixed(3)) }];
  // opening a chat right after a big sync: answers asked for behind 1,000 messages being written
  const big = all.slice(2 * half, 2 * half + 1000);
  const page = all.slice(2 * half + 1000, 2 * half + 1000 + size).map((m) => ({ ...m, sentTime: m.sentTime - 1e9 }));
  const t1 = performance.now();
  const writes = [];
  for (let i = 0; i < big.length; i += size) writes.push(store.record(big.slice(i, i + size)));
  const after = (p) => p.then(() => performance.now() - t1);
  const [historyMs, messagesMs, listMs] = await Promise.all([after(store.record(page, { fetched: true })),
    after(store.messages(1, 'friend7', { limit: 50 })), after(store.conversations())]);
  await Promise.all(writes);
  const syncMs = performance.now() - t1;
  rows.push({ store: name, write: 'behind a sync of 1,000: history page / messages() / conversations() answered (ms)',
    'median ms': `${historyMs.toFixed(0)} / ${messagesMs.toFixed(0)} / ${listMs.toFixed(0)}`,
    'ms a message': `(sync durable: ${syncMs.toFixed(0)} ms)` });
  return { rows };
}
