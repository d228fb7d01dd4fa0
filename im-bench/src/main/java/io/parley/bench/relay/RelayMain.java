package io.parley.bench.relay;

/**
 * Runs the bare relay in its own JVM, as the load command does:
 * {@code java -cp parley-bench.jar io.parley.bench.relay.RelayMain --port 9200 [--ws-port 9201] [--host 127.0.0.1]
 * [--io-threads N]}.
 * Prints {@code relay listening on host:port} once bound, then runs until killed.
 */
public final class RelayMain {
    /** The line the load command waits for on standard output. */
    public static final String READY = "relay listening on ";

    private RelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 9200;
        int wsPort = -1;
        int ioThreads = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = required(args[i], value);
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--ws-port" -> wsPort = Integer.parseInt(required(args[i], value));
                case "--io-threads" -> ioThreads = Integer.parseInt(required(args[i], value));
                case "--help", "-h" -> {
                    System.out.println("usage: relay [--host 127.0.0.1] [--port 9200] [--ws-port 9201] [--io-threads N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
            i++;
        }
        RelayServer server = new RelayServer(host, port, wsPort, ioThreads);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "relay-shutdown"));
        System.out.println(READY + host + ":" + server.port()
                + (server.wsPort() < 0 ? "" : " (WebSocket at ws://" + host + ":" + server.wsPort() + "/websocket)"));
        System.out.flush();
        server.awaitClose();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
