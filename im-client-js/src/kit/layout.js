/**
 * The kit's markup: a sidebar (who is signed in, the finder, the opener by id, ultragroups, conversations) and a
 * pane (the open conversation, its search, the composer). Static markup with no handlers or styles in it (the
 * page's Content-Security-Policy allows neither); the views find their parts by id, so one chat is mounted per
 * page.
 */
const ATTACH_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9"/></svg>';
const SEARCH_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2"/><path d="M20 20l-4-4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const SMILE_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 14a4.5 4.5 0 0 0 8 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><circle cx="9" cy="9.5" r="1.2" fill="currentColor"/><circle cx="15" cy="9.5" r="1.2" fill="currentColor"/></svg>';
const NEW_GROUP_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="9" cy="8" r="3.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M2.5 19a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const BELL_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0"/></svg>';

export const LAYOUT = `
<div id="banner" class="banner" role="status" hidden></div>
<div class="chat" id="chat-body">
  <aside class="sidebar">
    <header class="sidebar-head">
      <span class="me-box"><span id="me-avatar"></span><span class="me" id="me"></span></span>
      <span class="head-actions">
        <button type="button" id="notify" class="icon-button" title="Desktop notifications" aria-pressed="false" hidden>${BELL_ICON}<span class="sr-only">Desktop notifications</span></button>
        <button type="button" id="new-group" class="icon-button" title="New group" hidden>${NEW_GROUP_ICON}<span class="sr-only">New group</span></button>
        <button type="button" id="sign-out" class="link" hidden>Sign out</button>
      </span>
    </header>
    <div class="finder">
      <input id="find" type="search" placeholder="Find a person or group" aria-label="Find a person or group" autocomplete="off">
    </div>
    <form id="new-group-form" class="new-group-form" hidden>
      <input id="new-group-name" placeholder="Group name" aria-label="Group name" required maxlength="128">
      <input id="new-group-members" placeholder="Members: user ids, comma-separated" aria-label="Members" required>
      <span class="row"><button type="submit">Create</button><button type="button" class="link" id="new-group-cancel">Cancel</button></span>
    </form>
    <form id="open-form" class="open-form">
      <select id="open-type" aria-label="Conversation kind">
        <option value="1">Private</option>
        <option value="3">Group</option>
        <option value="4">Chatroom</option>
        <option value="10">Channel</option>
      </select>
      <input id="open-target" placeholder="user, group or room id" aria-label="Open conversation with" required>
      <button type="submit">Open</button>
    </form>
    <p class="error" id="open-error" role="alert"></p>
    <div class="sidebar-lists">
      <ul id="find-results" class="find-results" aria-label="People and groups found" hidden></ul>
      <section id="ultragroups" class="ultragroups" aria-label="Ultragroups" hidden></section>
      <h2 class="sidebar-heading">Conversations</h2>
      <ul id="conversations" class="conversations" aria-label="Conversations"></ul>
    </div>
  </aside>

  <section class="pane" id="pane">
    <header class="pane-head">
      <button type="button" id="back" class="back" aria-label="Back to conversations">&#8592;</button>
      <span id="pane-avatar"></span>
      <div class="pane-title">
        <h2 id="pane-title">No conversation open</h2>
        <span id="typing" class="typing" aria-live="polite"></span>
      </div>
      <button type="button" id="search-toggle" class="icon-button" title="Search messages" hidden>${SEARCH_ICON}<span class="sr-only">Search messages</span></button>
    </header>
    <form id="search-form" class="search-form" hidden>
      <input id="search-text" type="search" placeholder="Search messages" aria-label="Search messages">
      <label class="search-scope"><input type="checkbox" id="search-here"> this chat only</label>
      <button type="button" class="link" id="search-close">Close</button>
    </form>
    <ol id="search-results" class="search-results" aria-label="Messages found" hidden></ol>
    <div id="messages" class="messages" aria-live="polite">
      <button type="button" id="load-earlier" class="load-earlier" hidden>Load earlier messages</button>
      <ol id="message-list" class="message-list"></ol>
      <p id="empty" class="empty muted">Pick a conversation, or find a person or group.</p>
    </div>
    <div id="message-menu" class="message-menu" role="menu" hidden></div>
    <div id="reply-bar" class="reply-bar" hidden>
      <div class="reply-quote"><span class="reply-to" id="reply-to"></span><span class="reply-text" id="reply-text"></span></div>
      <button type="button" class="link" id="reply-cancel" aria-label="Cancel the reply">&#215;</button>
    </div>
    <div id="emoji-picker" class="emoji-picker" role="dialog" aria-label="Emoji" hidden></div>
    <form id="composer" class="composer" hidden>
      <label class="attach" title="Send an image or file (or paste or drop one)">
        <input type="file" id="attach" hidden>
        ${ATTACH_ICON}<span class="sr-only">Attach a file</span>
      </label>
      <button type="button" id="emoji-toggle" class="emoji-toggle" title="Emoji" aria-expanded="false">${SMILE_ICON}<span class="sr-only">Emoji</span></button>
      <textarea id="text" rows="1" placeholder="Write a message" aria-label="Message"></textarea>
      <button type="submit" id="send">Send</button>
    </form>
    <p class="error composer-error" id="composer-error" role="alert"></p>
    <div id="drop-zone" class="drop-zone" hidden>Drop to send</div>
  </section>
</div>`;
