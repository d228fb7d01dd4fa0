package io.parley.testkit.push;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Xiaomi MiPush's {@code POST /v3/message/regid}: checks {@code Authorization: key=<AppSecret>}, the form
 * content type and the required fields ({@code registration_id}, {@code restricted_package_name},
 * {@code pass_through=0}, {@code title}, {@code description}, {@code notify_type}, {@code time_to_live}), and
 * answers with Xiaomi's envelope (HTTP 200 with a business {@code code}).
 */
public final class XiaomiFake extends VendorFake {
    public static final String PATH = "/v3/message/regid";
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("bad_regids", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("20301", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("10027", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("10034", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("200001", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("1", ExpectedOutcome.TRANSIENT),
            new ErrorRow("10001", ExpectedOutcome.TRANSIENT),
            new ErrorRow("10002", ExpectedOutcome.TRANSIENT),
            new ErrorRow("10003", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http503", ExpectedOutcome.TRANSIENT),
            new ErrorRow("21301", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("22000", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("22006", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("22007", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("22022", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("10031", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("27001", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("10016", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("10017", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("21305", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("65009", ExpectedOutcome.BAD_REQUEST));

    private final String appSecret;

    public XiaomiFake(String appSecret) {
        this.appSecret = appSecret;
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    /** The package, in {@code restricted_package_name}. */
    @Override
    public boolean carriesAppId() {
        return true;
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(200, error(10027, "API called too frequently"), retryAfterHeader(retryAfter));
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, PATH)) {
            return;
        }
        if (!exchange.header("Authorization").equals("key=" + appSecret)) {
            violation("Authorization was '" + exchange.header("Authorization") + "'");
            exchange.respond(200, error(21301, "Invalid application secret."));
            return;
        }
        if (!exchange.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            violation("Content-Type was " + exchange.header("Content-Type"));
            exchange.respond(200, error(10016, "bad content type"));
            return;
        }
        Map<String, String> form = exchange.form();
        for (String field : List.of("registration_id", "restricted_package_name", "title", "description",
                "notify_type", "time_to_live")) {
            if (form.getOrDefault(field, "").isEmpty()) {
                violation("missing " + field);
                exchange.respond(200, error(10017, "missing " + field));
                return;
            }
        }
        if (!"0".equals(form.get("pass_through"))) {
            violation("pass_through was " + form.get("pass_through"));
        }
        List<String> regIds = commaList(form.get("registration_id"));
        if (regIds.size() > 1000) {
            violation(regIds.size() + " regIds in one request");
        }
        ErrorRow row = rowFor(regIds);
        if (row != null && !row.name().equals("bad_regids")) {
            if (row.isHttpStatus()) {
                exchange.respond(row.httpStatus(), "");
            } else {
                exchange.respond(200, error(Long.parseLong(row.name()), "row " + row.name()));
            }
            return;
        }
        List<String> bad = new ArrayList<>();
        for (String regId : regIds) {
            if (regId.equals("row-bad_regids")) {
                bad.add(regId);
                continue;
            }
            received(regId, form.get("restricted_package_name"), form.get("title"), form.get("description"),
                    payload(form.getOrDefault("payload", "")));
        }
        exchange.respond(200, "{\"result\":\"ok\",\"code\":0,\"description\":\"成功\",\"trace_id\":\"t1\","
                + "\"data\":{\"id\":\"m1\"" + (bad.isEmpty() ? "" : ",\"bad_regids\":\"" + String.join(",", bad) + "\"")
                + "}}");
    }

    private static Map<String, String> payload(String payload) {
        if (payload.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return textFields(JSON.readTree(payload));
        } catch (IOException e) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("payload", payload);
            return data;
        }
    }

    private static String error(long code, String reason) {
        return "{\"result\":\"error\",\"code\":" + code + ",\"description\":\"" + reason + "\",\"reason\":\""
                + reason + "\",\"trace_id\":\"t1\"}";
    }
}
