package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConversationHead;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which group cursors the heads listing after a connect keeps, and what it hands to the listeners. */
class ConversationSyncTest {
    private final EventLoop loop = new DefaultEventLoop();
    private final InMemoryCursorStore store = new InMemoryCursorStore(0);
    private final List<WireMessage> dispatched = new ArrayList<>();
    /** Runs callbacks at once, in order, on the calling thread (the loop). */
    private final CallbackDispatcher callbacks = new CallbackDispatcher(new SerialExecutor(Runnable::run, 64), store, null);
    private final List<Frame> sent = new ArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final ConversationSync sync = new ConversationSync(
            ClientOptions.defaults("127.0.0.1", 1, "token", "phone", "Android"), loop, callbacks,
            frame -> sent.add(frame), requestIds::incrementAndGet);

    ConversationSyncTest() {
        callbacks.messageListeners.add(message -> dispatched.add(null));
    }

    @AfterEach
    void stop() {
        loop.shutdownGracefully();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get();
    }

    private static WireMessage groupMessage(String groupId, long seq) {
        return new WireMessage(0, 3, groupId, "ann", "RC:TxtMsg", "{\"content\":\"" + seq + "\"}", null, null,
                "U" + groupId + seq, seq, 1000 + seq, null, true, true);
    }

    private Frame lastSync() {
        Frame frame = sent.get(sent.size() - 1);
        assertThat(frame.command()).isEqualTo(Command.SYNC);
        return frame;
    }

    private static SyncResultBody headsPage(List<ConversationHead> heads) {
        return new SyncResultBody(List.of(), 0, List.of(), true, null, heads, null);
    }

    @Test
    void aGroupJoinedDuringTheListingKeepsItsCursorAndALeftOneIsForgotten() throws Exception {
        store.saveConversation("3/stays", 5);
        store.saveConversation("3/left", 7);
        onLoop(() -> {
            sync.init(store.loadConversations());
            sync.onConnected();
            return null;
        });
        Frame listing = lastSync();
        assertThat(listing.body(SyncBody.class).headsAfter()).isEmpty();

        // joined after the server read the memberships: not in the listing, but delivered meanwhile
        onLoop(() -> {
            sync.onDeliver(groupMessage("joined", 1));
            return sync.onSyncResult(listing.requestId(), headsPage(List.of(new ConversationHead(3, "stays", 5))));
        });

        assertThat(store.loadConversations()).isEqualTo(Map.of("3/stays", 5L, "3/joined", 1L));
        assertThat(onLoop(() -> sync.dispatchedCursor("3/joined"))).isEqualTo(1);
        assertThat(dispatched).hasSize(1);
    }

    @Test
    void aServerThatListsNoHeadsForgetsNoCursor() throws Exception {
        store.saveConversation("3/crew", 4);
        onLoop(() -> {
            sync.init(store.loadConversations());
            sync.onConnected();
            return null;
        });
        Frame listing = lastSync();
        onLoop(() -> sync.onSyncResult(listing.requestId(), headsPage(null)));

        assertThat(store.loadConversations()).isEqualTo(Map.of("3/crew", 4L));
    }

    @Test
    void aDuplicateDeliverHandsNothingToTheListeners() throws Exception {
        onLoop(() -> {
            sync.init(Map.of());
            sync.onConnected();
            sync.onDeliver(groupMessage("crew", 1));
            sync.onDeliver(groupMessage("crew", 1));
            return null;
        });
        assertThat(dispatched).hasSize(1);
        assertThat(store.loadConversations()).containsEntry("3/crew", 1L);
    }
}
