// Starts a real Parley server (the shaded jar) on 127.0.0.1 with ephemeral ports, for end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = process.env.PARLEY_JAR || join(here, '..', '..', 'im-starter', 'target', 'parley-server.jar');
export const APP_KEY = 'js-key';
export const APP_SECRET = 'js-secret';
const START_TIMEOUT_MS = 60_000;

/** The runnable jar's main class, for a server started with extra class path entries. */
const MAIN_CLASS = 'io.parley.starter.ParleyMain';

/**
 * Compiles the test-only plugin `notice-test` (test-support/notice-plugin: a command `notice-test.notify` that sends
 * a plugin's notice to a conversation) against the jar, into a fresh temporary folder with its ServiceLoader entry;
 * returns the folder, to pass in `startServer({classpath: [folder]})`. Needs `javac` (a JDK, as the build does).
 * @returns {string}
 */
export function compileNoticePlugin() {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} not found: build it from the repository root with mvn -B -q -DskipTests package -pl im-starter -am`);
  }
  const sources = join(here, 'notice-plugin', 'parleytest');
  const out = mkdtempSync(join(tmpdir(), 'parley-notice-plugin-'));
  const files = readdirSync(sources).filter((f) => f.endsWith('.java')).map((f) => join(sources, f));
  execFileSync('javac', ['--release', '17', '-nowarn', '-cp', JAR, '-d', out, ...files], { stdio: 'pipe' });
  mkdirSync(join(out, 'META-INF', 'services'), { recursive: true });
  writeFileSync(join(out, 'META-INF', 'services', 'io.parley.api.plugin.ImPlugin'), 'parleytest.NoticeTestPlugin\n');
  return out;
}

/**
 * Starts the server; resolves with {port, baseUrl, wsUrl, output(), callApi(path, params), getToken(userId), stop()}.
 * @param {{env?: Record<string, string>, ca?: string, classpath?: string[]}} [options] extra PARLEY_* settings for
 *   the server; with PARLEY_TLS_CERT_FILE set, `ca` is the PEM certificate to trust, and the URLs are https and wss
 *   to localhost; `classpath`: folders or jars put beside the jar, whose plugins the server then finds (see
 *   `compileNoticePlugin`); `dataDir`: the server's data folder, kept when the server stops (so that a server started
 *   again on it has the same data; the caller removes it), a new temporary one (removed at stop) by default
 */
export async function startServer({ env = {}, ca, classpath = [], dataDir: keptDir } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} not found: build it from the repository root with mvn -B -q -DskipTests package -pl im-starter -am`);
  }
  const dataDir = keptDir || mkdtempSync(join(tmpdir(), 'parley-js-'));
  const args = classpath.length === 0 ? ['-jar', JAR]
    : ['-cp', [JAR, ...classpath].join(process.platform === 'win32' ? ';' : ':'), MAIN_CLASS];
  const child = spawn('java', args, {
    env: {
      // The server refuses PARLEY_* variables it does not know (PARLEY_JAR is ours), so pass none through.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PARLEY_'))),
      PARLEY_HTTP_PORT: '0',
      PARLEY_TCP_PORT: '0',
      PARLEY_BIND_HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_APP_KEY: APP_KEY,
      PARLEY_APP_SECRET: APP_SECRET,
      PARLEY_MODERATION_RATE_CLIENT_PER_SECOND: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const match = /server API and WebSocket: https?:\/\/[^\s/]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (c) => { output += c; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  const base = ca ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  /** Calls the signed server API; resolves with the JSON answer, rejects unless its code is 200. */
  const callApi = async (path, params) => {
    const nonce = randomBytes(8).toString('hex');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1').update(APP_SECRET + nonce + timestamp).digest('hex');
    const headers = { 'App-Key': APP_KEY, Nonce: nonce, Timestamp: timestamp, Signature: signature,
      'Content-Type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(params).toString();
    const json = ca ? JSON.parse(await postTrusting(`${base}${path}`, headers, body, ca))
      : await (await fetch(`${base}${path}`, { method: 'POST', headers, body,
        signal: AbortSignal.timeout(10_000) })).json();
    if (json.code !== 200) throw new Error(`${path} failed: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    port,
    baseUrl: base,
    wsUrl: ca ? `wss://localhost:${port}/websocket` : `ws://127.0.0.1:${port}/websocket`,
    stop,
    /** What the server printed so far. */
    output: () => output,
    callApi,
    /** A token from the signed server API. */
    async getToken(userId) {
      const json = await callApi('/user/getToken.json', { userId, name: userId });
      if (!json.token) throw new Error(`getToken failed: ${JSON.stringify(json)}`);
      return json.token;
    },
  };
}

/** POSTs over HTTPS trusting the PEM certificate `ca` alone (fetch cannot be told which certificates to trust). */
function postTrusting(url, headers, body, ca) {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', headers, ca, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => { text += chunk; }).on('end', () => resolve(text));
    });
    req.on('error', reject).on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.end(body);
  });
}

/** Resolves once predicate() is true, polling; rejects after timeoutMs. */
export async function waitFor(predicate, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
