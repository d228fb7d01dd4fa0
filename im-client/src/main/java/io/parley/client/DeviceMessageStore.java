package io.parley.client;

import java.util.List;
import java.util.Map;

/**
 * Where a client keeps what it receives on the device, with the sync cursors (it is the client's {@link CursorStore}):
 * set with {@link ImClientBuilder#localStore}. The SDK's implementation is {@code io.parley.client.store.LocalStore},
 * which adds the conversation list, history and search; this is the part the client writes to.
 *
 * <p>Every method is called on the client's callback thread (see {@link ImClient}), may block briefly on disk I/O
 * (it delays the next callbacks), and an exception is logged and ignored.
 */
public interface DeviceMessageStore extends CursorStore {

    /**
     * A batch of received messages, in order, and where it leaves its sync stream, to be saved in one commit. Called
     * before the message listeners see the batch.
     */
    void received(List<ReceivedMessage> messages, SyncPosition position);

    /** An EVENT from the server, before the event listeners see it ({@code conversation.changed}, …). */
    void eventReceived(String name, Map<String, Object> body);

    /**
     * The user whose messages the store keeps, or null when it does not say. When it says, a connect whose CONNACK
     * confirms another user fails with {@link ImClientException#STORE_OF_ANOTHER_USER}.
     */
    default String userId() {
        return null;
    }

    /** Closes the store and deletes what it kept: the user signed out ({@link ImClient#logout(boolean)}). */
    void wipe();
}
