package io.parley.api.route;

import java.util.Map;

/**
 * A client-protocol command a plugin adds (join a chatroom, register a push token). The client sends a
 * COMMAND frame with this command's name and a body; the answer goes back in a COMMAND_RESULT frame with
 * the same request id.
 *
 * <p>Called on a kernel worker thread, never an event loop; it may block briefly. Throw
 * {@code ImException} to answer with an error code.
 */
public interface ClientCommand {

    /** The command's name, e.g. {@code chatroom.join}. Two commands with one name fail startup. */
    String name();

    /**
     * Handles one command from an authenticated connection and returns the result body.
     *
     * @param caller who sent it
     * @param body the decoded body: strings, numbers, booleans, lists and maps
     */
    Map<String, Object> handle(Caller caller, Map<String, Object> body);

    /**
     * The authenticated sender of a command. A plugin acting for this device passes {@code platform} as the
     * {@link io.parley.api.model.OutgoingMessage#source() source} of what it publishes, so that the message is
     * checked as the device's own (membership, mutes) rather than trusted as the server API's.
     */
    record Caller(String userId, String deviceId, String sessionId, io.parley.api.model.Platform platform) {
        public Caller {
            java.util.Objects.requireNonNull(platform, "platform is null");
        }
    }
}
