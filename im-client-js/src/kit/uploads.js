/**
 * Images and files: checked against the server's limits, uploaded with the user's token, and fetched back
 * with it (the server serves a file only to the users of its conversation), shown through object URLs.
 * The token goes to this server's own uploads only: a message names any URL its sender likes.
 */
import { sizeText } from './message-kinds.js';

/** The path of a file this server keeps: `/web/uploads/<128-bit id in hex>`. */
const UPLOAD_PATH = /^\/web\/uploads\/[0-9a-f]{32}$/;

/**
 * What a message's `imageUri` or `fileUrl` points at, by its parsed origin and path, never by its text:
 * - `{kind: 'upload', url}`: a file this server keeps (this page's origin, under `/web/uploads/`), fetched with
 *   the user's token;
 * - `{kind: 'link', url, host}`: an http(s) URL anywhere else, offered as a plain link, never fetched by the page;
 * - `{kind: 'none'}`: anything else (`javascript:`, `data:`, `blob:`, a user name in the URL, no URL), shown as
 *   text only.
 * @param {unknown} url @param {string} [origin] the page's origin
 */
export function fileSource(url, origin = location.origin) {
  if (typeof url !== 'string' || !url.trim()) return { kind: 'none' };
  let parsed;
  try {
    parsed = new URL(url, origin);
  } catch {
    return { kind: 'none' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'none' };
  // https://trusted.example@elsewhere.example/ reads as one host and goes to another
  if (parsed.username || parsed.password) return { kind: 'none' };
  if (parsed.origin === origin && UPLOAD_PATH.test(parsed.pathname) && !parsed.search) {
    return { kind: 'upload', url: parsed.pathname };
  }
  return { kind: 'link', url: parsed.href, host: parsed.host };
}

export class Uploads {
  /** @param {{enabled: boolean, maxBytes: number, types: string[]}} limits @param {string} token */
  constructor(limits, token) {
    this.limits = limits;
    this.token = token;
    /** @type {Map<string, Promise<string>>} */
    this.objectUrls = new Map();
  }

  /** Why `file` cannot be sent, or null. */
  refusal(file) {
    if (!this.limits.enabled) return 'Uploads are off on this server.';
    if (!this.limits.types.includes(file.type)) {
      return `Files of type ${file.type || 'unknown'} are not accepted (accepted: ${this.limits.types.join(', ')}).`;
    }
    if (file.size > this.limits.maxBytes) {
      return `${file.name} is ${sizeText(file.size)}; the limit is ${sizeText(this.limits.maxBytes)}.`;
    }
    if (file.size === 0) return `${file.name} is empty.`;
    return null;
  }

  /** Uploads `file` into a conversation; resolves with `{fileId, url, name, size, type}`. */
  async upload(file, conversationType, targetId) {
    const query = new URLSearchParams({ conversationType: String(conversationType), targetId, name: file.name });
    const res = await fetch(`/web/uploads?${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': file.type },
      body: file,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.message || json.errorMessage || `upload failed (HTTP ${res.status})`);
    return json;
  }

  /**
   * An object URL for a file this server keeps, fetched once with the token; rejects for any other URL
   * (see `fileSource`) without fetching it.
   */
  objectUrl(url) {
    const source = fileSource(url);
    if (source.kind !== 'upload') return Promise.reject(new Error('not a file of this server'));
    const path = source.url;
    if (!this.objectUrls.has(path)) {
      const loading = fetch(path, {
        headers: { Authorization: `Bearer ${this.token}` },
        // a redirect could lead elsewhere
        redirect: 'error',
      }).then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return URL.createObjectURL(await res.blob());
      });
      loading.catch(() => this.objectUrls.delete(path));
      this.objectUrls.set(path, loading);
    }
    return this.objectUrls.get(path);
  }
}
