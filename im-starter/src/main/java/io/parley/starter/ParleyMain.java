package io.parley.starter;

import io.parley.api.error.ImException;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.starter.web.WebEndpointFactory;

/**
 * Runs Parley from the shaded jar: {@code java -jar parley-server.jar}. Configuration comes from the file
 * named by {@code PARLEY_CONFIG} (optional), then {@code PARLEY_*} environment variables, then {@code parley.*}
 * system properties; with none, the server runs on its defaults with embedded storage under {@code ./data}.
 * {@code backup}, {@code restore} and {@code repair} run a {@link StorageCommands} command instead.
 */
public final class ParleyMain {
    private ParleyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && StorageCommands.NAMES.contains(args[0])) {
            System.exit(StorageCommands.run(args, System.getenv(), System.out, System.err));
            return;
        }
        ParleyServer server;
        try {
            server = Parley.builder().httpEndpoints(new WebEndpointFactory()).build().start();
        } catch (ImException e) {
            System.err.println("Parley failed to start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "parley-shutdown"));
        String http = server.tls() ? "https" : "http";
        System.out.printf("Parley is running.%n  server API and WebSocket: %s://localhost:%d (WebSocket at /websocket)%n"
                + "  client TCP%s: localhost:%d%n  app key: %s%n  chat page: %s://localhost:%d/  console: %s://localhost:%d/console%n",
                http, server.httpPort(), server.tls() ? " (TLS)" : "", server.tcpPort(), server.appKey(), http,
                server.httpPort(), http, server.httpPort());
        server.awaitStop();
    }
}
