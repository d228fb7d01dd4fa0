// One server and one browser per test file, started before its tests and stopped after them.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startWebServer } from './server.js';
import { launchBrowser, cspViolations } from './browser.js';

/**
 * Registers before/after hooks; the returned object holds `server` and `browser` once the tests run. After each
 * test, a Content-Security-Policy violation in any page it left open fails it: the page must work within its policy.
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
    if (fixture.browser) assert.deepEqual(await cspViolations(fixture.browser), [], 'Content-Security-Policy violations');
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
