package io.parley.plugin.ultragroup;

import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a test class whose tests share one embedded Parley with the default config: started before the
 * class's first test, with its data in a temporary directory, and stopped after its last. Tests reach it as
 * {@link #server} and its server API as {@link #api}. The fields are static and so shared by every subclass,
 * which is safe because JUnit runs test classes one after another here.
 */
abstract class ServerPerClass {
    /** How long a test waits for something the server does asynchronously. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static ServerApiClient api;

    @BeforeAll
    static void startServer() {
        server = EmbeddedParley.start(dataDir);
        api = server.serverApi();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
