package io.parley.examples.poll;

import io.parley.api.model.ConversationKey;
import io.parley.api.storage.MetadataStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Polls and votes in the server's metadata store, under the plugin's own namespace, so that they survive restarts
 * and live wherever the server keeps its data (embedded files, or PostgreSQL shared by a cluster's nodes):
 * <ul>
 *   <li>{@code poll:<pollId>}: the poll, as a URL-encoded form ({@code conversation=3%2Fteam&question=…&option=…});</li>
 *   <li>{@code vote:<pollId>:<userId>}: the index of the option that user voted for. One record per voter: a vote
 *   is one durable put, a changed vote overwrites it, and the tally is a scan of the poll's votes.</li>
 * </ul>
 * Every method blocks on storage: call them from a worker thread (commands and routes run on one).
 */
final class PollStore {
    private final MetadataStore metadata;
    private final String namespace;

    PollStore(MetadataStore metadata, String namespace) {
        this.metadata = metadata;
        this.namespace = namespace;
    }

    Optional<Poll> find(String pollId) {
        return metadata.get(namespace, "poll:" + pollId).map(form -> decode(pollId, form));
    }

    void save(Poll poll) {
        metadata.put(namespace, "poll:" + poll.id(), encode(poll));
    }

    void delete(String pollId) {
        metadata.delete(namespace, "poll:" + pollId);
    }

    void vote(String pollId, String userId, int option) {
        metadata.put(namespace, "vote:" + pollId + ":" + userId, Integer.toString(option));
    }

    Optional<Integer> voteOf(String pollId, String userId) {
        return metadata.get(namespace, "vote:" + pollId + ":" + userId).map(Integer::valueOf);
    }

    /** How many votes each option has. */
    int[] counts(Poll poll) {
        int[] counts = new int[poll.options().size()];
        for (String option : metadata.scan(namespace, "vote:" + poll.id() + ":").values()) {
            counts[Integer.parseInt(option)]++;
        }
        return counts;
    }

    private static String encode(Poll poll) {
        StringJoiner form = new StringJoiner("&");
        form.add("conversation=" + encode(poll.conversation().asString()));
        form.add("creator=" + encode(poll.creator()));
        form.add("question=" + encode(poll.question()));
        poll.options().forEach(option -> form.add("option=" + encode(option)));
        form.add("closed=" + poll.closed());
        return form.toString();
    }

    private static Poll decode(String pollId, String form) {
        Map<String, List<String>> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            fields.computeIfAbsent(pair.substring(0, equals), name -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return new Poll(pollId, ConversationKey.parse(fields.get("conversation").get(0)), fields.get("creator").get(0),
                fields.get("question").get(0), fields.get("option"), Boolean.parseBoolean(fields.get("closed").get(0)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
