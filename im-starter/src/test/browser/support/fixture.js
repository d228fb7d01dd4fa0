// One server and one browser per test file, started before its tests and stopped after them; the pages a test
// opens are closed after it.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startWebServer } from './server.js';
import { launchBrowser, cspViolations } from './browser.js';

/**
 * Registers before/after hooks; the returned object holds `server` and `browser` once the tests run. After each
 * test, a Content-Security-Policy violation in any page it left open fails it (the page must work within its policy),
 * and its browser contexts are closed: a page left open would go on acting as its user in the next test (a channel
 * still open there marks the next test's messages read, and its badges go before they can be seen).
 * @param {Record<string, string>} [env] extra PARLEY_* settings
 * @param {(server) => Promise<void>} [setup] run once the server is up, before the tests (e.g. signed API calls)
 * @param {string[]} [classpath] folders put beside the jar, whose plugins the server finds
 */
export function serverAndBrowser(env = {}, setup = async () => {}, classpath = []) {
  const fixture = { server: null, browser: null };
  before(async () => {
    fixture.server = await startWebServer(env, classpath);
    fixture.browser = await launchBrowser();
    await setup(fixture.server);
  });
  afterEach(async () => {
    if (!fixture.browser) return;
    const violations = await cspViolations(fixture.browser);
    await Promise.all(fixture.browser.contexts().map((context) => context.close()));
    assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
