package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.AppendResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for the kill tests: opens the store in {@code args[0]} (with {@code args[1]} segment bytes and
 * {@code args[2]} milliseconds between checkpoints when given), prints {@code OPEN <records replayed>}, then appends
 * forever from four threads and prints one {@code ACK <uid> <seq> <conversation> <inboxSeq>} line per completed
 * append, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        EmbeddedStorageConfig config = args.length < 3 ? EmbeddedStorageConfig.defaults(Path.of(args[0]))
                : new EmbeddedStorageConfig(Path.of(args[0]), Durability.FSYNC, Long.parseLong(args[1]),
                        Duration.ofMillis(Long.parseLong(args[2])), EmbeddedStorageConfig.DEFAULT_MAX_BATCH);
        EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config);
        System.out.println("OPEN " + provider.recovery().records());
        System.out.flush();
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
