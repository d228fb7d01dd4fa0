package io.parley.starter.web;

/**
 * What is kept beside an uploaded file: who uploaded it into which conversation, and what it is.
 *
 * @param conversationType 1 (private) or 3 (group)
 * @param targetId         the other user of a private chat, or the group, from the uploader's side
 */
record StoredUpload(String id, String uploaderId, int conversationType, String targetId, String name,
        String contentType, long size, long uploadedAt) {
}
