// Unit tests of the cursor stores the SDK ships: the inbox cursor and the group cursors, kept apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryCursorStore, webStorageCursorStore } from '../src/index.js';

/** Node has no localStorage: a Web Storage area over a Map, with the interface's own methods. */
function storageArea() {
  const items = new Map();
  return {
    get length() { return items.size; },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, String(v)); },
    removeItem: (k) => { items.delete(k); },
    items,
  };
}

test('the web storage store: null until saved, then cursors that only move forward', () => {
  const storage = storageArea();
  const store = webStorageCursorStore(storage, 'parley:ann:cursor:web-1');
  assert.equal(store.load(), null, 'a fresh device');
  store.save(0);
  assert.equal(store.load(), 0, 'a saved 0 marks the device as known');
  store.save(7);
  store.save(5);
  assert.equal(store.load(), 7);
});

test('the web storage store keeps each group apart from the inbox and from other stores', () => {
  const storage = storageArea();
  storage.setItem('unrelated', 'x');
  const store = webStorageCursorStore(storage, 'parley:ann:cursor:web-1');
  const other = webStorageCursorStore(storage, 'parley:ann:cursor:web-2');
  store.save(3);
  store.saveConversation('3:team', 40);
  store.saveConversation('3:team', 39);
  store.saveConversation('3:a:b', 2);
  other.saveConversation('3:team', 1);
  assert.deepEqual([...store.loadConversations()].sort(), [['3:a:b', 2], ['3:team', 40]]);
  assert.equal(storage.getItem('parley:ann:cursor:web-1:conversation:3:team'), '40');
  store.deleteConversation('3:team');
  assert.deepEqual([...store.loadConversations()], [['3:a:b', 2]]);
  assert.deepEqual([...other.loadConversations()], [['3:team', 1]]);
  assert.equal(store.load(), 3);
});

test('the memory store keeps group cursors too, forward only', () => {
  const store = memoryCursorStore(2);
  store.saveConversation('3:team', 5);
  store.saveConversation('3:team', 4);
  assert.equal(store.load(), 2);
  assert.deepEqual([...store.loadConversations()], [['3:team', 5]]);
  store.deleteConversation('3:team');
  assert.equal(store.loadConversations().size, 0);
});
