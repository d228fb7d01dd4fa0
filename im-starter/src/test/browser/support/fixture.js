// One server and one browser per test file, started before its tests and stopped after them.
import { before, after } from 'node:test';
import { startWebServer } from './server.js';
import { launchBrowser } from './browser.js';

/**
 * Registers before/after hooks; the returned object holds `server` and `browser` once the tests run.
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
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
