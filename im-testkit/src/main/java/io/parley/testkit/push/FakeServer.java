package io.parley.testkit.push;

import java.io.IOException;

/** The server under a fake vendor: it hands each request to the fake and answers what the fake says. */
public interface FakeServer extends AutoCloseable {

    /** What the fake does with a request. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    String baseUrl();

    @Override
    void close();
}
