// The server for browser tests: im-client-js's test server (the runnable jar on 127.0.0.1, ephemeral ports, a
// temporary data folder, none of the caller's PARLEY_* variables), with the web features turned on.
import { startServer } from '../../../../../im-client-js/test-support/server.js';

export const CONSOLE_USER = 'ops';
export const CONSOLE_PASSWORD = 'console-test-password';

/**
 * @param {Record<string, string>} [env] extra PARLEY_* settings
 * @param {string[]} [classpath] folders put beside the jar, whose plugins the server finds (see compileNoticePlugin)
 */
export function startWebServer(env = {}, classpath = []) {
  return startServer({
    classpath,
    env: {
      PARLEY_WEB_DEV_SIGN_IN: 'true',
      PARLEY_CONSOLE_USERNAME: CONSOLE_USER,
      PARLEY_CONSOLE_PASSWORD: CONSOLE_PASSWORD,
      ...env,
    },
  });
}
