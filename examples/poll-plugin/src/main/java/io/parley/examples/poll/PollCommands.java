package io.parley.examples.poll;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ClientCommand.Caller;
import io.parley.api.route.FunctionCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client commands, which a device sends with {@code ImClient.command(name, body)}:
 * <ul>
 *   <li>{@code poll.create {conversationType, targetId, question, options:[…]}} → {@code {pollId}};</li>
 *   <li>{@code poll.vote {pollId, option}} (the option's index, from 0) → the tally;</li>
 *   <li>{@code poll.results {pollId}} → the tally and {@code myVote} (absent before the caller votes).</li>
 * </ul>
 * The tally is {@code {pollId, question, options, counts, voters, closed}}. Only who may read the poll's
 * conversation may vote or read it (50001 otherwise; see {@link PollErrorCode}).
 */
final class PollCommands {
    private final PollService polls;

    PollCommands(PollService polls) {
        this.polls = polls;
    }

    List<ClientCommand> commands() {
        return List.of(new FunctionCommand("poll.create", this::create), new FunctionCommand("poll.vote", this::vote),
                new FunctionCommand("poll.results", this::results));
    }

    private Map<String, Object> create(Caller caller, Map<String, Object> body) {
        int typeCode = integer(body, "conversationType");
        ConversationType type = ConversationType.fromCode(typeCode)
                .orElseThrow(() -> ImException.invalidParameter("no conversation type " + typeCode));
        Poll poll = polls.create(caller, type, string(body, "targetId"), string(body, "question"),
                strings(body, "options"));
        return Map.of("pollId", poll.id());
    }

    private Map<String, Object> vote(Caller caller, Map<String, Object> body) {
        return polls.vote(caller.userId(), string(body, "pollId"), integer(body, "option")).toMap();
    }

    private Map<String, Object> results(Caller caller, Map<String, Object> body) {
        String pollId = string(body, "pollId");
        Map<String, Object> answer = polls.results(caller.userId(), pollId).toMap();
        polls.voteOf(caller.userId(), pollId).ifPresent(option -> answer.put("myVote", option));
        return answer;
    }

    private static String string(Map<String, Object> body, String name) {
        if (body.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw ImException.invalidParameter(name + " is required, as a string");
    }

    private static int integer(Map<String, Object> body, String name) {
        if (body.get(name) instanceof Number value) {
            return value.intValue();
        }
        throw ImException.invalidParameter(name + " is required, as a number");
    }

    private static List<String> strings(Map<String, Object> body, String name) {
        List<String> values = new ArrayList<>();
        if (body.get(name) instanceof List<?> list) {
            for (Object value : list) {
                values.add(String.valueOf(value));
            }
            return values;
        }
        throw ImException.invalidParameter(name + " is required, as a list of strings");
    }
}
