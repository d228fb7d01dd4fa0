package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.AppendResult;
import java.nio.file.Path;

/**
 * A child process for {@link EmbeddedStorageKillTest}: appends forever from four threads and prints one
 * {@code ACK <uid> <seq> <conversation> <inboxSeq>} line per completed append, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        EmbeddedStorageProvider provider = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(Path.of(args[0])));
        for (int t = 0; t < 4; t++) {
            ConversationKey conversation = new ConversationKey(ConversationType.GROUP, "g" + t);
            Thread writer = new Thread(() -> {
                for (long i = 0; ; i++) {
                    AppendResult result = StorageTestSupport.append(provider, StorageTestSupport.request(
                            StorageTestSupport.message(conversation, "w", "message " + i, System.currentTimeMillis()),
                            "shared", "own-" + conversation.id()));
                    synchronized (System.out) {
                        System.out.println("ACK " + result.message().messageUid() + " " + result.message().seq() + " "
                                + conversation.id() + " " + result.inboxSeqs().get("shared"));
                        System.out.flush();
                    }
                }
            }, "writer-" + t);
            writer.start();
        }
    }
}
