package io.parley.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares the fan-out scenarios: a Parley group through the server API ({@code /group/create.json}, then
 * {@code /group/join.json}, at most 1,000 user ids a call), or room membership through COMMAND frames
 * ({@code chatroom.join} on Parley's chatroom plugin and on the relay; {@code relay.join} for the relay's
 * stand-in for a group).
 */
public final class FanOutSetup {
    private static final int USERS_PER_CALL = 1000;
    private static final int JOINS_IN_FLIGHT = 256;
    private static final long JOIN_TIMEOUT_SECONDS = 120;

    private FanOutSetup() {
    }

    public static void createGroup(ApiClient api, String groupId, List<BenchUser> users, PrintStream log)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (int from = 0; from < users.size(); from += USERS_PER_CALL) {
            List<String> form = new ArrayList<>();
            form.add("groupId");
            form.add(groupId);
            form.add("groupName");
            form.add(groupId);
            for (BenchUser user : users.subList(from, Math.min(users.size(), from + USERS_PER_CALL))) {
                form.add("userId");
                form.add(user.userId());
            }
            api.post(from == 0 ? "/group/create.json" : "/group/join.json", form);
        }
        log.printf("group %s: %d members in %.1fs%n", groupId, users.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** Every connection joins the bench room; failures are logged and noted. */
    public static void joinAll(List<BenchConnection> connections, boolean chatroom, PrintStream log,
            List<String> notes) throws InterruptedException {
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> joins = new ArrayList<>(connections.size());
        String[] firstError = new String[1];
        for (BenchConnection connection : connections) {
            if (!inFlight.tryAcquire(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                break;
            }
            Map<String, Object> body = chatroom
                    ? Map.of("roomId", LoadRunner.ROOM_ID, "historyCount", 0)
                    : Map.of("groupId", LoadRunner.GROUP_ID);
            joins.add(connection.command(chatroom ? "chatroom.join" : "relay.join", body).whenComplete((r, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstError[0] = e.getMessage();
                }
                inFlight.release();
            }));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                    .get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted per join below
        }
        String line = String.format("joined %d of %d connections to %s in %.1fs (%d failed%s)",
                connections.size() - failed.get(), connections.size(), chatroom ? LoadRunner.ROOM_ID
                        : LoadRunner.GROUP_ID, (System.nanoTime() - t0) / 1e9, failed.get(),
                firstError[0] == null ? "" : ", e.g. " + firstError[0]);
        log.println(line);
        if (failed.get() > 0) {
            notes.add(line);
        }
    }
}
