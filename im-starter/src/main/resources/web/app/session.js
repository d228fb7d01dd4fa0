/**
 * Where the page's token comes from. A host app that embeds the page passes it in the URL fragment
 * (`/#token=…&user=alice`; a fragment never reaches a server's logs); in development, with `web.dev-sign-in`
 * on, the page asks `POST /web/dev/token` for one. The session is kept in `localStorage` until sign-out.
 */
const STORAGE_KEY = 'parley:session';

/** The session from the URL fragment or an earlier sign-in, or null. */
export function storedSession() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    const session = { token: fragment.get('token'), userId: fragment.get('user') || null };
    history.replaceState(null, '', location.pathname + location.search);
    save(session);
    return session;
  }
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
    return saved && saved.token ? saved : null;
  } catch {
    return null;
  }
}

/** Asks the development endpoint for a token for `userId`; a `name` given becomes the user's name. */
export async function devSignIn(userId, name = '') {
  const res = await fetch('/web/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(name ? { userId, name } : { userId }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || !json.token) throw new Error(json.message || json.errorMessage || `sign-in failed (HTTP ${res.status})`);
  const session = { token: json.token, userId: json.userId };
  save(session);
  return session;
}

/** Makes a group of the signed-in user and `memberIds` through the development endpoint; resolves with its id. */
export async function devCreateGroup(token, { name, memberIds }) {
  const res = await fetch('/web/dev/group', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, memberIds }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || !json.groupId) throw new Error(json.message || json.errorMessage || `HTTP ${res.status}`);
  return json;
}

export function clearSession() {
  localStorage.removeItem(STORAGE_KEY);
}

function save(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}
