package io.parley.plugin.push.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One outcome per target token of a send. */
public record PushResult(Map<String, PushOutcome> outcomes) {
    public PushResult {
        outcomes = Map.copyOf(outcomes);
    }

    /** The same outcome for every target: a whole request accepted or failed. */
    public static PushResult all(List<PushTarget> targets, PushOutcome outcome) {
        Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
        targets.forEach(target -> outcomes.put(target.token(), outcome));
        return new PushResult(outcomes);
    }

    public PushOutcome outcome(String token) {
        PushOutcome outcome = outcomes.get(token);
        if (outcome == null) {
            throw new IllegalArgumentException("no outcome for token " + token);
        }
        return outcome;
    }
}
