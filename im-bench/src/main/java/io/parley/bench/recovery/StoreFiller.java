package io.parley.bench.recovery;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.api.route.ApiRequest;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.message.MessagePipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process that fills a store for {@link RecoveryCommand}: a Parley kernel in this JVM (embedded storage
 * in the given data folder, no plugins, no ports that matter) publishes messages through its real write path —
 * private chats between pairs of users and messages to groups — with many sends in flight, prints
 * {@value #FILLED} when every send is acknowledged, and then waits to be killed with SIGKILL, so that the store is
 * left as a crash leaves it.
 *
 * <p>Arguments: {@code <dataDir> <messages> <users> <groups> <groupMembers> <groupShare>}.
 */
public final class StoreFiller {
    static final String FILLED = "STORE FILLED";
    private static final int IN_FLIGHT = 512;

    private StoreFiller() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long messages = Long.parseLong(args[1]);
        int users = Integer.parseInt(args[2]);
        int groups = Integer.parseInt(args[3]);
        int groupMembers = Integer.parseInt(args[4]);
        double groupShare = Double.parseDouble(args[5]);
        ParleyServer server = Parley.builder().isolated().discoverPlugins(false).config(Map.of("http.port", "0",
                "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir", dataDir.toString(), "app.key", "fill",
                "app.secret", "fill", "group.notifications", "false", "group.max-members",
                Integer.toString(Math.max(3000, groupMembers)))).build().start();
        for (int g = 0; g < groups; g++) {
            String groupId = "g" + g;
            List<String> members = new ArrayList<>();
            for (int m = 0; m < groupMembers; m++) {
                members.add("u" + Math.floorMod(g * 7919L + m * 31L, users));
            }
            createGroup(server, groupId, groupId, members);
        }
        MessagePipeline pipeline = server.kernelObject(MessagePipeline.class);
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        long groupEvery = groupShare <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1 / groupShare));
        for (long i = 0; i < messages; i++) {
            window.acquire();
            OutgoingMessage message;
            if (i % groupEvery == 0) {
                int g = (int) ((i / groupEvery) % groups);
                String sender = "u" + Math.floorMod(g * 7919L, users);
                message = new OutgoingMessage(ConversationType.GROUP, sender, "g" + g, "RC:TxtMsg",
                        "{\"content\":\"group message " + i + "\"}", Optional.empty(), Optional.empty(), true, true,
                        true, "f" + i, Optional.empty());
            } else {
                int from = (int) (i % users);
                String to = "u" + (from ^ 1) % users;
                message = new OutgoingMessage(ConversationType.PRIVATE, "u" + from, to, "RC:TxtMsg",
                        "{\"content\":\"private message " + i + "\"}", Optional.empty(), Optional.empty(), true,
                        true, true, "f" + i, Optional.empty());
            }
            CompletableFuture<?> sent = pipeline.send(message, "");
            sent.whenComplete((done, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                window.release();
            });
            if (i > 0 && i % 500_000 == 0) {
                System.out.printf("filled %d messages in %.0f s%n", i, (System.nanoTime() - started) / 1e9);
            }
        }
        window.acquire(IN_FLIGHT);
        System.out.printf("%s: %d messages (%d failed) in %.1f s%n", FILLED, messages, failures.get(),
                (System.nanoTime() - started) / 1e9);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Creates group {@code groupId} with {@code members} through the server API ({@code /group/create.json}, then
     * {@code /group/join.json}: at most 1,000 users a call), run in this JVM.
     */
    static void createGroup(ParleyServer server, String groupId, String name, List<String> members) {
        HttpApiHandler api = server.kernelObject(HttpApiHandler.class);
        for (int from = 0; from < members.size(); from += 1000) {
            Map<String, List<String>> form = Map.of("groupId", List.of(groupId), "groupName", List.of(name),
                    "userId", List.copyOf(members.subList(from, Math.min(members.size(), from + 1000))));
            String path = from == 0 ? "/group/create.json" : "/group/join.json";
            api.callRoute(new ApiRequest(path, form, Optional.empty()));
        }
    }
}
