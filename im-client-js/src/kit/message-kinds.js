/**
 * What the page knows of message types: which are status messages handled by the chat model, and how a
 * message reads in a bubble or in the conversation list.
 */

export const ConversationType = Object.freeze({ PRIVATE: 1, GROUP: 3, CHATROOM: 4, SYSTEM: 6, ULTRA_GROUP: 10 });

export const KIND_LABEL = { 3: 'Group', 4: 'Room', 6: 'System', 10: 'Channel' };

/** A conversation's key in the page's maps. */
export function conversationKey(type, targetId) {
  return `${type}:${targetId}`;
}

/** Parses a message's content; content that is not JSON stays text. */
export function parseContent(content) {
  if (content && typeof content === 'object') return content;
  try {
    const parsed = JSON.parse(content);
    return parsed && typeof parsed === 'object' ? parsed : { content: String(content) };
  } catch {
    return { content: String(content ?? '') };
  }
}

/** A message's kind for the bubble: text, reference (a reply quoting another), image, file, notice or recalled. */
export function kindOf(objectName) {
  switch (objectName) {
    case 'RC:TxtMsg': return 'text';
    case 'RC:ImgMsg': case 'RC:GIFMsg': return 'image';
    case 'RC:FileMsg': return 'file';
    case 'RC:ReferenceMsg': return 'reference';
    case 'RC:RcNtf': return 'recalled';
    case 'RC:GrpNtf': case 'RC:InfoNtf': return 'notice';
    default: return 'other';
  }
}

/** One line of text for a message: the list's preview and notices; `nameOf` names the users a notice mentions. */
export function previewText(message, nameOf = (id) => id) {
  const c = message.content;
  switch (kindOf(message.objectName)) {
    case 'text': case 'reference': return c.content || '';
    case 'image': return '[Image]';
    case 'file': return `[File] ${c.name || ''}`.trim();
    case 'recalled': return 'Message recalled';
    case 'notice': return noticeText(message, nameOf);
    default: return `[${message.objectName}]`;
  }
}

function noticeText({ objectName, content: c }, nameOf) {
  if (objectName === 'RC:InfoNtf') return c.message || 'notice';
  const who = c.operatorUserId ? nameOf(c.operatorUserId) : 'someone';
  const data = c.data && typeof c.data === 'object' ? c.data : {};
  const targets = (data.targetUserIds || []).map(nameOf).join(', ');
  switch (c.operation) {
    case 'Create': return `${who} created the group`;
    case 'Add': return (data.targetUserIds || []).length === 1 && data.targetUserIds[0] === c.operatorUserId
      ? `${who} joined the group` : `${who} added ${targets}`;
    case 'Kicked': return `${who} removed ${targets}`;
    case 'Quit': return `${who} left the group`;
    case 'Dismiss': return `${who} dismissed the group`;
    case 'Rename': return `${who} renamed the group to ${data.targetGroupName || ''}`;
    default: return c.message || `group ${c.operation || 'notice'}`;
  }
}

/** Whether a message's content mentions `userId` (RongCloud's `mentionedInfo`: type 1 everyone, 2 listed users). */
export function mentions(content, userId) {
  const info = content && content.mentionedInfo;
  if (!info) return false;
  return info.type === 1 || (Array.isArray(info.userIdList) && info.userIdList.includes(userId));
}

/** `mentionedInfo` for a text typed in a group: `@all`, or `@user` for each user named. */
export function mentionedInfoFor(text) {
  const names = [...text.matchAll(/(?:^|\s)@([A-Za-z0-9+|=_-]{1,64})/g)].map((m) => m[1]);
  if (names.length === 0) return null;
  if (names.includes('all')) return { type: 1, userIdList: [] };
  return { type: 2, userIdList: [...new Set(names)] };
}

/** A short time: hours and minutes today, else the date. */
export function shortTime(millis) {
  if (!millis) return '';
  const d = new Date(millis);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) {
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  return d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** A byte count for people. */
export function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A day's label for a date separator: Today, Yesterday, a weekday this week, else the date. */
export function dayLabel(millis, now = Date.now()) {
  const day = startOfDay(millis);
  const today = startOfDay(now);
  const days = Math.round((today - day) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const d = new Date(millis);
  if (days > 1 && days < 7) return d.toLocaleDateString([], { weekday: 'long' });
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return d.toLocaleDateString([], sameYear ? { weekday: 'short', month: 'short', day: 'numeric' }
    : { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Midnight (local time) of the day of `millis`. */
export function startOfDay(millis) {
  const d = new Date(millis);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * The content of a reply (`RC:ReferenceMsg`, as RongCloud's SDKs send it): the text, and the quoted message's
 * sender, type, content and uid.
 */
export function referenceContent(text, quoted) {
  return { content: text, referMsgUserId: quoted.fromUserId, objName: quoted.objectName,
    referMsg: quoted.content, referMsgUid: quoted.messageUid };
}
