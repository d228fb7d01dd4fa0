-- Parley's PostgreSQL storage, version 1. Text keys use the "C" collation: byte order, as Java compares them,
-- and no locale-dependent surprises in metadata scans.

-- The gapless counters. A writer locks a conversation's (and each inbox's) row, in key order, for the
-- transaction that inserts the messages: two nodes appending to one conversation are serialized here.
CREATE TABLE conversation_heads (
    conversation TEXT COLLATE "C" PRIMARY KEY,  -- ConversationKey.asString(): "<typeCode>/<id>"
    head         BIGINT NOT NULL
);

CREATE TABLE inbox_heads (
    user_id TEXT COLLATE "C" PRIMARY KEY,
    head    BIGINT NOT NULL
);

-- The conversation logs: one row per committed message.
CREATE TABLE messages (
    conversation      TEXT COLLATE "C" NOT NULL,
    seq               BIGINT NOT NULL,
    conversation_type SMALLINT NOT NULL,
    target_id         TEXT NOT NULL,
    from_user_id      TEXT NOT NULL,
    object_name       TEXT NOT NULL,
    content           TEXT NOT NULL,
    push_content      TEXT,
    push_data         TEXT,
    persisted         BOOLEAN NOT NULL,
    counted           BOOLEAN NOT NULL,
    client_msg_id     TEXT NOT NULL,
    source            SMALLINT,
    message_uid       TEXT COLLATE "C" NOT NULL,
    sent_time         BIGINT NOT NULL,
    idempotency_key   BYTEA NOT NULL,   -- opaque bytes (UTF-8): the kernel's keys hold a NUL, which TEXT refuses
    inbox_owners      TEXT[] NOT NULL,  -- with inbox_seqs: the append's result, answered again to a retry
    inbox_seqs        BIGINT[] NOT NULL,
    PRIMARY KEY (conversation, seq)
);
CREATE UNIQUE INDEX messages_message_uid ON messages (message_uid);
CREATE UNIQUE INDEX messages_idempotency_key ON messages (idempotency_key);
CREATE INDEX messages_conversation_time ON messages (conversation, sent_time);
CREATE INDEX messages_type_time ON messages (conversation_type, sent_time);

-- The inboxes: one row per recipient of a message, pointing at the message.
CREATE TABLE inbox_entries (
    user_id           TEXT COLLATE "C" NOT NULL,
    inbox_seq         BIGINT NOT NULL,
    conversation      TEXT COLLATE "C" NOT NULL,
    seq               BIGINT NOT NULL,
    conversation_type SMALLINT NOT NULL,
    sent_time         BIGINT NOT NULL,
    PRIMARY KEY (user_id, inbox_seq)
);
CREATE INDEX inbox_entries_message ON inbox_entries (conversation, seq);
CREATE INDEX inbox_entries_type_time ON inbox_entries (conversation_type, sent_time);

-- Small records: users, token revocations, cursors, plugins' data.
CREATE TABLE metadata (
    namespace TEXT COLLATE "C" NOT NULL,
    key       TEXT COLLATE "C" NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
