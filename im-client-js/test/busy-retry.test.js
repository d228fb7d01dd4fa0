// Unit tests of the waits before a send refused as busy (33012) is sent again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BusyRetry } from '../src/index.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms) => { now += ms; } };
}

test('waits start at 100 ms and double up to 5 s, with jitter in [base/2, base]', () => {
  const low = new BusyRetry({ random: () => 0, now: clock().now });
  assert.deepEqual(Array.from({ length: 8 }, () => low.next()), [50, 100, 200, 400, 800, 1600, 2500, 2500]);
  const high = new BusyRetry({ random: () => 0.999999, now: clock().now });
  assert.deepEqual(Array.from({ length: 8 }, () => high.next()), [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
});

test('random waits stay within the bounds', () => {
  const retry = new BusyRetry({ now: clock().now });
  for (let i = 0; i < 40; i++) {
    const ceiling = Math.min(100 * 2 ** i, 5000);
    const delay = retry.next();
    assert.ok(delay >= ceiling / 2 && delay <= ceiling, `${delay} outside [${ceiling / 2}, ${ceiling}]`);
  }
});

test('retries stop 30 s after the first refusal: the attempt that would come later is not made', () => {
  const c = clock();
  const retry = new BusyRetry({ random: () => 0.999999, now: c.now });
  let waited = 0;
  for (;;) {
    const delay = retry.next();
    if (delay < 0) break;
    waited += delay;
    c.advance(delay);
  }
  assert.ok(waited <= 30_000, `waited ${waited} ms`);
  assert.ok(waited > 30_000 - 5000, `gave up early, after ${waited} ms`);
  // 100+200+…+3200 = 6300 ms in 6 waits, then 4 × 5 s = 26300 ms; a fifth 5 s would pass 30 s: the 11th refusal fails
  assert.equal(waited, 26_300);
  assert.equal(retry.refusals, 11);
});

test('the send deadline ends retries sooner than the budget', () => {
  const c = clock();
  const retry = new BusyRetry({ random: () => 0.999999, now: c.now });
  const deadline = c.now() + 250;
  assert.equal(retry.next(deadline), 100);
  c.advance(100);
  assert.equal(retry.next(deadline), -1, '100 + 200 would pass the deadline');
});

test('the budget and bounds are options', () => {
  const c = clock();
  const retry = new BusyRetry({ initialMs: 10, maxMs: 20, totalMs: 50, random: () => 0.999999, now: c.now });
  const delays = [];
  for (let d = retry.next(); d >= 0; d = retry.next()) {
    delays.push(d);
    c.advance(d);
  }
  assert.deepEqual(delays, [10, 20, 20]);
  assert.throws(() => new BusyRetry({ totalMs: -1 }), RangeError);
});
