package io.parley.examples.poll;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.route.ClientCommand.Caller;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The plugin's one service, shared by its client commands and its server-API routes: the rules of a poll, its
 * storage, and what members' devices are told. Who may vote or read a tally is who may read the poll's
 * conversation, by the server's own rules ({@link ConversationService#mayRead}). Thread-safe; its methods block
 * briefly on storage, which is fine on the worker threads that commands and routes run on.
 */
final class PollService {
    /** The poll in the chat: {@code {"pollId":…,"question":…,"options":[…]}}. */
    static final String POLL_MESSAGE = "Poll:Msg";
    /** A poll's new tally, to every member: {@code {"pollId":…,"question":…,"options":[…],"counts":[…],…}}. */
    static final String CHANGED_NOTICE = "Poll:Changed";

    /** The JDK's own logger keeps the plugin free of dependencies; SLF4J, which the server shares, would do too. */
    private static final System.Logger log = System.getLogger(PollService.class.getName());
    private static final int MAX_QUESTION_LENGTH = 200;
    private static final int MAX_OPTION_LENGTH = 100;

    private final PollStore store;
    private final ConversationService conversations;
    private final MessagePublisher publisher;
    private final int maxOptions;
    /**
     * The votes of one poll are counted one at a time (striped by poll id), so that its notices leave in the order
     * of its tallies and the last one a device gets is the latest. Per node: on a cluster, two nodes' notices may
     * cross, and a device that must be exact asks {@code poll.results}.
     */
    private final Object[] locks = new Object[64];

    PollService(PollStore store, ConversationService conversations, MessagePublisher publisher, int maxOptions) {
        if (maxOptions < 2) {
            throw ImException.invalidParameter("config poll.max-options must be at least 2, was " + maxOptions);
        }
        this.store = store;
        this.conversations = conversations;
        this.publisher = publisher;
        this.maxOptions = maxOptions;
        Arrays.setAll(locks, i -> new Object());
    }

    /** A poll and its votes per option. */
    record Tally(Poll poll, int[] counts) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("pollId", poll.id());
            map.put("question", poll.question());
            map.put("options", poll.options());
            map.put("counts", Arrays.stream(counts).boxed().toList());
            map.put("voters", Arrays.stream(counts).sum());
            map.put("closed", poll.closed());
            return map;
        }
    }

    /**
     * Creates a poll in the conversation {@code caller} names as ({@code type}, {@code targetId}) and posts it there
     * as a {@code Poll:Msg} from the caller, checked as the caller's device would be (a muted member cannot post one).
     */
    Poll create(Caller caller, ConversationType type, String targetId, String question, List<String> options) {
        validate(question, options);
        ConversationKey conversation = conversations.key(caller.userId(), type, targetId);
        requireReader(caller.userId(), conversation);
        Poll poll = new Poll(UUID.randomUUID().toString(), conversation, caller.userId(), question, options, false);
        store.save(poll);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("pollId", poll.id());
        content.put("question", question);
        content.put("options", options);
        try {
            await(publisher.publish(new OutgoingMessage(type, caller.userId(), targetId, POLL_MESSAGE,
                    Json.write(content), Optional.of("Poll: " + question), Optional.empty(), true, true, true,
                    "poll:" + poll.id(), Optional.of(caller.platform()))));
        } catch (RuntimeException e) {
            store.delete(poll.id());   // refused or failed: no poll without its message
            throw e;
        }
        return poll;
    }

    /** Records {@code userId}'s vote (a second vote replaces the first) and tells every member the new tally. */
    Tally vote(String userId, String pollId, int option) {
        synchronized (lockOf(pollId)) {
            Poll poll = readableBy(userId, pollId);
            if (poll.closed()) {
                throw new ImException(PollErrorCode.POLL_CLOSED, "poll " + pollId + " is closed");
            }
            if (option < 0 || option >= poll.options().size()) {
                throw new ImException(PollErrorCode.NO_SUCH_OPTION,
                        "option must be 0 to " + (poll.options().size() - 1) + ", was " + option);
            }
            store.vote(pollId, userId, option);
            return announce(poll);
        }
    }

    /** The tally, for a member of the poll's conversation. */
    Tally results(String userId, String pollId) {
        Poll poll = readableBy(userId, pollId);
        return new Tally(poll, store.counts(poll));
    }

    /** The option {@code userId} voted for, if any. */
    Optional<Integer> voteOf(String userId, String pollId) {
        return store.voteOf(pollId, userId);
    }

    /** The tally, for the app server (the server API is trusted: no membership check). */
    Tally query(String pollId) {
        Poll poll = find(pollId);
        return new Tally(poll, store.counts(poll));
    }

    /** Closes the poll to votes and tells every member; closing a closed poll changes nothing. */
    Tally close(String pollId) {
        synchronized (lockOf(pollId)) {
            Poll poll = find(pollId);
            if (poll.closed()) {
                return new Tally(poll, store.counts(poll));
            }
            Poll closed = poll.close();
            store.save(closed);
            return announce(closed);
        }
    }

    /**
     * Sends the poll's tally to every member's devices as a notice: stored and synced (a device offline now gets it
     * at its next sync), never shown in history, the conversation list or unread counts. Not waited for: it is
     * committed on the conversation's stripe, in order with the poll's other notices; a failure is logged, and the
     * next notice, or {@code poll.results}, carries the tally.
     */
    private Tally announce(Poll poll) {
        Tally tally = new Tally(poll, store.counts(poll));
        conversations.notify(poll.conversation(), CHANGED_NOTICE, Json.write(tally.toMap()))
                .whenComplete((Message notice, Throwable failure) -> {
                    if (failure != null) {
                        log.log(System.Logger.Level.WARNING, "the tally of poll " + poll.id() + " was not sent", failure);
                    }
                });
        return tally;
    }

    private Poll find(String pollId) {
        return store.find(pollId).orElseThrow(
                () -> new ImException(PollErrorCode.POLL_NOT_FOUND, "no poll " + pollId));
    }

    private Poll readableBy(String userId, String pollId) {
        Poll poll = find(pollId);
        requireReader(userId, poll.conversation());
        return poll;
    }

    private void requireReader(String userId, ConversationKey conversation) {
        if (!conversations.mayRead(userId, conversation)) {
            throw new ImException(PollErrorCode.NOT_A_MEMBER, userId + " is not in this poll's conversation");
        }
    }

    private void validate(String question, List<String> options) {
        if (question.isBlank() || question.length() > MAX_QUESTION_LENGTH) {
            throw ImException.invalidParameter("question must be 1 to " + MAX_QUESTION_LENGTH + " characters");
        }
        if (options.size() < 2 || options.size() > maxOptions) {
            throw ImException.invalidParameter("a poll has 2 to " + maxOptions + " options");
        }
        if (options.stream().anyMatch(option -> option.isBlank() || option.length() > MAX_OPTION_LENGTH)) {
            throw ImException.invalidParameter("each option must be 1 to " + MAX_OPTION_LENGTH + " characters");
        }
        if (new HashSet<>(options).size() != options.size()) {
            throw ImException.invalidParameter("options must differ");
        }
    }

    private Object lockOf(String pollId) {
        return locks[Math.floorMod(pollId.hashCode(), locks.length)];
    }

    /** Waits for a publish (fine on a worker thread; never on a stripe or in a hook), unwrapping its error. */
    private static Message await(CompletionStage<Message> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
