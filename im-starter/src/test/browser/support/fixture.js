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
 */
export function serverAndBrowser(env = {}, setup = async () => {}) {
  const fixture = { server: null, browser: null };
  before(async () => {
    fixture.server = await startWebServer(env);
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
