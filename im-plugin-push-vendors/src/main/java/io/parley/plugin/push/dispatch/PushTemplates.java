package io.parley.plugin.push.dispatch;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.plugin.push.http.VendorHttp;
import java.util.Locale;
import java.util.Map;

/**
 * The title and text of a message's notification. The text is the message's {@code pushContent} when the
 * sender gave one, else the template of its type ({@code push.template.body.<type>}, the object name in lower
 * case with {@code :} as {@code -}, e.g. {@code rc-imgmsg}), else the default body. Templates may use
 * {@code {fromUserId}}, {@code {senderName}} (the sender's alias for the recipient, from the remarks set with
 * {@code /user/remarks/set.json} or {@code /group/remarks/set.json}, else its user id), {@code {targetId}} and
 * {@code {content}} (the text of a {@code RC:TxtMsg}).
 *
 * @param title the title template
 * @param defaultBody the body for types without a template
 * @param bodies templates by type key
 */
public record PushTemplates(String title, String defaultBody, Map<String, String> bodies) {
    public static final Map<String, String> BUILT_IN = Map.of("rc-txtmsg", "{content}", "rc-imgmsg", "[Image]",
            "rc-vcmsg", "[Voice]", "rc-hqvcmsg", "[Voice]", "rc-filemsg", "[File]", "rc-lbsmsg", "[Location]",
            "rc-sightmsg", "[Video]", "rc-gifmsg", "[GIF]");

    public PushTemplates {
        bodies = Map.copyOf(bodies);
    }

    public static String typeKey(String objectName) {
        return objectName.toLowerCase(Locale.ROOT).replace(':', '-');
    }

    public String title(Message message) {
        return title(message, "");
    }

    /** The title, {@code senderAlias} (empty: none) standing for {@code {senderName}}. */
    public String title(Message message, String senderAlias) {
        return fill(title, message, senderAlias);
    }

    public String body(Message message) {
        return body(message, "");
    }

    /** The text, {@code senderAlias} (empty: none) standing for {@code {senderName}}. */
    public String body(Message message, String senderAlias) {
        if (message.pushContent().isPresent()) {
            return message.pushContent().get();
        }
        return fill(bodies.getOrDefault(typeKey(message.objectName()), defaultBody), message, senderAlias);
    }

    private static String fill(String template, Message message, String senderAlias) {
        String result = template.replace("{fromUserId}", message.fromUserId());
        result = result.replace("{senderName}", senderAlias.isEmpty() ? message.fromUserId() : senderAlias);
        result = result.replace("{targetId}", message.conversationType() == ConversationType.GROUP
                ? message.targetId() : message.fromUserId());
        if (result.contains("{content}")) {
            result = result.replace("{content}", VendorHttp.parse(message.content()).path("content").asText(""));
        }
        return result;
    }
}
