package io.parley.api.plugin;

import io.parley.api.model.Message;

/**
 * How a stored message is served when it is read back: by sync, by history, in the conversation list. The recall
 * feature is one: a recalled message stays in its log (seqs stay gapless) and is served as its {@code RC:RcNtf}. Every
 * plugin's views apply, in plugin order, each to what the one before answered; {@link ConversationService#present}
 * applies them for a plugin that reads messages itself. Called on worker threads for every message read; may read
 * metadata (it blocks briefly), never the network.
 */
@FunctionalInterface
public interface MessageView {

    /**
     * The message as devices should see it now: {@code stored} itself, or a replacement in the same conversation with
     * the same seq, UID and sent time (a note in its place).
     */
    Message present(Message stored);
}
