package io.parley.builtin.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.model.Message;
import io.parley.api.plugin.MessagePublisher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The JSON body of RongCloud's template publish endpoints ({@code /message/private/publish_template.json},
 * {@code /message/system/publish_template.json}): {@code {"fromUserId","objectName","content","toUserId":[…],
 * "values":[{"{name}":"x"},…],"pushContent":[…],"pushData":[…]?,"disablePush"?,"msgRandom"?,…}}. Recipient
 * {@code toUserId[i]} gets {@code content} with every placeholder of {@code values[i]} replaced by its value, and
 * {@code pushContent[i]} / {@code pushData[i]} likewise. {@code values} and {@code pushContent} must hold one entry
 * per recipient, and so must {@code pushData} when it is given; otherwise 1002 names the field. In a JSON
 * {@code content} a value is inserted JSON-escaped, so that a quote in a value cannot break the content.
 * {@code pushExt}, {@code verifyBlacklist} and {@code contentAvailable} are accepted and ignored, as on the form
 * endpoints.
 */
public record TemplateForm(String fromUserId, String objectName, String content, List<String> toUserIds,
        List<Map<String, String>> values, List<Optional<String>> pushContents, List<Optional<String>> pushData,
        Optional<String> msgRandom, boolean disablePush) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static TemplateForm parse(ApiRequest request, int maxRecipients) {
        String body = request.jsonBody().orElseThrow(
                () -> ImException.invalidParameter("a JSON body (Content-Type: application/json) is required"));
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ImException.invalidParameter("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ImException.invalidParameter("the body must be a JSON object");
        }
        String from = UserId.of(requiredText(root, "fromUserId")).value();
        String objectName = requiredText(root, "objectName");
        String content = requiredText(root, "content");
        List<String> to = new ArrayList<>();
        for (JsonNode id : requiredArray(root, "toUserId")) {
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw ImException.invalidParameter("toUserId holds a value that is not a user id: " + id);
            }
            to.add(UserId.of(id.asText()).value());
        }
        if (to.isEmpty()) {
            throw ImException.invalidParameter("toUserId is required");
        }
        if (to.size() > maxRecipients) {
            throw ImException.invalidParameter("at most " + maxRecipients + " toUserId values per call");
        }
        List<Map<String, String>> values = new ArrayList<>();
        for (JsonNode entry : sameLength(requiredArray(root, "values"), "values", to.size())) {
            if (!entry.isObject()) {
                throw ImException.invalidParameter("every values entry must be an object of placeholder to value");
            }
            Map<String, String> placeholders = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                placeholders.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
            }
            values.add(placeholders);
        }
        List<Optional<String>> push = texts(sameLength(requiredArray(root, "pushContent"), "pushContent",
                to.size()));
        JsonNode pushDataNode = root.path("pushData");
        List<Optional<String>> pushData = pushDataNode.isMissingNode() || pushDataNode.isNull()
                ? to.stream().map(id -> Optional.<String>empty()).toList()
                : texts(sameLength(array(pushDataNode, "pushData"), "pushData", to.size()));
        if (objectName.startsWith("RC:")) {
            for (Map<String, String> placeholders : values) {
                PublishForm.requireJsonObject(fill(content, placeholders, true));
            }
        }
        JsonNode random = root.path("msgRandom");
        Optional<String> msgRandom = random.isMissingNode() || random.isNull() || random.asText().isEmpty()
                ? Optional.empty() : Optional.of(random.asText());
        JsonNode disable = root.path("disablePush");
        boolean disablePush = disable.asBoolean(false) || disable.asText().equals("1");
        return new TemplateForm(from, objectName, content, List.copyOf(to), List.copyOf(values), push, pushData,
                msgRandom, disablePush);
    }

    /** The message to recipient {@code i}, its placeholders filled in. */
    public OutgoingMessage message(ConversationType type, int i) {
        Map<String, String> placeholders = values.get(i);
        boolean jsonContent = isJson(content);
        PublishForm form = new PublishForm(fromUserId, objectName, fill(content, placeholders, jsonContent),
                pushContents.get(i).map(text -> fill(text, placeholders, false)),
                pushData.get(i).map(text -> fill(text, placeholders, false)), true, true, false, msgRandom,
                disablePush);
        return form.toMessage(type, toUserIds.get(i), List.of());
    }

    /**
     * Publishes one message per recipient and waits for them all; answers {@code messageUIDs}
     * ({@code [{userId, messageUID}]}) as the form publish endpoints do (RongCloud's template endpoints document no
     * response fields; the extra one is harmless to its SDKs).
     */
    public ApiResponse publish(MessagePublisher publisher, ConversationType type) {
        List<CompletionStage<Message>> sends = new ArrayList<>();
        for (int i = 0; i < toUserIds.size(); i++) {
            sends.add(publisher.publish(message(type, i)));
        }
        List<Map<String, Object>> uids = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", toUserIds.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    /** {@code template} with every placeholder of {@code placeholders} replaced, JSON-escaped when {@code json}. */
    static String fill(String template, Map<String, String> placeholders, boolean json) {
        String filled = template;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            if (placeholder.getKey().isEmpty()) {
                continue;
            }
            String value = json ? escape(placeholder.getValue()) : placeholder.getValue();
            filled = filled.replace(placeholder.getKey(), value);
        }
        return filled;
    }

    private static String escape(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJson(String content) {
        try {
            JsonNode node = JSON.readTree(content);
            return node != null && node.isContainerNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String requiredText(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (!node.isValueNode()) {
            throw ImException.invalidParameter(name + " must be a string");
        }
        return node.asText();
    }

    private static JsonNode requiredArray(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            throw ImException.invalidParameter(name + " is required");
        }
        return array(node, name);
    }

    private static JsonNode array(JsonNode node, String name) {
        if (!node.isArray()) {
            throw ImException.invalidParameter(name + " must be an array");
        }
        return node;
    }

    private static JsonNode sameLength(JsonNode array, String name, int recipients) {
        if (array.size() != recipients) {
            throw ImException.invalidParameter(name + " must hold one entry per toUserId (" + recipients
                    + "), not " + array.size());
        }
        return array;
    }

    private static List<Optional<String>> texts(JsonNode array) {
        List<Optional<String>> texts = new ArrayList<>();
        for (JsonNode entry : array) {
            texts.add(entry.isNull() || entry.asText().isEmpty() ? Optional.empty() : Optional.of(entry.asText()));
        }
        return List.copyOf(texts);
    }
}
