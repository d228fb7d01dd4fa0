package io.parley.starter.web;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Images and files sent from the chat page. {@code POST /web/uploads?conversationType=1&targetId=bob&name=cat.png}
 * with the raw bytes as the body, their type as {@code Content-Type} and {@code Authorization: Bearer <token>}
 * stores the file and answers {@code {fileId, url, name, size, type}}; the page then sends an
 * {@code RC:ImgMsg} or {@code RC:FileMsg} naming the url. {@code GET /web/uploads/<id>} with the same kind of
 * token serves it back, to the users of that conversation only (the two users of a private chat, the
 * current members of a group). Size and types come from {@code web.uploads.*}. Counts
 * {@code im.web.uploads{result=stored|refused}} and {@code im.web.upload.bytes}.
 */
final class UploadEndpoint implements HttpEndpoint {
    private static final String UPLOADS = "Uploads of the chat page, by result (stored, refused)";
    static final String PATH = "/web/uploads";

    private final UploadStore store;
    private final TokenService tokens;
    private final ConversationAccess access;
    private final WebConfig config;
    private final Clock clock;
    private final Counter stored;
    private final Counter refused;
    private final Counter storedBytes;

    UploadEndpoint(UploadStore store, TokenService tokens, ConversationAccess access, WebConfig config, Clock clock,
            MeterRegistry registry) {
        this.store = store;
        this.tokens = tokens;
        this.access = access;
        this.config = config;
        this.clock = clock;
        this.stored = Meters.counter(registry, "im.web.uploads", UPLOADS, "result", "stored");
        this.refused = Meters.counter(registry, "im.web.uploads", UPLOADS, "result", "refused");
        this.storedBytes = Meters.counter(registry, "im.web.upload.bytes", "Bytes of the chat page's uploads stored");
    }

    @Override
    public boolean handles(String method, String path) {
        return (method.equals("POST") && path.equals(PATH)) || (method.equals("GET") && path.startsWith(PATH + "/"));
    }

    @Override
    public int maxRequestBytes() {
        return config.uploadMaxBytes();
    }

    @Override
    public HttpAnswer handle(HttpCall call) throws IOException {
        Optional<String> userId = user(call);
        if (userId.isEmpty()) {
            return Json.error(401, 31004, "send the user's token as Authorization: Bearer <token>")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        if (call.method().equals("GET")) {
            return download(call.path().substring(PATH.length() + 1), userId.get());
        }
        HttpAnswer answer = upload(call, userId.get());
        if (answer.status() == 200) {
            stored.increment();
            storedBytes.increment(call.body().length);
        } else {
            refused.increment();
        }
        return answer;
    }

    private Optional<String> user(HttpCall call) {
        Optional<String> header = call.header("Authorization").filter(value -> value.startsWith("Bearer "));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.verify(header.get().substring("Bearer ".length()).trim()).userId());
        } catch (ImException e) {
            return Optional.empty();
        }
    }

    private HttpAnswer upload(HttpCall call, String userId) throws IOException {
        String contentType = call.header("Content-Type").map(type -> type.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!config.uploadTypes().contains(contentType)) {
            return Json.error(415, 1002, "files of type '" + contentType + "' are not accepted; accepted: "
                    + String.join(", ", config.uploadTypes().stream().sorted().toList()));
        }
        if (call.body().length == 0) {
            return Json.error(400, 1002, "the file is empty");
        }
        int type;
        try {
            type = Integer.parseInt(call.queryParameter("conversationType").orElse(""));
        } catch (NumberFormatException e) {
            return Json.error(400, 1002, "conversationType must be 1 (private) or 3 (group)");
        }
        String targetId = call.queryParameter("targetId").orElse("");
        if ((type != ConversationType.PRIVATE.code() && type != ConversationType.GROUP.code()) || targetId.isEmpty()) {
            return Json.error(400, 1002, "uploads go to a private chat (1) or a group (3) named by targetId");
        }
        if (!mayUse(userId, type, targetId, userId)) {
            return Json.error(403, 22406, userId + " is not in group " + targetId);
        }
        String name = call.queryParameter("name").map(UploadEndpoint::cleanName).orElse("file");
        StoredUpload saved = store.save(userId, type, targetId, name, contentType, call.body(), clock.millis());
        return Json.answer(200, Map.of("code", 200, "fileId", saved.id(), "url", PATH + "/" + saved.id(),
                "name", saved.name(), "size", saved.size(), "type", saved.contentType()));
    }

    private HttpAnswer download(String id, String userId) throws IOException {
        Optional<StoredUpload> found = store.find(id);
        if (found.isEmpty()) {
            return Json.error(404, 1015, "no such file");
        }
        StoredUpload upload = found.get();
        if (!mayUse(upload.uploaderId(), upload.conversationType(), upload.targetId(), userId)) {
            return Json.error(403, 20406, "this file belongs to a conversation " + userId + " is not in");
        }
        String disposition = upload.contentType().startsWith("image/") ? "inline" : "attachment";
        return HttpAnswer.of(200, upload.contentType(), store.bytes(upload))
                .withHeader("Content-Disposition", disposition + "; filename*=UTF-8''"
                        + URLEncoder.encode(upload.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", "sandbox")
                .withHeader("Cache-Control", "private, max-age=3600");
    }

    /** Whether {@code viewer} takes part in the conversation {@code uploader} named as (type, targetId). */
    private boolean mayUse(String uploader, int type, String targetId, String viewer) {
        if (type == ConversationType.PRIVATE.code()) {
            return viewer.equals(uploader) || viewer.equals(targetId);
        }
        return access.isParticipant(viewer, ConversationType.GROUP, targetId);
    }

    /** A file name safe to echo in a header: no path, no quotes or control characters, at most 120 characters. */
    static String cleanName(String raw) {
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[\\p{Cntrl}\"]", "_").trim();
        if (clean.isEmpty()) {
            return "file";
        }
        return clean.length() > 120 ? clean.substring(clean.length() - 120) : clean;
    }
}
