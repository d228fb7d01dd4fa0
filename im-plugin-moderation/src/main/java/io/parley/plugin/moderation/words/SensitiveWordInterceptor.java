package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.moderation.common.ModerationErrorCode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the text of a message against the sensitive words: a block word rejects it with
 * {@code SENSITIVE_SHIELD} (21501), replace words are replaced in place and the message goes on. The content
 * is parsed as JSON and each string field chosen by {@code moderation.words.fields} is scanned once (content
 * that is not JSON is scanned as text); the push text is scanned too.
 *
 * <p>Called on the conversation's stripe; never blocks (the word list is an in-memory automaton).
 */
public final class SensitiveWordInterceptor implements MessageInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WordStore store;
    private final WordsConfig config;
    private final PluginMetrics.Counter blocked;
    private final PluginMetrics.Counter replaced;

    public SensitiveWordInterceptor(WordStore store, WordsConfig config, PluginMetrics metrics) {
        this.store = requireNonNull(store, "store is null");
        this.config = requireNonNull(config, "config is null");
        this.blocked = metrics.counter("im.moderation.words.hits", "action", "block");
        this.replaced = metrics.counter("im.moderation.words.hits", "action", "replace");
    }

    @Override
    public String name() {
        return "moderation.words";
    }

    @Override
    public int order() {
        return -100;
    }

    /** In memory: runs on the stripe, with no thread hand-off. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        WordMatcher matcher = store.matcher();
        if (matcher.size() == 0 || !config.checks(message.objectName())
                || (message.source().isEmpty() && !config.includeServerApi())) {
            return Decision.proceed();
        }
        Outcome outcome = new Outcome(matcher);
        String content = scanContent(message.content(), outcome);
        Optional<String> pushContent = message.pushContent().map(text -> outcome.check(text));
        if (outcome.blocked) {
            blocked.increment();
            return Decision.reject(ModerationErrorCode.SENSITIVE_SHIELD, "the message holds a blocked word");
        }
        if (!outcome.replaced) {
            return Decision.proceed();
        }
        replaced.increment();
        return Decision.replace(message.withContent(content, pushContent));
    }

    private String scanContent(String content, Outcome outcome) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) {
            return outcome.check(content);
        }
        walk(root, null, outcome);
        if (!outcome.replaced || outcome.blocked) {
            return content;
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write content back", e);
        }
    }

    /** Scans the chosen string fields of {@code node}; {@code field} is the name it is held under (arrays inherit it). */
    private void walk(JsonNode node, String field, Outcome outcome) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext() && !outcome.blocked) {
                Map.Entry<String, JsonNode> entry = fields.next();
                JsonNode value = entry.getValue();
                if (value.isTextual() && config.checksField(entry.getKey())) {
                    String checked = outcome.check(value.textValue());
                    if (!checked.equals(value.textValue())) {
                        entry.setValue(object.textNode(checked));
                    }
                } else if (value.isContainerNode()) {
                    walk(value, entry.getKey(), outcome);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size() && !outcome.blocked; i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && config.checksField(field == null ? "" : field)) {
                    String checked = outcome.check(value.textValue());
                    if (!checked.equals(value.textValue())) {
                        array.set(i, array.textNode(checked));
                    }
                } else if (value.isContainerNode()) {
                    walk(value, field, outcome);
                }
            }
        }
    }

    /** What the scan of one message found so far. */
    private static final class Outcome {
        private final WordMatcher matcher;
        boolean blocked;
        boolean replaced;

        Outcome(WordMatcher matcher) {
            this.matcher = matcher;
        }

        /** The text with its replace words replaced; marks the outcome blocked on a block word. */
        String check(String text) {
            List<WordHit> hits = matcher.scan(text);
            if (hits.isEmpty()) {
                return text;
            }
            if (hits.get(0).word().isBlock()) {
                blocked = true;
                return text;
            }
            replaced = true;
            return WordMatcher.replace(text, hits);
        }
    }
}
