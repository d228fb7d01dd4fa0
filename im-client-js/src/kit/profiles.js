/**
 * Names and portraits of users and groups, as the app registered them (`/user/getToken.json`, `/user/refresh.json`,
 * `/group/create.json`, `/group/refresh.json`), read with the `user.info` and `group.info` commands. Asks are batched
 * (every id asked for in one turn of the event loop goes in one command), answers are kept, and everything known is
 * asked again on every (re)connect, every `everyMs` while the page is visible, and whenever the window gets the
 * focus back, so a changed name shows. Tells `change` when something it knows changed. A server without the commands leaves every
 * name unknown: views then show ids.
 */
const BATCH = 100;

export class Profiles extends EventTarget {
  /**
   * @param {import('../client.js').ParleyClient} client
   * @param {{everyMs?: number}} [options]
   */
  constructor(client, { everyMs = 300_000 } = {}) {
    super();
    this.client = client;
    /** @type {Map<string, {name: string, portraitUri: string}|null>} userId → profile; null: asked, none known */
    this.users = new Map();
    /** @type {Map<string, {name: string, memberCount: number}|null>} */
    this.groups = new Map();
    this.wanted = { users: new Set(), groups: new Set() };
    this.flushing = null;
    this.lastRefresh = 0;
    this.unsupported = false;
    client.onStatus((status) => { if (status === 'connected') this.refresh(); });
    if (typeof window !== 'undefined') {
      window.addEventListener('focus', () => this.refresh());
      setInterval(() => { if (document.visibilityState === 'visible') this.refresh(); }, everyMs);
    }
  }

  /** The user's profile if known (asking for it if not yet asked). */
  user(userId) {
    if (!userId) return null;
    if (!this.users.has(userId)) this.want('users', userId);
    return this.users.get(userId) || null;
  }

  /** The group's info if known (asking for it if not yet asked). */
  group(groupId) {
    if (!groupId) return null;
    if (!this.groups.has(groupId)) this.want('groups', groupId);
    return this.groups.get(groupId) || null;
  }

  /**
   * Resolves once the user's profile is known, or after `timeoutMs` (a user just met becomes visible a moment after
   * their first message), whichever is first.
   */
  whenKnown(userId, timeoutMs = 2000) {
    if (this.user(userId)) return Promise.resolve();
    this.retryMissing();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.removeEventListener('change', check);
        resolve();
      };
      const check = () => { if (this.users.get(userId)) done(); };
      const timer = setTimeout(done, timeoutMs);
      this.addEventListener('change', check);
    });
  }

  /** A user's name, or their id when no name is known. */
  userName(userId) {
    return (this.user(userId) || {}).name || userId;
  }

  /** The name of a conversation: the other user's or the group's, else its id. */
  conversationName(type, targetId) {
    if (type === 1) return this.userName(targetId);
    if (type === 3) return (this.group(targetId) || {}).name || targetId;
    return targetId;
  }

  /**
   * Asks again, a moment later, for the ids asked for and not answered: a user becomes visible once the two talked
   * (`user.info` answers for the users the caller shares a conversation or a group with).
   */
  retryMissing() {
    if (this.retryTimer || this.unsupported) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      for (const [id, profile] of this.users) if (!profile) this.wanted.users.add(id);
      for (const [id, group] of this.groups) if (!group) this.wanted.groups.add(id);
      this.schedule();
    }, 1000);
  }

  /** Asks again for everything known (a name may have changed). */
  refresh() {
    this.lastRefresh = Date.now();
    for (const id of this.users.keys()) this.wanted.users.add(id);
    for (const id of this.groups.keys()) this.wanted.groups.add(id);
    this.schedule();
  }

  /** @private */
  want(kind, id) {
    this[kind].set(id, null);
    this.wanted[kind].add(id);
    this.schedule();
  }

  /** @private */
  schedule() {
    if (this.flushing || this.unsupported) return;
    this.flushing = Promise.resolve().then(() => this.flush()).finally(() => {
      this.flushing = null;
      // ids wanted while the last asks were under way
      if (this.client.status === 'connected' && (this.wanted.users.size || this.wanted.groups.size)) this.schedule();
    });
  }

  /** @private */
  async flush() {
    if (this.client.status !== 'connected') return; // asked again on connect
    const users = [...this.wanted.users];
    const groups = [...this.wanted.groups];
    this.wanted.users.clear();
    this.wanted.groups.clear();
    let changed = false;
    try {
      for (let i = 0; i < users.length; i += BATCH) {
        const result = await this.client.command('user.info', { userIds: users.slice(i, i + BATCH) });
        for (const u of result.users || []) changed = this.set(this.users, u.userId, { name: u.name || '', portraitUri: u.portraitUri || '' }) || changed;
      }
      for (let i = 0; i < groups.length; i += BATCH) {
        const result = await this.client.command('group.info', { groupIds: groups.slice(i, i + BATCH) });
        for (const g of result.groups || []) changed = this.set(this.groups, g.groupId, { name: g.name || '', memberCount: g.memberCount || 0 }) || changed;
      }
    } catch (e) {
      if (e && e.code === 33004) this.unsupported = true; // an older server: no names, ids only
    }
    if (changed) this.dispatchEvent(new CustomEvent('change'));
  }

  /** @private */
  set(map, id, value) {
    const old = map.get(id);
    if (old && Object.keys(value).every((k) => old[k] === value[k])) return false;
    map.set(id, value);
    return true;
  }
}

/** Up to two initials of a name, for an avatar without a picture. */
export function initials(name) {
  const words = String(name || '?').trim().split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] || '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A hue (0–359) fixed for an id, so an avatar keeps its colour. */
export function hueOf(id) {
  let h = 0;
  for (const ch of String(id)) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}
