import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../src/index.js';

test('doubles up to the maximum, within [base/2, base]', () => {
  const low = new Backoff(100, 1000, () => 0);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => low.next()), [50, 100, 200, 400, 500, 500]);
  const high = new Backoff(100, 1000, () => 0.999999);
  assert.deepEqual([1, 2, 3, 4, 5].map(() => high.next()), [100, 200, 400, 800, 1000]);
});

test('random delays stay in range', () => {
  const b = new Backoff(200, 10_000);
  for (let i = 0; i < 40; i++) {
    const ceiling = b.ceiling(b.attempts);
    const d = b.next();
    assert.ok(d >= ceiling / 2 && d <= ceiling, `${d} outside [${ceiling / 2}, ${ceiling}]`);
  }
  assert.equal(b.ceiling(1000), 10_000);
});

test('reset starts over', () => {
  const b = new Backoff(100, 1000, () => 0);
  b.next();
  b.next();
  assert.equal(b.attempts, 2);
  b.reset();
  assert.equal(b.next(), 50);
});

test('rejects bad bounds', () => {
  assert.throws(() => new Backoff(0, 10), RangeError);
  assert.throws(() => new Backoff(10, 5), RangeError);
});
