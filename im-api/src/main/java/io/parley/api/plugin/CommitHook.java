package io.parley.api.plugin;

import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;

/**
 * Told of each message right after it is committed: durable in storage (or, for a type that keeps its own
 * messages, kept by it) and handed to the online recipients' devices, before the sender is answered. What an
 * interceptor decided may still fail to commit; what a hook sees did commit, with its seq, UID and time.
 *
 * <p>Thread and order: called on the thread that completed the commit (the storage's committer, or the
 * conversation's stripe for a type that keeps its own messages), in commit order within a conversation, hooks in
 * plugin order (dependency order), then in the order an instance lists them. It is on the message path of every
 * message: it must not block, and should take microseconds (record, count, hand work to an executor of your own).
 * Not called for status messages (never committed) nor for a duplicate send answered with the first commit.
 * What it throws is logged and counted ({@code im.commit_hook.errors}); the message stays committed.
 *
 * <p>To publish from a hook (or an interceptor), call {@link MessagePublisher#publish} and chain on the stage it
 * returns; never wait for it ({@code join}, {@code get}): the message you wait for may need the very thread you
 * hold, and the server would deadlock.
 */
public interface CommitHook {

    /** A name for logs and metrics, e.g. {@code reactions.index}. */
    String name();

    /**
     * @param message the message as committed
     * @param kind how its type is kept ({@link MessageKind#COUNTED}, {@link MessageKind#STORED} or
     *     {@link MessageKind#NOTICE})
     */
    void afterCommit(Message message, MessageKind kind);
}
