package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Meizu Flyme push's {@code pushByPushId}: recomputes the MD5 {@code sign} from the decoded form (sorted raw
 * values, then the secret) and answers {@code 1006} on a mismatch; checks the app id, at most 100 push ids and
 * the {@code messageJson}; answers Meizu's string codes, with per-id failures in {@code value}.
 */
public final class MeizuFake extends VendorFake {
    public static final String PATH = "/garcia/api/server/push/varnished/pushByPushId";
    private static final List<String> VALUE_ROWS = List.of("110002", "110003", "110005", "value-110010", "501",
            "513", "519", "110011", "201", "520");
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("110002", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("110003", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("110005", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("value-110010", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("501", ExpectedOutcome.TRANSIENT),
            new ErrorRow("513", ExpectedOutcome.TRANSIENT),
            new ErrorRow("519", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("110011", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("201", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("520", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("top-1001", ExpectedOutcome.TRANSIENT),
            new ErrorRow("top-1003", ExpectedOutcome.TRANSIENT),
            new ErrorRow("top-500", ExpectedOutcome.TRANSIENT),
            new ErrorRow("top-110010", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("top-110019", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("top-110051", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("top-110053", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("top-1006", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-110000", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-110001", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-110009", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-110031", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-110033", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("top-1005", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("top-110004", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("top-110032", ExpectedOutcome.BAD_REQUEST));

    private final String appId;
    private final String appSecret;

    public MeizuFake(String appId, String appSecret) {
        this.appId = appId;
        this.appSecret = appSecret;
    }

    /** Meizu's sign, recomputed as the vendor does: sorted raw {@code k=v} pairs but {@code sign}, then the secret. */
    public static String sign(Map<String, String> params, String appSecret) {
        StringBuilder input = new StringBuilder();
        new TreeMap<>(params).forEach((key, value) -> {
            if (!key.equals("sign")) {
                input.append(key).append('=').append(value);
            }
        });
        return Hex.digest("MD5", input.append(appSecret).toString());
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(200, top("110010"), retryAfterHeader(retryAfter));
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, PATH)) {
            return;
        }
        Map<String, String> form = exchange.form();
        if (!sign(form, appSecret).equals(form.get("sign"))) {
            violation("sign does not match the received parameters");
            exchange.respond(200, top("1006"));
            return;
        }
        if (!appId.equals(form.get("appId"))) {
            violation("appId was " + form.get("appId"));
            exchange.respond(200, top("110000"));
            return;
        }
        List<String> ids = commaList(form.getOrDefault("pushIds", ""));
        JsonNode message = JSON.readTree(form.getOrDefault("messageJson", "{}"));
        JsonNode bar = message.path("noticeBarInfo");
        if (ids.isEmpty() || ids.size() > 100 || !bar.path("title").isTextual() || !bar.path("content").isTextual()) {
            violation("pushIds or messageJson wrong: " + form);
            exchange.respond(200, top("1005"));
            return;
        }
        ErrorRow row = rowFor(ids);
        if (row != null && row.name().startsWith("top-")) {
            exchange.respond(200, top(row.name().substring(4)));
            return;
        }
        Map<String, String> data = textFields(message.path("clickTypeInfo").path("parameters"));
        Map<String, List<String>> failed = new LinkedHashMap<>();
        for (String id : ids) {
            String valueCode = VALUE_ROWS.stream().filter(code -> id.equals("row-" + code)).findFirst().orElse(null);
            if (valueCode != null) {
                failed.computeIfAbsent(valueCode.replace("value-", ""), key -> new ArrayList<>()).add(id);
            } else {
                received(id, "", bar.path("title").asText(), bar.path("content").asText(), data);
            }
        }
        exchange.respond(200, JSON.writeValueAsString(Map.of("code", "200", "message", "", "value", failed,
                "redirect", "", "msgId", "m1")));
    }

    private static String top(String code) {
        return "{\"code\":\"" + code + "\",\"message\":\"row\",\"value\":{},\"redirect\":\"\"}";
    }
}
