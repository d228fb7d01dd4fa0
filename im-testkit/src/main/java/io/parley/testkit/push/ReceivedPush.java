package io.parley.testkit.push;

import java.util.Map;

/**
 * A notification a fake vendor accepted, as the vendor would read it from the wire.
 *
 * @param token the device token it was addressed to
 * @param badge the badge it carried, or -1 when it carried none
 * @param data the custom payload, as string keys and values
 */
public record ReceivedPush(String token, String appId, String title, String body, int badge,
        Map<String, String> data, long receivedAtMillis) {
}
