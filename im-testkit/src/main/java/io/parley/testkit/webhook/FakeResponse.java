package io.parley.testkit.webhook;

import java.time.Duration;

/**
 * How the {@link FakeAppServer} answers: a status, a body and an optional delay before answering. A
 * {@link #drop()} response closes the connection without answering.
 */
public record FakeResponse(int status, String contentType, String body, Duration delay, boolean dropConnection) {

    public static FakeResponse ok() {
        return new FakeResponse(200, "text/plain", "OK", Duration.ZERO, false);
    }

    public static FakeResponse json(String json) {
        return new FakeResponse(200, "application/json", json, Duration.ZERO, false);
    }

    public static FakeResponse status(int status) {
        return new FakeResponse(status, "text/plain", "status " + status, Duration.ZERO, false);
    }

    public static FakeResponse garbage() {
        return new FakeResponse(200, "application/json", "<html>not what you expected", Duration.ZERO, false);
    }

    public static FakeResponse drop() {
        return new FakeResponse(0, "text/plain", "", Duration.ZERO, true);
    }

    /** The same answer, given after {@code wait}. */
    public FakeResponse after(Duration wait) {
        return new FakeResponse(status, contentType, body, wait, dropConnection);
    }
}
