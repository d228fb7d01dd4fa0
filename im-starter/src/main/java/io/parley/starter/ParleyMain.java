package io.parley.starter;

import io.parley.api.error.ImException;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.config.KernelConfig;
import io.parley.starter.web.WebEndpointFactory;
import java.io.PrintStream;
import java.util.Set;

/**
 * Runs Parley from the shaded jar: {@code java -jar parley-server.jar}. Configuration comes from the file
 * named by {@code PARLEY_CONFIG} (optional), then {@code PARLEY_*} environment variables, then {@code parley.*}
 * system properties; with none, the server runs on its defaults with embedded storage under {@code ./data}.
 * {@code backup}, {@code restore} and {@code repair} run a {@link StorageCommands} command instead;
 * {@code help} ({@code --help}, {@code -h}) prints the {@link #USAGE}, and any other argument is refused with it.
 */
public final class ParleyMain {
    /** The arguments that print the usage and exit 0. */
    static final Set<String> HELP = Set.of("help", "--help", "-h");
    /** The exit code of a command line that names no command. */
    static final int UNKNOWN_ARGUMENT = 2;

    static final String USAGE = """
            usage: java [-Dparley.<key>=<value>…] -jar parley-server.jar [command]

            Without a command, runs the Parley server until it is stopped (Ctrl-C, SIGTERM): the server API,
            WebSocket (/websocket), /metrics, /health, the chat page and the console on the HTTP port (http.port,
            9000), and the client protocol on the TCP port (tcp.port, 9100).

            commands:
              help, --help, -h         print this and exit
              backup <target-dir>      copy the embedded store into <target-dir> (safe while the server runs)
              restore <backup-dir>     restore a backup into an empty storage directory (server stopped)
              repair                   check the embedded store's log and cut or pad damage (server stopped)
            The storage commands take --storage-dir <dir>; without it: $PARLEY_STORAGE_EMBEDDED_DIR, else
            $PARLEY_DATA_DIR/storage, else ./data/storage.

            configuration of the server, each source overriding the one before:
              1. the properties file named by the environment variable PARLEY_CONFIG (optional)
              2. environment variables: key a.b-c is PARLEY_A_B_C (http.port is PARLEY_HTTP_PORT)
              3. system properties: key a.b-c is -Dparley.a.b-c (given before -jar)
            With none, the server runs on its defaults (app key parley-dev-key, app secret parley-dev-secret,
            data under ./data). An unknown key or PARLEY_* variable fails startup with a "did you mean"; every
            key, its value and where it came from is logged at startup ("effective configuration"). The keys are
            listed in the README's configuration table (docs/operations.md for operating a server).
            """;

    private ParleyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && StorageCommands.NAMES.contains(args[0])) {
            System.exit(StorageCommands.run(args, System.getenv(), System.out, System.err));
            return;
        }
        if (args.length > 0) {
            System.exit(notTheServer(args, System.out, System.err));
            return;
        }
        WebEndpointFactory web = new WebEndpointFactory();
        ParleyServer server;
        try {
            server = Parley.builder().httpEndpoints(web).build().start();
        } catch (ImException e) {
            System.err.println("Parley failed to start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "parley-shutdown"));
        System.out.print(banner(server.kernelObject(KernelConfig.class).bindHost(), server.httpPort(), server.tcpPort(),
                server.tls(), server.appKey(), web.pageEnabled(), web.consoleEnabled()));
        server.awaitStop();
    }

    /**
     * A command line that starts no server and names no storage command: {@code help} prints the usage and gives 0;
     * anything else is named on {@code err}, the usage printed, and gives {@link #UNKNOWN_ARGUMENT}.
     */
    static int notTheServer(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && HELP.contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        err.println("unknown argument" + (args.length == 1 ? " '" + args[0] + "'" : "s '" + String.join(" ", args) + "'")
                + ": the server takes no arguments (configure it with PARLEY_* environment variables)");
        out.print(USAGE);
        return UNKNOWN_ARGUMENT;
    }

    /**
     * What a started server prints: where each port listens (the bound address; {@code localhost} when bound to every
     * interface) and the chat page and console only when they are on.
     */
    static String banner(String bindHost, int httpPort, int tcpPort, boolean tls, String appKey, boolean pageOn,
            boolean consoleOn) {
        String host = displayHost(bindHost);
        String http = (tls ? "https" : "http") + "://" + host + ":" + httpPort;
        StringBuilder out = new StringBuilder("Parley is running.\n");
        out.append("  server API and WebSocket: ").append(http).append(" (WebSocket at /websocket)\n");
        out.append("  client TCP").append(tls ? " (TLS)" : "").append(": ").append(host).append(':').append(tcpPort)
                .append('\n');
        out.append("  app key: ").append(appKey).append('\n');
        if (pageOn) {
            out.append("  chat page: ").append(http).append("/\n");
        }
        if (consoleOn) {
            out.append("  console: ").append(http).append("/console\n");
        }
        if (isWildcard(bindHost)) {
            out.append("  listening on every interface (bind.host ").append(bindHost).append(")\n");
        }
        return out.toString().replace("\n", System.lineSeparator());
    }

    /** The host to print for a bind address: {@code localhost} for every interface, an IPv6 literal in brackets. */
    static String displayHost(String bindHost) {
        if (isWildcard(bindHost)) {
            return "localhost";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }

    private static boolean isWildcard(String bindHost) {
        return bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")
                || bindHost.equals("::0");
    }
}
