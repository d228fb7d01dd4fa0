/**
 * Images and files: checked against the server's limits, uploaded with the user's token, and fetched back
 * with it (the server serves a file only to the users of its conversation), shown through object URLs.
 */
import { sizeText } from './message-kinds.js';

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

  /** An object URL for an uploaded file, fetched once with the token. */
  objectUrl(url) {
    if (!this.objectUrls.has(url)) {
      const loading = fetch(url, { headers: { Authorization: `Bearer ${this.token}` } }).then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return URL.createObjectURL(await res.blob());
      });
      loading.catch(() => this.objectUrls.delete(url));
      this.objectUrls.set(url, loading);
    }
    return this.objectUrls.get(url);
  }
}
