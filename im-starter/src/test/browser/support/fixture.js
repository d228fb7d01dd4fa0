// One server and one browser per test file, started before its tests and stopped after them.
import { before, after } from 'node:test';
import { startWebServer } from './server.js';
import { launchBrowser } from './browser.js';

/**
 * Registers before/after hooks; the returned object holds `server` and `browser` once the tests run.
 * @param {Record<string, string>} [env] extra PARLEY_* settings
 */
export function serverAndBrowser(env = {}) {
  const fixture = { server: null, browser: null };
  before(async () => {
    fixture.server = await startWebServer(env);
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
